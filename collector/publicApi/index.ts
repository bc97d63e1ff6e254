import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken, sendJson } from '../http';
import { CATALOG_ROUTES } from './catalog';
import { DESTINATION_ROUTES, DESTINATION_WRITE_ROUTES } from './destinations';
import { SUBSCRIPTION_ROUTES } from './destinationSubscriptions';
import { LABEL_ROUTES } from './labels';
import { PRIVACY_ROUTES } from './privacy';
import { consumeRateLimit } from './rateLimits';
import { ApiError, type Route } from './route';
import { SOURCE_ROUTES } from './sources';
import type { PublicApiState } from './state';
import { TRACKING_PLAN_ROUTES } from './trackingPlans';
import { USAGE_ROUTES } from './usage';
import { WAREHOUSE_ROUTES } from './warehouses';
import { WORKSPACE_ROUTES } from './workspace';

export { MAX_PAGE_SIZE } from './pagination';
export {
	addGeneratedDestinations,
	addGeneratedSources,
	createPublicApiState,
	resetPublicApiState,
	type PublicApiState,
	type Workspace,
} from './state';

/**
 * The collector's Public API: the routes the node uses, answered as the official API definition
 * describes them (`@segment/public-api-sdk-typescript`): Bearer token, `{ data: … }` on success,
 * Segment's error envelope `{ errors: [{ type, message, field? }] }` on failure, cursor pagination,
 * and the in-memory workspace of ./state.ts. Where the definition says nothing (the exact wording
 * of an error, which status a rule breaks with), the collector's choice is noted. Each resource's
 * routes are in its own file (./sources.ts, …); a new resource adds its file and a line below.
 */

/** Every route, by resource. */
const ROUTES: Route[] = [
	...WORKSPACE_ROUTES,
	...SOURCE_ROUTES,
	...DESTINATION_ROUTES,
	...DESTINATION_WRITE_ROUTES,
	...SUBSCRIPTION_ROUTES,
	...CATALOG_ROUTES,
	...USAGE_ROUTES,
	...LABEL_ROUTES,
	...WAREHOUSE_ROUTES,
	...PRIVACY_ROUTES,
	...TRACKING_PLAN_ROUTES,
];

/** Segment's error envelope. */
export function sendPublicApiError(
	response: ServerResponse,
	status: number,
	type: string,
	message: string,
	field?: string,
	extra: { data?: unknown; headers?: Record<string, string> } = {},
): void {
	const error = {
		type,
		message,
		...(field ? { field } : {}),
		...(extra.data ? { data: extra.data } : {}),
	};
	sendJson(response, status, { errors: [error] }, extra.headers);
}

/** Handles one Public API request the way api.segmentapis.com does. */
export function handlePublicApiRequest(
	state: PublicApiState,
	request: IncomingMessage,
	response: ServerResponse,
	path: string,
	query: URLSearchParams = new URLSearchParams(),
	body: Buffer = Buffer.alloc(0),
): void {
	const token = bearerToken(request);
	if (!token || (state.tokens && !state.tokens.has(token))) {
		sendPublicApiError(response, 401, 'unauthorized', 'The request is missing a valid token.');
		return;
	}
	const method = request.method ?? 'GET';
	let params: string[] = [];
	const route = ROUTES.find((candidate) => {
		if (candidate.method !== method) return false;
		const match = candidate.pattern.exec(path);
		if (match) params = match.slice(1).map((param) => decodeURIComponent(param));
		return match !== null;
	});
	if (!route) {
		sendPublicApiError(response, 404, 'not-found', `Resource not found: ${method} ${path}`);
		return;
	}
	if (method !== 'GET' && state.readOnlyTokens.has(token)) {
		sendPublicApiError(
			response,
			403,
			'forbidden',
			'The token does not have the permissions to perform this action.',
		);
		return;
	}
	const limit = route.rateLimit ? consumeRateLimit(state, route.rateLimit) : undefined;
	if (limit?.msBeforeNext !== undefined) {
		sendPublicApiError(
			response,
			429,
			'too-many-requests',
			'Too many requests: the rate limit of this endpoint was reached',
			undefined,
			{ data: { msBeforeNext: limit.msBeforeNext }, headers: limit.headers },
		);
		return;
	}
	try {
		sendJson(
			response,
			route.status ?? 200,
			{ data: route.handler({ state, method, query, body, params }) },
			limit?.headers,
		);
	} catch (error) {
		if (error instanceof ApiError)
			sendPublicApiError(response, error.status, error.type, error.message, error.field, {
				headers: limit?.headers,
			});
		else
			sendPublicApiError(
				response,
				500,
				'internal',
				`The collector failed: ${(error as Error).message}`,
			);
	}
}
