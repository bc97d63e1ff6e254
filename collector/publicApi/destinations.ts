import { CLASSIC_WEBHOOKS, findCatalogEntry } from './catalog';
import { paginate } from './pagination';
import { ApiError, invalid, jsonBody, notFound, SEGMENT, type Route } from './route';
import { nextId, recordAudit, stableNumber, type Destination, type PublicApiState } from './state';

/**
 * Destinations (DestinationsApi): list, get, delivery metrics, and create (`POST /destinations`
 * with CreateDestinationV1Input), update (`PATCH`, UpdateDestinationV1Input) and delete. Where the
 * definition is silent the collector chooses, and says so: a created destination is disabled
 * unless `enabled` is given and is named after its catalog entry unless `name` is; settings given
 * to an update are merged into the current ones; the catalog entry's required options must be in
 * the settings of a new destination, and the two webhook kinds' settings are checked as their
 * catalog entries describe them.
 */

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

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The fields of a create or update body that are not the definition's. */
function refuseUnknownFields(input: Record<string, unknown>, allowed: string[]): void {
	const unknown = Object.keys(input).find((key) => !allowed.includes(key));
	if (unknown) throw invalid(`Unknown field "${unknown}"`, unknown);
}

function checkNameEnabledSettings(input: Record<string, unknown>): void {
	if (input.name !== undefined && input.name !== null && typeof input.name !== 'string') {
		throw invalid('name must be text', 'name');
	}
	if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
		throw invalid('enabled must be true or false', 'enabled');
	}
	if (input.settings !== undefined && !isObject(input.settings)) {
		throw invalid('settings must be an object', 'settings');
	}
}

/** The required options of a catalog entry that `settings` lacks. */
function missingRequiredSetting(
	metadata: Record<string, unknown>,
	settings: Record<string, unknown>,
): string | undefined {
	const options = Array.isArray(metadata.options) ? (metadata.options as unknown[]) : [];
	return options
		.filter(isObject)
		.filter((option) => option.required === true && typeof option.name === 'string')
		.map((option) => option.name as string)
		.find(
			(name) => settings[name] === undefined || settings[name] === null || settings[name] === '',
		);
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
		if (!isObject(hook) || !isHttpUrl(hook.hook)) {
			throw invalid(
				`settings.hooks[${index}].hook must be an http(s) URL`,
				`settings.hooks[${index}].hook`,
			);
		}
	});
}

export const DESTINATION_ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: /^\/destinations$/,
		handler: ({ state, body }) => {
			const input = jsonBody(body);
			refuseUnknownFields(input, ['sourceId', 'metadataId', 'enabled', 'name', 'settings']);
			for (const key of ['sourceId', 'metadataId'] as const) {
				if (typeof input[key] !== 'string' || input[key] === '') {
					throw invalid(`${key} is required`, key);
				}
			}
			if (!isObject(input.settings)) throw invalid('settings is required: an object', 'settings');
			checkNameEnabledSettings(input);
			const sourceId = input.sourceId as string;
			const metadataId = input.metadataId as string;
			if (!state.sources.some((source) => source.id === sourceId)) throw notFound('Source');
			const metadata = findCatalogEntry(state, 'destinations', metadataId);
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
			const missing = missingRequiredSetting(metadata, input.settings);
			if (missing) {
				throw invalid(
					`settings.${missing} is required by ${String(metadata.name)}`,
					`settings.${missing}`,
				);
			}
			checkSettings(metadataId, input.settings);
			const destination: Destination = {
				id: nextId(state, 'destination'),
				name:
					typeof input.name === 'string' && input.name !== '' ? input.name : String(metadata.name),
				enabled: input.enabled === true,
				metadata,
				sourceId,
				settings: input.settings,
			};
			state.destinations.push(destination);
			recordAudit(state, 'Integration Created', {
				id: destination.id,
				type: 'destination',
				name: destination.name,
			});
			return { destination };
		},
	},
	{
		method: 'PATCH',
		pattern: new RegExp(`^/destinations/${SEGMENT}$`),
		handler: ({ state, params, body }) => {
			const destination = findDestination(state, params[0]);
			const input = jsonBody(body);
			refuseUnknownFields(input, ['name', 'enabled', 'settings']);
			checkNameEnabledSettings(input);
			if (Object.keys(input).length === 0) {
				throw invalid('Give at least one of name, enabled and settings');
			}
			if (typeof input.name === 'string') destination.name = input.name;
			if (input.name === null) destination.name = String(destination.metadata.name);
			if (typeof input.enabled === 'boolean') {
				if (destination.enabled && !input.enabled) {
					recordAudit(state, 'Integration Disabled', {
						id: destination.id,
						type: 'destination',
						name: destination.name,
					});
				}
				destination.enabled = input.enabled;
			}
			if (isObject(input.settings)) {
				destination.settings = { ...destination.settings, ...input.settings };
			}
			return { destination };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/destinations/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const destination = findDestination(state, params[0]);
			state.destinations = state.destinations.filter((other) => other !== destination);
			// Its filters and mappings go with it.
			state.filters = state.filters.filter((filter) => filter.destinationId !== destination.id);
			state.subscriptions = state.subscriptions.filter(
				(subscription) => subscription.destinationId !== destination.id,
			);
			recordAudit(state, 'Integration Deleted', {
				id: destination.id,
				type: 'destination',
				name: destination.name,
			});
			return { status: 'SUCCESS' };
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

/** Whether a destination is an Actions destination (its catalog entry has actions). */
export function isActionsDestination(destination: Destination): boolean {
	const actions = destination.metadata.actions;
	return Array.isArray(actions) && actions.length > 0;
}
