import { paginate } from './pagination';
import { ApiError, invalid, jsonBody, notFound, SEGMENT, type Route } from './route';
import type { PublicApiState, TrackingPlan, TrackingPlanRule } from './state';

/**
 * Tracking Plans (TrackingPlansApi): plans, their rules (RuleInputV1, UpsertRuleV1,
 * RemoveRuleV1; at most 200 per call, Segment's "rules must contain less than or equal to 200
 * items"; rule reads 200 a minute) and the sources connected to them (a source has one plan at
 * most, Segment's Protocols FAQ).
 *
 * Every route needs the workspace's Protocols feature (the definition: "the specified Workspace
 * needs to have the Protocols feature enabled"). Without it the collector answers 403 `forbidden`
 * with that requirement in the message. The definition names no status for it; 403 is what a
 * valid request refused for what the workspace may do gets (Segment's API design docs map
 * PermissionDenied to 403), unlike 404 (the route exists) or 400/422 (nothing in the input is
 * wrong), and what the collector's other feature gate answers.
 */

const PLAN_TYPES = ['ENGAGE', 'LIVE', 'PROPERTY_LIBRARY', 'RULE_LIBRARY', 'TEMPLATE'];
const RULE_TYPES = ['COMMON', 'GROUP', 'IDENTIFY', 'PAGE', 'SCREEN', 'TRACK'];
const MAX_RULES = 200;

function requireProtocols(state: PublicApiState): void {
	if (!state.features.protocols) {
		throw new ApiError(
			403,
			'forbidden',
			'This workspace does not have the Protocols feature enabled. Please reach out to your customer success manager for more information.',
		);
	}
}

function findPlan(state: PublicApiState, id: string): TrackingPlan {
	requireProtocols(state);
	const plan = state.trackingPlans.find((candidate) => candidate.id === id);
	if (!plan) throw notFound('Tracking Plan');
	return plan;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

type RuleShape = 'input' | 'upsert' | 'remove';

/** One rule of a request, checked as its model defines it. */
function readRule(value: unknown, field: string, shape: RuleShape): Record<string, unknown> {
	if (!isObject(value)) throw invalid('A rule must be an object', field);
	const allowed = {
		input: ['type', 'key', 'jsonSchema', 'version'],
		upsert: ['type', 'key', 'jsonSchema', 'version', 'newKey'],
		remove: ['type', 'key', 'version'],
	}[shape];
	const unknown = Object.keys(value).find((key) => !allowed.includes(key));
	if (unknown) throw invalid(`Unknown field "${unknown}"`, `${field}.${unknown}`);
	if (typeof value.type !== 'string' || !RULE_TYPES.includes(value.type)) {
		throw invalid(`type must be one of ${RULE_TYPES.join(', ')}`, `${field}.type`);
	}
	for (const name of ['key', 'newKey']) {
		if (value[name] !== undefined && typeof value[name] !== 'string') {
			throw invalid(`${name} must be text`, `${field}.${name}`);
		}
	}
	const version = typeof value.version === 'string' ? Number(value.version) : value.version;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw invalid('version must be a whole number of 1 or more', `${field}.version`);
	}
	if (
		shape !== 'remove' &&
		(!('jsonSchema' in value) || (value.jsonSchema !== null && !isObject(value.jsonSchema)))
	) {
		throw invalid('jsonSchema must be a JSON Schema object', `${field}.jsonSchema`);
	}
	return { ...value, version };
}

function readRules(list: unknown, shape: RuleShape): Array<Record<string, unknown>> {
	if (!Array.isArray(list)) throw invalid('rules must be a list', 'rules');
	if (list.length > MAX_RULES) {
		throw invalid(`rules must contain less than or equal to ${MAX_RULES} items`, 'rules');
	}
	return list.map((rule, index) => readRule(rule, `rules[${index}]`, shape));
}

