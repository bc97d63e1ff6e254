import { parseIsoDateTime } from '../../helpers/dateTime';
import { isBlank, isPlainObject } from '../../helpers/values';

/** Segment refuses a call over 32 KB (a single call's body, or one event inside a batch). */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** Segment de-duplicates on messageId and accepts ids under 100 characters. */
export const MAX_MESSAGE_ID_LENGTH = 100;

/** Deeper JSON than this is almost surely a mistake (a cyclic or generated structure). */
export const MAX_JSON_DEPTH = 64;

export const TRACKING_CALL_TYPES = [
	'track',
	'identify',
	'page',
	'screen',
	'group',
	'alias',
] as const;
export type TrackingCallType = (typeof TRACKING_CALL_TYPES)[number];

/** The parameter names users see, for error messages that point at the field to fix. */
export const FIELD_LABELS: Record<string, string> = {
	userId: 'User ID',
	anonymousId: 'Anonymous ID',
	previousId: 'Previous ID',
	groupId: 'Group ID',
	event: 'Event',
	name: 'Name',
	category: 'Category',
	properties: 'Properties',
	traits: 'Traits',
	timestamp: 'Timestamp',
	messageId: 'Message ID',
	context: 'Context',
	integrations: 'Integrations',
	type: 'Type',
};

export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
		return `"${shown}"`;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** What is wrong with a field's value, and where inside it (empty: the value itself). */
class Problem {
	constructor(
		readonly problem: string,
		readonly path: Array<string | number> = [],
	) {}
}

/**
 * A field's check: its value converted for Segment (undefined: not sent), or a Problem. The value
 * itself is returned, not wrapped: the checks run for every field of every item.
 */
type Check = (value: unknown) => unknown;

const REQUIRED = (): Problem => new Problem('required, but empty');

/** Text, or a number sent as text; blank counts as not given. */
function text(options: {
	trim: boolean;
	required: boolean;
	maxLength?: number;
	expected: string;
}): Check {
	return (value) => {
		if (isBlank(value)) return options.required ? REQUIRED() : undefined;
		if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
			return new Problem(`expected ${options.expected}, got ${describeValue(value)}`);
		}
		const converted = options.trim ? String(value).trim() : String(value);
		if (options.maxLength !== undefined && converted.length > options.maxLength) {
			return new Problem(`must be at most ${options.maxLength} characters`);
		}
		return converted;
	};
}

/** An id Segment accepts: text, or a number sent as text. */
const optionalId = text({ trim: true, required: false, expected: 'text or a number' });
const requiredId = text({ trim: true, required: true, expected: 'text or a number' });
const optionalText = text({ trim: false, required: false, expected: 'text' });
const requiredText = text({ trim: false, required: true, expected: 'text' });

function toDate(value: unknown): Date | string | undefined {
	if (value instanceof Date) return value;
	if (typeof value === 'string') return value.trim();
	// Luxon DateTime (what n8n's $now and date expressions return) and similar objects.
	if (value !== null && typeof value === 'object') {
		const candidate = value as { toISO?: () => unknown; toJSON?: () => unknown };
		const iso = candidate.toISO?.() ?? candidate.toJSON?.();
		if (typeof iso === 'string') return iso;
	}
	return undefined;
}

/** ISO-8601 with a timezone, sent in Segment's canonical UTC form (as analytics-node sends it). */
const timestamp: Check = (value) => {
	if (isBlank(value)) return undefined;
	const candidate = toDate(value);
	const date =
		candidate instanceof Date
			? candidate
			: typeof candidate === 'string'
				? parseIsoDateTime(candidate)
				: undefined;
	if (!date || Number.isNaN(date.getTime())) {
		return new Problem(
			`expected an ISO-8601 date-time with a timezone, like 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00; got ${describeValue(value)}`,
		);
	}
	return date.toISOString();
};

const messageId = text({
	trim: false,
	required: false,
	maxLength: MAX_MESSAGE_ID_LENGTH,
	expected: 'text',
});

/**
 * The first value inside `value` that JSON cannot carry faithfully, with its path: NaN and Infinity
 * (JSON turns them into null), functions and symbols (dropped), bigints (throw), too deep nesting.
 * The path is built only for a problem (as the search returns), not for every value it visits.
 */
