import { CATALOG_ROUTES } from './catalog';
import { SUBSCRIPTION_ROUTES } from './destinationSubscriptions';
import { DESTINATION_WRITE_ROUTES } from './destinations';
import type { Route } from './publicApi';

/**
 * The Public API routes a webhook destination needs: the catalog, creating and deleting
 * destinations, and Actions mappings. ./publicApi.ts serves them beside its own; it asks for them
 * per request, because these modules import its helpers (whichever module loads first).
 */
export function webhookRoutes(): Route[] {
	return [...CATALOG_ROUTES, ...DESTINATION_WRITE_ROUTES, ...SUBSCRIPTION_ROUTES];
}