/** The rules of a DELETE's query: `rules[0][type]=…&rules[0][key]=…&rules[0][version]=…`. */
function queryRules(query: URLSearchParams): unknown[] {
	const rules: Array<Record<string, string>> = [];
	for (const [key, value] of query.entries()) {
		const match = /^rules\[(\d+)\]\[(\w+)\]$/.exec(key);
		if (!match) continue;
		const index = Number(match[1]);
		rules[index] = { ...rules[index], [match[2]]: value };
	}
	if (rules.length === 0) throw invalid('rules is required', 'rules');
	return Array.from(rules, (rule) => rule ?? {});
}

type RuleIdentity = { type?: unknown; key?: unknown; version?: unknown };

const sameRule = (a: RuleIdentity, b: RuleIdentity): boolean =>
	a.type === b.type && (a.key ?? '') === (b.key ?? '') && a.version === b.version;

function storedRule(input: Record<string, unknown>, at: string, createdAt = at): TrackingPlanRule {
	return {
		type: input.type as string,
		...(typeof input.key === 'string' ? { key: input.key } : {}),
		jsonSchema: input.jsonSchema,
		version: input.version as number,
		createdAt,
		updatedAt: at,
	};
}

function planSlug(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

export const TRACKING_PLAN_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/tracking-plans$/,
		handler: ({ state, query }) => {
			requireProtocols(state);
			const type = query.get('type');
			if (type !== null && !PLAN_TYPES.includes(type)) {
				throw invalid(`type must be one of ${PLAN_TYPES.join(', ')}`, 'type');
			}
			const plans = state.trackingPlans.filter((plan) => type === null || plan.type === type);
			const { page, pagination } = paginate(query, plans);
			return { trackingPlans: page, pagination };
		},
	},
	{
		method: 'POST',
		pattern: /^\/tracking-plans$/,
		handler: ({ state, body }) => {
			requireProtocols(state);
			const input = jsonBody(body);
			const unknown = Object.keys(input).find(
				(key) => !['name', 'type', 'description'].includes(key),
			);
			if (unknown) throw invalid(`Unknown field "${unknown}"`, unknown);
			if (typeof input.name !== 'string' || input.name.trim() === '') {
				throw invalid('name must be non-empty text', 'name');
			}
			if (typeof input.type !== 'string' || !PLAN_TYPES.includes(input.type)) {
				throw invalid(`type must be one of ${PLAN_TYPES.join(', ')}`, 'type');
			}
			if (input.description !== undefined && typeof input.description !== 'string') {
				throw invalid('description must be text', 'description');
			}
			state.serial += 1;
			const now = new Date().toISOString();
			const plan: TrackingPlan = {
				id: `tp_created${String(state.serial).padStart(18, '0')}`,
				name: input.name,
				slug: planSlug(input.name),
				...(typeof input.description === 'string' ? { description: input.description } : {}),
				type: input.type,
				createdAt: now,
				updatedAt: now,
			};
			state.trackingPlans.push(plan);
			state.trackingPlanRules[plan.id] = [];
			return { trackingPlan: plan };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}$`),
		handler: ({ state, params }) => ({ trackingPlan: findPlan(state, params[0]) }),
	},
	{
		method: 'PATCH',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}$`),
		handler: ({ state, params, body }) => {
			const plan = findPlan(state, params[0]);
			const input = jsonBody(body);
			const unknown = Object.keys(input).find((key) => !['name', 'description'].includes(key));
			if (unknown) throw invalid(`Unknown field "${unknown}"`, unknown);
			if (
				input.name !== undefined &&
				(typeof input.name !== 'string' || input.name.trim() === '')
			) {
				throw invalid('name must be non-empty text', 'name');
			}
			if (input.description !== undefined && typeof input.description !== 'string') {
				throw invalid('description must be text', 'description');
			}
			if (typeof input.name === 'string') plan.name = input.name;
			if (typeof input.description === 'string') plan.description = input.description;
			plan.updatedAt = new Date().toISOString();
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const plan = findPlan(state, params[0]);
			state.trackingPlans = state.trackingPlans.filter((other) => other !== plan);
			delete state.trackingPlanRules[plan.id];
			delete state.trackingPlanSources[plan.id];
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}/rules$`),
		rateLimit: 'trackingPlanRulesRead',
		handler: ({ state, params, query }) => {
			const plan = findPlan(state, params[0]);
			const { page, pagination } = paginate(query, state.trackingPlanRules[plan.id] ?? []);
			return { rules: page, pagination };
		},
	},
	{
		method: 'PATCH',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}/rules$`),
		handler: ({ state, params, body }) => {
			const plan = findPlan(state, params[0]);
			const rules = readRules(jsonBody(body).rules, 'upsert');
			const stored = (state.trackingPlanRules[plan.id] ??= []);
			const now = new Date().toISOString();
			for (const rule of rules) {
				const index = stored.findIndex((existing) => sameRule(existing, rule));
				const key = typeof rule.newKey === 'string' ? rule.newKey : rule.key;
				const next = storedRule(
					{ ...rule, key },
					now,
					index === -1 ? now : stored[index].createdAt,
				);
				if (index === -1) stored.push(next);
				else stored[index] = next;
			}
			plan.updatedAt = now;
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'PUT',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}/rules$`),
		handler: ({ state, params, body }) => {
			const plan = findPlan(state, params[0]);
			const rules = readRules(jsonBody(body).rules, 'input');
			const now = new Date().toISOString();
			state.trackingPlanRules[plan.id] = rules.map((rule) => storedRule(rule, now));
			plan.updatedAt = now;
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}/rules$`),
		handler: ({ state, params, query }) => {
			const plan = findPlan(state, params[0]);
			const rules = readRules(queryRules(query), 'remove');
			state.trackingPlanRules[plan.id] = (state.trackingPlanRules[plan.id] ?? []).filter(
				(existing) => !rules.some((rule) => sameRule(existing, rule)),
			);
			plan.updatedAt = new Date().toISOString();
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}/sources$`),
		handler: ({ state, params, query }) => {
			const plan = findPlan(state, params[0]);
			const ids = state.trackingPlanSources[plan.id] ?? [];
			const sources = state.sources.filter((source) => ids.includes(source.id));
			const { page, pagination } = paginate(query, sources);
			return { sources: page, pagination };
		},
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}/sources$`),
		handler: ({ state, params, body }) => {
			const plan = findPlan(state, params[0]);
			const { sourceId } = jsonBody(body);
			if (typeof sourceId !== 'string' || sourceId === '') {
				throw invalid('sourceId must be non-empty text', 'sourceId');
			}
			if (!state.sources.some((source) => source.id === sourceId)) throw notFound('Source');
			const other = Object.entries(state.trackingPlanSources).find(
				([planId, ids]) => planId !== plan.id && ids.includes(sourceId),
			);
			if (other) {
				throw invalid(
					`Source "${sourceId}" is already connected to Tracking Plan "${other[0]}": a source has one Tracking Plan at most`,
					'sourceId',
				);
			}
			const ids = (state.trackingPlanSources[plan.id] ??= []);
			if (!ids.includes(sourceId)) ids.push(sourceId);
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/tracking-plans/${SEGMENT}/sources$`),
		handler: ({ state, params, query }) => {
			const plan = findPlan(state, params[0]);
			const sourceId = query.get('sourceId');
			if (!sourceId) throw invalid('sourceId is required', 'sourceId');
			const ids = state.trackingPlanSources[plan.id] ?? [];
			if (!ids.includes(sourceId)) {
				throw invalid(`Source "${sourceId}" is not connected to this Tracking Plan`, 'sourceId');
			}
			state.trackingPlanSources[plan.id] = ids.filter((id) => id !== sourceId);
			return { status: 'SUCCESS' };
		},
	},
];

/** The Tracking Plan a source is connected to, for GET /sources/{id} (`trackingPlanId`). */
export function trackingPlanOfSource(state: PublicApiState, sourceId: string): string | null {
	const entry = Object.entries(state.trackingPlanSources).find(([, ids]) => ids.includes(sourceId));
	return entry ? entry[0] : null;
}
