import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { isPlainObject } from '../../helpers/values';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId } from '../admin';
import { sendParts, splitList, type PartsWording } from '../requestParts';

/**
 * Tracking Plan rules as the three writing operations (Add or Update, Replace, Remove) take them:
 * JSON, one rule or a list, each checked against the definition's model (RuleInputV1,
 * UpsertRuleV1, RemoveRuleV1 in `@segment/public-api-sdk-typescript`) before anything is sent,
 * then sent at most 200 per call (Segment refuses more: "rules must contain less than or equal
 * to 200 items", Segment's Protocols FAQ), each call its own output item.
 */

export const RULE_TYPES = ['COMMON', 'GROUP', 'IDENTIFY', 'PAGE', 'SCREEN', 'TRACK'] as const;

export const MAX_RULES_PER_REQUEST = 200;

/**
 * Remove Rules sends the rules in its query string, about 100 bytes a rule: 200 would make a URL
 * of some 20 KB, past the 16 KB many servers and proxies take for a request line (Node's own
 * default among them). Its requests are split before the query passes 8 KB (some 80 rules).
 */
export const MAX_REMOVE_QUERY_BYTES = 8000;

/** Fields Get Rules outputs that no write takes: dropped, so its output can be sent as it is. */
const READ_ONLY_FIELDS = ['createdAt', 'updatedAt', 'deprecatedAt'];

export type RulesShape = 'input' | 'upsert' | 'remove';

const FIELDS: Record<RulesShape, string[]> = {
	input: ['type', 'key', 'jsonSchema', 'version'],
	upsert: ['type', 'key', 'jsonSchema', 'version', 'newKey'],
	remove: ['type', 'key', 'version'],
};

/** The Rules (JSON) parameter of the writing operations. */
export function rulesField(description: string): INodeProperties {
	return {
		displayName: 'Rules (JSON)',
		name: 'rules',
		type: 'json',
		required: true,
		default: '[]',
		description: `${description} A rule is { "type": TRACK, IDENTIFY, GROUP, PAGE, SCREEN or COMMON, "key": the event name (Track), "version": 1, "jsonSchema": a JSON Schema object }; Get Rules' output can be given as it is. To send the rules of all input items (one rule each) in one go, give them as one list with an expression and turn on Settings › Execute Once (see the docs).`,
	};
}

/** A rule's identity in the plan: type, key and version. */
function identity(rule: IDataObject): IDataObject {
	return {
		type: rule.type,
		...(rule.key !== undefined ? { key: rule.key } : {}),
		version: rule.version,
	};
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return JSON.stringify(value);
	return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** The rules of the Rules (JSON) parameter, each checked; refused with the rule and field named. */
export function readRules(
	this: IExecuteFunctions,
	itemIndex: number,
	shape: RulesShape,
): IDataObject[] {
	const node = this.getNode();
	const refuse = (path: string, problem: string) =>
		fieldError(node, itemIndex, { label: 'Rules (JSON)', path }, problem);
	let raw = this.getNodeParameter('rules', itemIndex, '') as unknown;
	if (typeof raw === 'string') {
		if (raw.trim() === '')
			throw refuse('rules', 'must not be empty: give a rule or a list of rules');
		try {
			raw = JSON.parse(raw);
		} catch {
			throw refuse('rules', 'is not valid JSON');
		}
	}
	const entries = Array.isArray(raw) ? raw : [raw];
	if (entries.length === 0) {
		throw refuse(
			'rules',
			shape === 'remove'
				? 'expected at least one rule to remove'
				: 'expected at least one rule (to remove rules, use Remove Rules)',
		);
	}
	const seen = new Map<string, number>();
	return entries.map((entry: unknown, index) => {
		const at = Array.isArray(raw) ? `rules[${index}]` : 'rules';
		if (!isPlainObject(entry)) {
			throw refuse(
				at,
				`expected a rule object with type, key, version${shape === 'remove' ? '' : ' and jsonSchema'}; got ${describe(entry)}`,
			);
		}
		const allowed = FIELDS[shape];
		const rule: IDataObject = {};
		for (const [name, value] of Object.entries(entry)) {
			if (READ_ONLY_FIELDS.includes(name) || (shape === 'remove' && name === 'jsonSchema'))
				continue;
			if (!allowed.includes(name)) {
				throw refuse(`${at}.${name}`, `is not a field of a rule (expected ${allowed.join(', ')})`);
			}
			if (value === undefined || (value === null && (name === 'key' || name === 'newKey')))
				continue;
			rule[name] = value as IDataObject[string];
		}
		if (!(RULE_TYPES as readonly unknown[]).includes(rule.type)) {
			throw refuse(
				`${at}.type`,
				`expected one of ${RULE_TYPES.join(', ')}; got ${describe(rule.type)}`,
			);
		}
		for (const name of ['key', 'newKey']) {
			const value = rule[name];
			if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
				throw refuse(`${at}.${name}`, `expected non-empty text; got ${describe(value)}`);
			}
		}
		if (typeof rule.version !== 'number' || !Number.isInteger(rule.version) || rule.version < 1) {
			throw refuse(
				`${at}.version`,
				`expected a whole number of 1 or more; got ${describe(rule.version)}`,
			);
		}
		if (shape !== 'remove') {
			if (!('jsonSchema' in rule)) {
				throw refuse(`${at}.jsonSchema`, 'is missing: give the JSON Schema the calls must match');
			}
			if (rule.jsonSchema !== null && !isPlainObject(rule.jsonSchema)) {
				throw refuse(
					`${at}.jsonSchema`,
					`expected a JSON Schema object; got ${describe(rule.jsonSchema)}`,
				);
			}
		}
		const id = JSON.stringify([rule.type, rule.key ?? null, rule.version]);
		const earlier = seen.get(id);
		if (earlier !== undefined) {
			throw refuse(
				at,
				`is the same rule (type, key and version) as rules[${earlier}]; give each rule once`,
			);
		}
		seen.set(id, index);
		return rule;
	});
}

