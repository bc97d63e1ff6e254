import { createHash } from 'node:crypto';

import { FqlError, matchesFql, parseFql } from './fql';
import { paginate } from './pagination';
import {
	ApiError,
	invalid,
	jsonBody,
	notFound,
	SEGMENT,
	type Route,
	type RouteRequest,
} from './route';
import {
	nextId,
	recordAudit,
	type Destination,
	type DestinationFilter,
	type PublicApiState,
} from './state';

/**
 * Destination filters (DestinationFiltersApi), under the singular `/destination/` path the
 * official definition gives them: list, get, create, update, delete, and the preview that runs a
 * filter over a sample payload. Only Business workspaces have them: with `features.
 * destinationFilters` off every route answers 403 `forbidden`, naming the feature. Segment's
 * documentation lists no status for that case (these endpoints document 200, 404, 422 and 429);
 * the collector answers as it answers a token without the permission, because a plan's
 * entitlement, like a role's, is about who may use the endpoint, not about the input (422) or a
 * missing object (404). A filter's `if` must be FQL the collector can read (./fql.ts).
 */

type Json = Record<string, unknown>;

const ACTION_TYPES = ['ALLOW_PROPERTIES', 'DROP', 'DROP_PROPERTIES', 'SAMPLE'];

function requireFeature(state: PublicApiState): void {
	if (!state.features.destinationFilters) {
		throw new ApiError(
			403,
			'forbidden',
			'This workspace does not have access to Destination Filters, a feature of the Business plan.',
		);
	}
}

/** A route of this file: the feature is checked before anything else. */
function gated(route: Route): Route {
	return {
		...route,
		handler: (request: RouteRequest) => {
			requireFeature(request.state);
			return route.handler(request);
		},
	};
}

function findDestination(state: PublicApiState, id: string): Destination {
	const destination = state.destinations.find((candidate) => candidate.id === id);
	if (!destination) throw notFound('Destination');
	return destination;
}

function findFilter(state: PublicApiState, destinationId: string, id: string): DestinationFilter {
	const filter = state.filters.find(
		(candidate) => candidate.destinationId === destinationId && candidate.id === id,
	);
	if (!filter) throw notFound('Destination filter');
	return filter;
}

function isObject(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkIf(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '')
		throw invalid(`${field} is required`, field);
	try {
		parseFql(value);
	} catch (error) {
		if (error instanceof FqlError)
			throw invalid(`${field} is not valid FQL: ${error.message}`, field);
		throw error;
	}
	return value;
}

/** The actions as DestinationFilterActionV1 has them; `fields` is always there in the answer. */
function checkActions(value: unknown, field: string): Json[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw invalid(`${field} must be a non-empty list`, field);
	}
	return value.map((action, index) => {
		const at = `${field}[${index}]`;
		if (!isObject(action) || !ACTION_TYPES.includes(action.type as string)) {
			throw invalid(`${at}.type must be one of ${ACTION_TYPES.join(', ')}`, `${at}.type`);
		}
		if (action.type === 'SAMPLE') {
			if (typeof action.percent !== 'number' || action.percent < 0 || action.percent > 1) {
				throw invalid(`${at}.percent must be between 0 and 1`, `${at}.percent`);
			}
		}
		if (action.type === 'ALLOW_PROPERTIES' || action.type === 'DROP_PROPERTIES') {
			if (!isObject(action.fields) || Object.keys(action.fields).length === 0) {
				throw invalid(`${at}.fields must name the properties`, `${at}.fields`);
			}
		}
		return { fields: {}, ...action };
	});
}

function checkText(value: unknown, field: string, required: boolean): string | undefined {
	if (value === undefined && !required) return undefined;
	if (typeof value !== 'string' || (required && value.trim() === '')) {
		throw invalid(`${field} must be ${required ? 'non-empty ' : ''}text`, field);
	}
	return value;
}

/** The payload after the filter's actions (null: dropped), when its condition matches. */
function applyFilter(condition: string, actions: Json[], payload: Json): Json | null {
	if (!matchesFql(condition, payload)) return payload;
	const result: Json = structuredClone(payload);
	for (const action of actions) {
		if (action.type === 'DROP') return null;
		if (action.type === 'SAMPLE') {
			const path = typeof action.path === 'string' ? action.path : '';
			const key = path === '' ? JSON.stringify(payload) : JSON.stringify(lookup(payload, path));
			const fraction = createHash('sha1').update(key).digest().readUInt32BE(0) / 0x1_0000_0000;
			if (fraction >= (action.percent as number)) return null;
			continue;
		}
		const fields = (action.fields ?? {}) as Record<string, string[]>;
		for (const [path, names] of Object.entries(fields)) {
			const target = path === '' ? result : lookup(result, path);
			if (!isObject(target)) continue;
			for (const key of Object.keys(target)) {
				const listed = names.includes(key);
				if (action.type === 'ALLOW_PROPERTIES' ? !listed : listed) delete target[key];
			}
		}
	}
	return result;
}

