import { readLabel, sameLabel } from './labels';
import { paginate } from './pagination';
import { invalid, jsonBody, notFound, SEGMENT, type Route } from './route';
import { defaultSchemaSettings, type PublicApiState, type Source } from './state';
import { trackingPlanOfSource } from './trackingPlans';

function findSource(state: PublicApiState, id: string): Source {
	const found = state.sources.find((source) => source.id === id);
	if (!found) throw notFound('Source');
	return found;
}

export const SOURCE_ROUTES: Route[] = [
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
			trackingPlanId: trackingPlanOfSource(state, params[0]),
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
			for (const [planId, ids] of Object.entries(state.trackingPlanSources))
				state.trackingPlanSources[planId] = ids.filter((id) => id !== source.id);
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
];