function jsonProblem(value: unknown, depth: number): Problem | undefined {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
	if (typeof value === 'number') {
		return Number.isFinite(value)
			? undefined
			: new Problem(`must be a finite number, got ${String(value)}`);
	}
	if (typeof value !== 'object') {
		return value === undefined
			? undefined
			: new Problem(`cannot be sent as JSON (got a ${typeof value})`);
	}
	if (depth > MAX_JSON_DEPTH) {
		return new Problem(`is nested more than ${MAX_JSON_DEPTH} levels deep`);
	}
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			const problem = jsonProblem(value[index], depth + 1);
			if (problem) {
				problem.path.unshift(index);
				return problem;
			}
		}
		return undefined;
	}
	if (!isPlainObject(value)) {
		// Dates and Luxon DateTimes serialise to ISO strings through toJSON.
		if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
		return new Problem('cannot be sent as JSON (not a plain object)');
	}
	// A plain object's prototype (Object.prototype or none) has no enumerable keys of its own.
	for (const key in value) {
		const problem = jsonProblem((value as Record<string, unknown>)[key], depth + 1);
		if (problem) {
			problem.path.unshift(key);
			return problem;
		}
	}
	return undefined;
}

type JsonObject = Record<string, unknown>;

/**
 * A JSON object (properties, traits, context, integrations), with `extra` checks of its own; when
 * absent, `absent` is used. Problems point at the value inside the object.
 */
function jsonObject(
	absent: () => JsonObject | undefined,
	extra?: (value: JsonObject) => Problem | undefined,
): Check {
	return (value) => {
		if (value === undefined || value === null) return absent();
		if (!isPlainObject(value)) {
			return new Problem(
				`expected a JSON object like {"plan": "pro"}, got ${describeValue(value)}`,
			);
		}
		return jsonProblem(value, 1) ?? extra?.(value) ?? value;
	};
}

const optionalObject = jsonObject(() => undefined);

/** Properties or traits: always an object, empty when none are given, as Segment's libraries send. */
const payload = jsonObject(() => ({}));

const integrations = jsonObject(
	() => undefined,
	(value) => {
		for (const [destination, setting] of Object.entries(value)) {
			if (typeof setting !== 'boolean' && !isPlainObject(setting)) {
				return new Problem(
					`must be true, false or an object of destination options, got ${describeValue(setting)}`,
					[destination],
				);
			}
		}
		return undefined;
	},
);

/** The fields of every call, in the order their problems are reported. */
const COMMON: Record<string, Check> = {
	userId: optionalId,
	anonymousId: optionalId,
	timestamp,
	messageId,
	context: optionalObject,
	integrations,
};

const FIELDS: Record<TrackingCallType, Record<string, Check>> = {
	track: { ...COMMON, event: requiredText, properties: payload },
	identify: { ...COMMON, traits: payload },
	page: { ...COMMON, name: optionalText, category: optionalText, properties: payload },
	screen: { ...COMMON, name: optionalText, properties: payload },
	group: { ...COMMON, groupId: requiredId, traits: payload },
	alias: { ...COMMON, previousId: requiredId, userId: requiredId },
};

const NO_IDENTITY =
	'needs a value, or Anonymous ID does: Segment drops calls with neither (error no_user_anon_id)';

const CHECKS = Object.fromEntries(
	TRACKING_CALL_TYPES.map((type) => [type, Object.entries(FIELDS[type])]),
) as Record<TrackingCallType, Array<[string, Check]>>;

/** A call's fields as Segment gets them, or the first problem, with its path from the field. */
export type CallCheck =
	{ ok: true; fields: JsonObject } | { ok: false; path: Array<string | number>; problem: string };

/**
 * Checks and converts one item's fields for a call of `type`, field by field in a fixed order; the
 * first problem is reported. Plain functions rather than a schema library: this runs once per item
 * of runs of many thousands, and a parse that allocates per call costs a large run its memory.
 */
export function checkTrackingCall(type: TrackingCallType, fields: JsonObject): CallCheck {
	const output: JsonObject = {};
	for (const [key, check] of CHECKS[type]) {
		const value = check(fields[key]);
		if (value instanceof Problem) {
			return { ok: false, path: [key, ...value.path], problem: value.problem };
		}
		if (value !== undefined) output[key] = value;
	}
	if (type !== 'alias' && output.userId === undefined && output.anonymousId === undefined) {
		return { ok: false, path: ['userId'], problem: NO_IDENTITY };
	}
	return { ok: true, fields: output };
}

/** `properties.items[3].price` from a problem's path. */
export function formatPath(path: Array<string | number>): string {
	return path
		.map((segment, index) =>
			typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
		)
		.join('');
}