function lookup(payload: Json, path: string): unknown {
	let value: unknown = payload;
	for (const key of path.split('.')) {
		if (!isObject(value)) return undefined;
		value = value[key];
	}
	return value;
}

const ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: /^\/destination\/filters\/preview$/,
		handler: ({ body }) => {
			const input = jsonBody(body);
			if (!isObject(input.filter)) throw invalid('filter is required', 'filter');
			if (!isObject(input.payload)) throw invalid('payload must be an object', 'payload');
			const condition = checkIf(input.filter.if, 'filter.if');
			const actions = checkActions(input.filter.actions, 'filter.actions');
			return {
				inputPayload: input.payload,
				result: applyFilter(condition, actions, input.payload),
			};
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destination/${SEGMENT}/filters$`),
		handler: ({ state, params, query }) => {
			const destination = findDestination(state, params[0]);
			const filters = state.filters.filter((filter) => filter.destinationId === destination.id);
			const { page, pagination } = paginate(query, filters);
			return { filters: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destination/${SEGMENT}/filters/${SEGMENT}$`),
		handler: ({ state, params }) => ({
			filter: findFilter(state, findDestination(state, params[0]).id, params[1]),
		}),
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/destination/${SEGMENT}/filters$`),
		handler: ({ state, params, body }) => {
			const destination = findDestination(state, params[0]);
			const input = jsonBody(body);
			const allowed = ['sourceId', 'if', 'actions', 'title', 'description', 'enabled'];
			const unknown = Object.keys(input).find((key) => !allowed.includes(key));
			if (unknown) throw invalid(`Unknown field "${unknown}"`, unknown);
			const sourceId = checkText(input.sourceId, 'sourceId', true) as string;
			if (sourceId !== destination.sourceId) {
				throw invalid(
					`sourceId "${sourceId}" is not the source of destination "${destination.id}"`,
					'sourceId',
				);
			}
			if (typeof input.enabled !== 'boolean')
				throw invalid('enabled must be true or false', 'enabled');
			const now = new Date().toISOString();
			const description = checkText(input.description, 'description', false);
			const filter: DestinationFilter = {
				id: nextId(state, 'filter'),
				sourceId,
				destinationId: destination.id,
				if: checkIf(input.if, 'if'),
				actions: checkActions(input.actions, 'actions'),
				title: checkText(input.title, 'title', true) as string,
				...(description !== undefined ? { description } : {}),
				enabled: input.enabled,
				createdAt: now,
				updatedAt: now,
			};
			state.filters.push(filter);
			recordAudit(state, 'Destination Filter Created', {
				id: filter.id,
				type: 'destination_filter',
				name: filter.title,
			});
			return { filter };
		},
	},
	{
		method: 'PATCH',
		pattern: new RegExp(`^/destination/${SEGMENT}/filters/${SEGMENT}$`),
		handler: ({ state, params, body }) => {
			const filter = findFilter(state, findDestination(state, params[0]).id, params[1]);
			const input = jsonBody(body);
			const allowed = ['if', 'actions', 'title', 'description', 'enabled'];
			const unknown = Object.keys(input).find((key) => !allowed.includes(key));
			if (unknown) throw invalid(`Unknown field "${unknown}"`, unknown);
			if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
				throw invalid('enabled must be true or false', 'enabled');
			}
			const update: Partial<DestinationFilter> = {};
			if (input.if !== undefined) update.if = checkIf(input.if, 'if');
			if (input.actions !== undefined) update.actions = checkActions(input.actions, 'actions');
			if (input.title !== undefined) update.title = checkText(input.title, 'title', true);
			if (input.description !== undefined && input.description !== null) {
				update.description = checkText(input.description, 'description', false);
			}
			Object.assign(filter, update);
			if (input.description === null) delete filter.description;
			if (typeof input.enabled === 'boolean' && input.enabled !== filter.enabled) {
				filter.enabled = input.enabled;
				recordAudit(
					state,
					input.enabled ? 'Destination Filter Enabled' : 'Destination Filter Disabled',
					{ id: filter.id, type: 'destination_filter', name: filter.title },
				);
			}
			filter.updatedAt = new Date().toISOString();
			return { filter };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/destination/${SEGMENT}/filters/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const filter = findFilter(state, findDestination(state, params[0]).id, params[1]);
			state.filters = state.filters.filter((other) => other !== filter);
			recordAudit(state, 'Destination Filter Deleted', {
				id: filter.id,
				type: 'destination_filter',
				name: filter.title,
			});
			return { status: 'SUCCESS' };
		},
	},
];

export const DESTINATION_FILTER_ROUTES: Route[] = ROUTES.map(gated);
