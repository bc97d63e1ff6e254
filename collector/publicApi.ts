import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken, sendJson } from './http';
import {
	defaultSchemaSettings,
	stableNumber,
	type Label,
	type PublicApiState,
	type Source,
} from './publicApiState';
import { webhookRoutes } from './webhookRoutes';

export {
	addGeneratedDestinations,
	addGeneratedSources,
	createPublicApiState,
	resetPublicApiState,
	type PublicApiState,
	type Workspace,
} from './publicApiState';

/**
 * The collector's Public API: the routes the node uses, answered as the official API definition
 * describes them (`@segment/public-api-sdk-typescript`): Bearer token, `{ data: … }` on success,
 * Segment's error envelope `{ errors: [{ type, message, field? }] }` on failure, cursor pagination,
 * and the in-memory workspace of ./publicApiState.ts. Where the definition says nothing (the exact
 * wording of an error, which status a rule breaks with), the collector's choice is noted.
 */

/** Segment's error envelope. */
export function sendPublicApiError(
	response: ServerResponse,
	status: number,
	type: string,
	message: string,
	field?: string,
): void {
	sendJson(response, status, { errors: [{ type, message, ...(field ? { field } : {}) }] });
}

/** A request that breaks a rule: answered with Segment's envelope. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
		readonly field?: string,
	) {
		super(message);
	}
}

export const notFound = (what: string): ApiError =>
	new ApiError(404, 'not-found', `${what} not found`);
// The definition names no status for invalid input; the collector answers 422 with the field.
export const invalid = (message: string, field?: string): ApiError =>
	new ApiError(422, 'validation', message, field);

/** The largest page: "between 1 and 1000" (PaginationInput.count). */
export const MAX_PAGE_SIZE = 1000;

export interface Request {
	state: PublicApiState;
	method: string;
	query: URLSearchParams;
	body: Buffer;
	params: string[];
}

/** Reads a query parameter of the `pagination` object, in either spelling clients use. */
function paginationParam(query: URLSearchParams, name: 'count' | 'cursor'): string | null {
	return query.get(`pagination[${name}]`) ?? query.get(`pagination.${name}`);
}

function encodeCursor(offset: number): string {
	return Buffer.from(String(offset)).toString('base64');
}

/**
 * One page of `list`, by the `pagination` query: `pagination[count]`/`pagination[cursor]` (as the
 * official SDKs send it) or `pagination.count`/`pagination.cursor` (as Segment's docs write it).
 */
export function paginate<T>(
	query: URLSearchParams,
	list: T[],
	required = true,
): { page: T[]; pagination: Record<string, unknown> } {
	const countText = paginationParam(query, 'count');
	const cursor = paginationParam(query, 'cursor');
	if (countText === null && required) {
		throw invalid('pagination.count is required', 'pagination.count');
	}
	const count = countText === null ? 200 : Number(countText);
	if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE_SIZE) {
		throw invalid(`pagination.count must be between 1 and ${MAX_PAGE_SIZE}`, 'pagination.count');
	}
	let offset = 0;
	if (cursor !== null && cursor !== '') {
		offset = Number(Buffer.from(cursor, 'base64').toString('utf8'));
		if (!Number.isInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) {
			throw invalid('pagination.cursor is not a cursor this API gave', 'pagination.cursor');
		}
	}
	const page = list.slice(offset, offset + count);
	const pagination: Record<string, unknown> = {
		current: encodeCursor(offset),
		totalEntries: list.length,
	};
	if (offset + count < list.length) pagination.next = encodeCursor(offset + count);
	if (offset > 0) pagination.previous = encodeCursor(Math.max(0, offset - count));
	return { page, pagination };
}

const NOT_JSON = Symbol('not JSON');