const plural = (n: number) => `${n} rule${n === 1 ? '' : 's'}`;

/** How a write was applied, per request: a Replace longer than 200 continues with upserts. */
type RulesAction = 'addOrUpdate' | 'replace' | 'remove';

const ACTION_WORDS: Record<RulesAction, string> = {
	addOrUpdate: 'added or updated',
	replace: 'replaced',
	remove: 'removed',
};

function wording(operation: RulesAction): PartsWording {
	return {
		done: (json) =>
			`${Array.isArray(json.rules) ? plural(json.rules.length) : 'rules'} ${ACTION_WORDS[(json.action as RulesAction) ?? operation] ?? 'sent'}`,
		doneAre: 'applied to the plan',
		ifActed:
			'Segment may have applied the failed request before its answer was lost; sending the same rules again is safe (the same rules added, replaced or removed twice give the same plan).',
		leaves:
			operation === 'replace'
				? (failed) =>
						failed > 1
							? `The replacement is half made: the plan holds the rules of requests 1 to ${failed - 1} only; run Replace Rules again with the whole list.`
							: undefined
				: undefined,
	};
}

/** The rules in request-sized parts: 200 each, and a Remove's query within its size. */
function rulesParts(rules: IDataObject[], operation: RulesAction): IDataObject[][] {
	if (operation !== 'remove') return splitList(rules, { maxEntries: MAX_RULES_PER_REQUEST }).parts;
	return splitList(rules, {
		maxEntries: MAX_RULES_PER_REQUEST,
		maxBytes: MAX_REMOVE_QUERY_BYTES,
		// As the query goes on the wire: brackets encoded, an index of up to three digits.
		entryBytes: (rule) =>
			Object.entries(rule).reduce(
				(bytes, [name, value]) =>
					bytes +
					`${encodeURIComponent(`rules[000][${name}]`)}=${encodeURIComponent(String(value))}&`
						.length,
				0,
			),
	}).parts;
}

/**
 * TrackingPlansApi.updateRulesInTrackingPlan (PATCH …/rules, upsert),
 * replaceRulesInTrackingPlan (PUT …/rules) and removeRulesFromTrackingPlan (DELETE …/rules with
 * the rules in the query): the rules of one item, 200 per request. A Replace of more than 200
 * replaces with the first 200 and adds the others with upserts, so the plan ends with the whole
 * list (and none of its earlier rules).
 */
export async function writeRules(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: RulesAction,
): Promise<IDataObject[]> {
	const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
	const rules = readRules.call(
		this,
		itemIndex,
		operation === 'remove' ? 'remove' : operation === 'replace' ? 'input' : 'upsert',
	);
	const path = apiPath('/tracking-plans/{trackingPlanId}/rules', { trackingPlanId });
	const parts = rulesParts(rules, operation);
	return await sendParts(
		parts,
		async (part: IDataObject[], request: number) => {
			const action: RulesAction =
				operation === 'replace' && request > 1 ? 'addOrUpdate' : operation;
			const body = await publicApiRequest.call(this, {
				itemIndex,
				path,
				version: 'v1',
				...(action === 'remove'
					? { method: 'DELETE', qs: { rules: part } }
					: { method: action === 'replace' ? 'PUT' : 'PATCH', body: { rules: part } }),
			});
			return adminOutput.call(this, itemIndex, body, (data) => ({
				trackingPlanId,
				...data,
				action,
				rules: part.map(identity),
				request,
				requests: parts.length,
			})) as IDataObject;
		},
		{
			fields: (failed: IDataObject[], notSent: IDataObject[]) => ({
				trackingPlanId,
				rules: failed.map(identity),
				...(notSent.length > 0 ? { notSentRules: notSent.map(identity) } : {}),
			}),
			wording: wording(operation),
		},
	);
}
