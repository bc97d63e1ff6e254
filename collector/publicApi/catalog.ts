import { paginate } from './pagination';
import { notFound, SEGMENT, type Route } from './route';
import type { Catalog, PublicApiState } from './state';

/**
 * Segment's catalog (CatalogApi): `GET /catalog/{sources|destinations|warehouses}` (paginated,
 * `pagination` required) and `GET /catalog/<kind>/{metadataId}`, entries shaped as
 * SourceMetadataV1, DestinationMetadataV1 and WarehouseMetadataV1, with the options (settings)
 * each kind takes. Creating a source or destination checks its metadata ID against it.
 */

type Kind = keyof Catalog;

const KINDS: Record<Kind, { listKey: string; entryKey: string; label: string }> = {
	sources: { listKey: 'sourcesCatalog', entryKey: 'sourceMetadata', label: 'Source metadata' },
	destinations: {
		listKey: 'destinationsCatalog',
		entryKey: 'destinationMetadata',
		label: 'Destination metadata',
	},
	warehouses: {
		listKey: 'warehousesCatalog',
		entryKey: 'warehouseMetadata',
		label: 'Warehouse metadata',
	},
};

/** The catalog entry `id` of a kind, if Segment's catalog has it. */
export function findCatalogEntry(
	state: PublicApiState,
	kind: Kind,
	id: string,
): Record<string, unknown> | undefined {
	return state.catalog[kind].find((entry) => entry.id === id);
}

export const CATALOG_ROUTES: Route[] = (Object.keys(KINDS) as Kind[]).flatMap((kind) => {
	const { listKey, entryKey, label } = KINDS[kind];
	return [
		{
			method: 'GET',
			pattern: new RegExp(`^/catalog/${kind}$`),
			handler: ({ state, query }) => {
				const { page, pagination } = paginate(query, state.catalog[kind]);
				return { [listKey]: page, pagination };
			},
		},
		{
			method: 'GET',
			pattern: new RegExp(`^/catalog/${kind}/${SEGMENT}$`),
			handler: ({ state, params }) => {
				const entry = findCatalogEntry(state, kind, params[0]);
				if (!entry) throw notFound(label);
				return { [entryKey]: entry };
			},
		},
	] satisfies Route[];
});