export function jsonBody(body: Buffer): Record<string, unknown> {
	if (body.length === 0) throw new ApiError(400, 'bad-request', 'The request body is missing');
	let parsed: unknown = NOT_JSON;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		// Answered below: a catch block here only notes the failure.
	}
	if (parsed === NOT_JSON)
		throw new ApiError(400, 'bad-request', 'The request body is not valid JSON');
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ApiError(400, 'bad-request', 'The request body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

function findSource(state: PublicApiState, id: string): Source {
	const found = state.sources.find((source) => source.id === id);
	if (!found) throw notFound('Source');
	return found;
}

function readLabel(value: unknown, field: string): Label {
	const label = value as Record<string, unknown> | null;
	if (
		!label ||
		typeof label !== 'object' ||
		typeof label.key !== 'string' ||
		label.key === '' ||
		typeof label.value !== 'string' ||
		label.value === ''
	) {
		throw invalid('A label needs a non-empty key and value', field);
	}
	if (label.description !== undefined && typeof label.description !== 'string') {
		throw invalid('A label description must be text', `${field}.description`);
	}
	return {
		key: label.key,
		value: label.value,
		...(typeof label.description === 'string' ? { description: label.description } : {}),
	};
}

const sameLabel = (a: Label, b: Label): boolean => a.key === b.key && a.value === b.value;

function parseTime(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	const time = Date.parse(value);
	if (Number.isNaN(time)) throw invalid(`${name} must be an ISO-8601 date-time`, name);
	return time;
}

export type Handler = (request: Request) => unknown;

export interface Route {
	method: string;
	pattern: RegExp;
	handler: Handler;
}

const SEGMENT = '([^/]+)';

const ROUTES: Route[] = [
	{ method: 'GET', pattern: /^\/?$/, handler: ({ state }) => ({ workspace: state.workspace }) },
	{
		method: 'GET',
		pattern: /^\/sources$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, state.sources);
			return { sources: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/sources/${SEGMENT}$`),
		handler: ({ state, params }) => ({
			source: findSource(state, params[0]),
			trackingPlanId: null,
		}),
	},
	{
		method: 'PATCH',
		pattern: new RegExp(`^/sources/${SEGMENT}$`),
		handler: ({ state, params, body }) => {
			const source = findSource(state, params[0]);
			const input = jsonBody(body);
			const allowed = ['name', 'enabled', 'slug', 'settings'];
			const unknown = Object.keys(input).find((key) => !allowed.includes(key));
			if (unknown) throw invalid(`Unknown field "${unknown}"`, unknown);
			if (
				input.name !== undefined &&
				(typeof input.name !== 'string' || input.name.trim() === '')
			) {
				throw invalid('name must be non-empty text', 'name');
			}
			if (input.slug !== undefined) {
				if (typeof input.slug !== 'string' || !/^[a-z0-9_-]+$/.test(input.slug)) {
					throw invalid('slug must be lowercase letters, digits, "-" or "_"', 'slug');
				}
				if (state.sources.some((other) => other !== source && other.slug === input.slug)) {
					throw invalid(`slug "${input.slug}" is already used by another source`, 'slug');
				}
			}
			if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
				throw invalid('enabled must be true or false', 'enabled');
			}
			if (
				input.settings !== undefined &&
				(input.settings === null ||
					typeof input.settings !== 'object' ||
					Array.isArray(input.settings))
			) {
				throw invalid('settings must be an object', 'settings');
			}
			if (typeof input.name === 'string') source.name = input.name;
			if (typeof input.slug === 'string') source.slug = input.slug;
			if (typeof input.enabled === 'boolean') source.enabled = input.enabled;
			if (input.settings)
				source.settings = { ...source.settings, ...(input.settings as Record<string, unknown>) };
			return { source };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/sources/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const source = findSource(state, params[0]);
			state.sources = state.sources.filter((other) => other !== source);
			delete state.connections[source.id];
			delete state.schemaSettings[source.id];
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/sources/${SEGMENT}/labels$`),
		handler: ({ state, params, body }) => {
			const source = findSource(state, params[0]);
			const input = jsonBody(body);
			if (!Array.isArray(input.labels) || input.labels.length === 0) {
				throw invalid('labels must be a non-empty list', 'labels');
			}
			const labels = input.labels.map((label, index) => readLabel(label, `labels[${index}]`));
			for (const label of labels) {
				const known = state.labels.find((candidate) => sameLabel(candidate, label));
				// Only labels of the workspace can be added (the collector's wording and status).
				if (!known)
					throw invalid(
						`Label "${label.key}:${label.value}" does not exist in the workspace`,
						'labels',
					);
				if (!source.labels.some((existing) => sameLabel(existing, known)))
					source.labels.push({ ...known });
			}
			return { labels: source.labels };
		},
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/sources/${SEGMENT}/writekey$`),
		handler: ({ state, params }) => {
			const source = findSource(state, params[0]);
			state.writeKeySerial += 1;
			source.writeKeys.push(`wk_dummy_created_${String(state.writeKeySerial).padStart(4, '0')}`);
			return { source };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/sources/${SEGMENT}/writekey/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const source = findSource(state, params[0]);
			const writeKey = params[1];
			if (!source.writeKeys.includes(writeKey)) throw notFound('Write key');
			source.writeKeys = source.writeKeys.filter((key) => key !== writeKey);
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/sources/${SEGMENT}/settings$`),
		handler: ({ state, params }) => {
			const source = findSource(state, params[0]);
			return {
				sourceId: source.id,
				settings: state.schemaSettings[source.id] ?? defaultSchemaSettings(),
			};
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/sources/${SEGMENT}/connected-warehouses$`),
		handler: ({ state, params, query }) => {
			const source = findSource(state, params[0]);
			const ids = state.connections[source.id] ?? [];
			const warehouses = state.warehouses.filter((warehouse) => ids.includes(warehouse.id));
			const { page, pagination } = paginate(query, warehouses);
			return { warehouses: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: /^\/destinations$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, state.destinations);
			return { destinations: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destinations/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const destination = state.destinations.find((candidate) => candidate.id === params[0]);
			if (!destination) throw notFound('Destination');
			return { destination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destinations/${SEGMENT}/delivery-metrics$`),
		handler: ({ state, params, query }) => {
			const destination = state.destinations.find((candidate) => candidate.id === params[0]);
			if (!destination) throw notFound('Destination');
			const sourceId = query.get('sourceId');
			if (!sourceId) throw invalid('sourceId is required', 'sourceId');
			const granularity = query.get('granularity') ?? 'MINUTE';
			if (!['DAY', 'HOUR', 'MINUTE'].includes(granularity)) {
				throw invalid('granularity must be DAY, HOUR or MINUTE', 'granularity');
			}
			const start = parseTime(query, 'startTime');
			const end = parseTime(query, 'endTime');
			if (start !== undefined && end !== undefined && start > end) {
				throw invalid('startTime must be before endTime', 'startTime');
			}
			// Made-up but stable numbers: the same query gives the same summary.
			const seed = `${destination.id}/${sourceId}/${granularity}/${start ?? ''}/${end ?? ''}`;
			const delivered = 1000 + stableNumber(`${seed}/ok`, 9000);
			const retried = stableNumber(`${seed}/retry`, 100);
			const failed = stableNumber(`${seed}/failed`, 50);
			const filtered = stableNumber(`${seed}/filtered`, 200);
			return {
				deliveryMetricsSummary: {
					sourceId,
					destinationMetadataId: String((destination.metadata as { id?: string }).id ?? ''),
					metrics: [
						{
							metricName: 'successes',
							total: delivered,
							breakdown: [
								{ metricName: 'successesOnFirstAttempt', value: delivered - retried },
								{ metricName: 'successesAfterRetry', value: retried },
							],
						},
						{ metricName: 'failed', total: failed, breakdown: [] },
						{ metricName: 'filteredAtDestination', total: filtered, breakdown: [] },
					],
				},
			};
		},
	},
	{
		method: 'GET',
		pattern: /^\/usage\/api-calls\/sources\/daily$/,
		handler: ({ state, query }) => {
			const period = query.get('period');
			if (!period) throw invalid('period is required', 'period');
			const start = new Date(Date.parse(period));
			if (Number.isNaN(start.getTime())) throw invalid('period must be an ISO-8601 date', 'period');
			const year = start.getUTCFullYear();
			const month = start.getUTCMonth();
			const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
			const usage: Array<Record<string, string>> = [];
			for (let day = 1; day <= days; day++) {
				const timestamp = new Date(Date.UTC(year, month, day)).toISOString();
				for (const source of state.sources) {
					usage.push({
						sourceId: source.id,
						apiCalls: String(stableNumber(`${source.id}/${timestamp}`, 5000) * day),
						timestamp,
					});
				}
			}
			const { page, pagination } = paginate(query, usage);
			return { dailyPerSourceAPICallsUsage: page, pagination };
		},
	},
	{ method: 'GET', pattern: /^\/labels$/, handler: ({ state }) => ({ labels: state.labels }) },
	{
		method: 'POST',
		pattern: /^\/labels$/,
		handler: ({ state, body }) => {
			const input = jsonBody(body);
			const label = readLabel(input.label, 'label');
			if (state.labels.some((existing) => sameLabel(existing, label))) {
				throw invalid(`Label "${label.key}:${label.value}" already exists`, 'label');
			}
			state.labels.push(label);
			return { label };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/warehouses/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const warehouse = state.warehouses.find((candidate) => candidate.id === params[0]);
			if (!warehouse) throw notFound('Warehouse');
			return { warehouse };
		},
	},
	{
		method: 'GET',
		pattern: /^\/warehouses$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, state.warehouses);
			return { warehouses: page, pagination };
		},
	},
];

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
	// The webhook routes (catalog, destination writes, subscriptions) live in their own files.
	const route = [...ROUTES, ...webhookRoutes()].find((candidate) => {
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
	try {
		sendJson(response, method === 'POST' && path === '/labels' ? 201 : 200, {
			data: route.handler({ state, method, query, body, params }),
		});
	} catch (error) {
		if (error instanceof ApiError)
			sendPublicApiError(response, error.status, error.type, error.message, error.field);
		else
			sendPublicApiError(
				response,
				500,
				'internal',
				`The collector failed: ${(error as Error).message}`,
			);
	}
}
