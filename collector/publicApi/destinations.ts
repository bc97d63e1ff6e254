import { randomBytes } from 'node:crypto';

import { CLASSIC_WEBHOOKS, findCatalogEntry } from './catalog';
import { paginate } from './pagination';
import { ApiError, invalid, jsonBody, notFound, SEGMENT, type Route } from './route';
import { stableNumber, type Destination, type PublicApiState } from './state';

function findDestination(state: PublicApiState, id: string): Destination {
	const found = state.destinations.find((candidate) => candidate.id === id);
	if (!found) throw notFound('Destination');
	return found;
}

function parseTime(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	const time = Date.parse(value);
	if (Number.isNaN(time)) throw invalid(`${name} must be an ISO-8601 date-time`, name);
	return time;
}

export const DESTINATION_ROUTES: Route[] = [
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
		handler: ({ state, params }) => ({ destination: findDestination(state, params[0]) }),
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destinations/${SEGMENT}/delivery-metrics$`),
		handler: ({ state, params, query }) => {
			const destination = findDestination(state, params[0]);
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
];

/**
 * Creating and deleting destinations (DestinationsApi.createDestination: `POST /destinations`
 * with CreateDestinationV1Input; deleteDestination: `DELETE /destinations/{destinationId}`).
 * Reading them is above. Where the definition is silent (the status for an unknown
 * source or catalog entry, a setting's checks), the choices are the collector's.
 */

const INPUT_FIELDS = ['sourceId', 'metadataId', 'enabled', 'name', 'settings'];

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

/** The settings the two webhook destinations take, checked as their catalog entries describe. */
function checkSettings(metadataId: string, settings: Record<string, unknown>): void {
	if (settings.sharedSecret !== undefined && typeof settings.sharedSecret !== 'string') {
		throw invalid('settings.sharedSecret must be text', 'settings.sharedSecret');
	}
	if (metadataId !== CLASSIC_WEBHOOKS.id) return;
	const { hooks } = settings;
	if (!Array.isArray(hooks) || hooks.length === 0 || hooks.length > 5) {
		throw invalid('settings.hooks must list 1 to 5 webhooks', 'settings.hooks');
	}
	hooks.forEach((hook, index) => {
		if (!isRecord(hook) || !isHttpUrl(hook.hook)) {
			throw invalid(
				`settings.hooks[${index}].hook must be an http(s) URL`,
				`settings.hooks[${index}].hook`,
			);
		}
	});
}

export const DESTINATION_WRITE_ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: /^\/destinations$/,
		handler: ({ state, body }) => {
			const input = jsonBody(body);
			const unknown = Object.keys(input).find((key) => !INPUT_FIELDS.includes(key));
			if (unknown) throw invalid(`Unknown field "${unknown}"`, unknown);
			for (const key of ['sourceId', 'metadataId'] as const) {
				if (typeof input[key] !== 'string' || input[key] === '') {
					throw invalid(`${key} is required`, key);
				}
			}
			if (!isRecord(input.settings)) throw invalid('settings must be an object', 'settings');
			if (input.name !== undefined && typeof input.name !== 'string') {
				throw invalid('name must be text', 'name');
			}
			if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
				throw invalid('enabled must be true or false', 'enabled');
			}
			const sourceId = input.sourceId as string;
			const metadataId = input.metadataId as string;
			if (!state.sources.some((source) => source.id === sourceId)) throw notFound('Source');
			const metadata = findCatalogEntry(state, metadataId);
			if (!metadata) {
				throw invalid(
					`metadataId "${metadataId}" is not a destination in the catalog`,
					'metadataId',
				);
			}
			if (metadataId === CLASSIC_WEBHOOKS.id && !state.features.classicWebhooks) {
				// The collector's wording: Segment keeps the classic Webhooks destination in maintenance mode.
				throw new ApiError(
					422,
					'validation',
					'The Webhooks destination is in maintenance mode: new instances cannot be created; use Webhooks (Actions)',
					'metadataId',
				);
			}
			checkSettings(metadataId, input.settings);
			const destination: Destination = {
				id: randomBytes(12).toString('hex'),
				name: (input.name as string | undefined) ?? String(metadata.name),
				enabled: input.enabled === true,
				metadata,
				sourceId,
				settings: input.settings,
			};
			state.destinations.push(destination);
			return { destination };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/destinations/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const destination = state.destinations.find((candidate) => candidate.id === params[0]);
			if (!destination) throw notFound('Destination');
			state.destinations = state.destinations.filter((other) => other !== destination);
			// Its mappings go with it.
			state.subscriptions = state.subscriptions.filter(
				(subscription) => subscription.destinationId !== destination.id,
			);
			return { status: 'SUCCESS' };
		},
	},
];

/** Whether a destination is an Actions destination (its catalog entry has actions). */
export function isActionsDestination(destination: Destination): boolean {
	const actions = destination.metadata.actions;
	return Array.isArray(actions) && actions.length > 0;
}
