import { z } from 'zod';

/** Segment refuses a call over 32 KB (a single call's body, or one event inside a batch). */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** Segment de-duplicates on messageId and accepts ids under 100 characters. */
export const MAX_MESSAGE_ID_LENGTH = 100;

/** Deeper JSON than this is almost surely a mistake (a cyclic or generated structure). */
export const MAX_JSON_DEPTH = 64;

export const TRACKING_CALL_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
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

const ISO_8601_WITH_ZONE =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

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

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** An id Segment accepts: text, or a number sent as text. Blank counts as not given. */
const optionalId = z.preprocess(
	(value) => (isBlank(value) ? undefined : value),
	z
		.union([z.string(), z.number().finite()], {
			errorMap: (_issue, ctx) => ({
				message: `expected text or a number, got ${describeValue(ctx.data)}`,
			}),
		})
		.transform((value) => String(value).trim())
		.optional(),
);

const requiredId = optionalId.refine((value) => value !== undefined, {
	message: 'required, but empty',
});

const optionalText = z.preprocess(
	(value) => (isBlank(value) ? undefined : value),
	z
		.union([z.string(), z.number().finite()], {
			errorMap: (_issue, ctx) => ({ message: `expected text, got ${describeValue(ctx.data)}` }),
		})
		.transform((value) => String(value))
		.optional(),
);

const requiredText = optionalText.refine((value) => value !== undefined, {
	message: 'required, but empty',
});

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
const timestamp = z.preprocess(
	(value) => (isBlank(value) ? undefined : value),
	z
		.unknown()
		.transform((value, ctx) => {
			if (value === undefined) return undefined;
			const candidate = toDate(value);
			const date =
				candidate instanceof Date
					? candidate
					: typeof candidate === 'string' && ISO_8601_WITH_ZONE.test(candidate)
						? new Date(candidate.replace(',', '.'))
						: undefined;
			if (!date || Number.isNaN(date.getTime())) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: `expected an ISO-8601 date-time with a timezone, like 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00; got ${describeValue(value)}`,
				});
				return z.NEVER;
			}
			return date.toISOString();
		}),
);

const messageId = optionalText.refine(
	(value) => value === undefined || value.length <= MAX_MESSAGE_ID_LENGTH,
	{ message: `must be at most ${MAX_MESSAGE_ID_LENGTH} characters` },
);

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/**
 * The first value inside `value` that JSON cannot carry faithfully, with its path: NaN and Infinity
 * (JSON turns them into null), functions and symbols (dropped), bigints (throw), too deep nesting.
 */
function jsonProblem(
	value: unknown,
	path: Array<string | number>,
	depth: number,
): { path: Array<string | number>; message: string } | undefined {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
	if (typeof value === 'number') {
		return Number.isFinite(value)
			? undefined
			: { path, message: `must be a finite number, got ${String(value)}` };
	}
	if (typeof value !== 'object') {
		return value === undefined
			? undefined
			: { path, message: `cannot be sent as JSON (got a ${typeof value})` };
	}
	if (depth > MAX_JSON_DEPTH) {
		return { path, message: `is nested more than ${MAX_JSON_DEPTH} levels deep` };
	}
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			const problem = jsonProblem(value[index], [...path, index], depth + 1);
			if (problem) return problem;
		}
		return undefined;
	}
	if (!isPlainObject(value)) {
		// Dates and Luxon DateTimes serialise to ISO strings through toJSON.
		if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
		return { path, message: 'cannot be sent as JSON (not a plain object)' };
	}
	for (const [key, entry] of Object.entries(value)) {
		const problem = jsonProblem(entry, [...path, key], depth + 1);
		if (problem) return problem;
	}
	return undefined;
}

/** A JSON object (properties, traits, context, integrations). */
const jsonObject = z
	.unknown()
	.optional()
	.superRefine((value, ctx) => {
		if (value === undefined) return;
		if (!isPlainObject(value)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `expected a JSON object like {"plan": "pro"}, got ${describeValue(value)}`,
			});
			return;
		}
		const problem = jsonProblem(value, [], 1);
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: problem.path, message: problem.message });
	})
	.transform((value) => value as Record<string, unknown> | undefined);

/** Properties or traits: always an object, empty when none are given, as Segment's libraries send. */
const payload = jsonObject.transform((value) => value ?? {});

const integrations = jsonObject.superRefine((value, ctx) => {
	for (const [destination, setting] of Object.entries(value ?? {})) {
		if (typeof setting !== 'boolean' && !isPlainObject(setting)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: [destination],
				message: `must be true, false or an object of destination options, got ${describeValue(setting)}`,
			});
		}
	}
});

const common = {
	userId: optionalId,
	anonymousId: optionalId,
	timestamp,
	messageId,
	context: jsonObject,
	integrations,
};

function requireIdentity(
	message: { userId?: string; anonymousId?: string },
	ctx: z.RefinementCtx,
): void {
	if (message.userId === undefined && message.anonymousId === undefined) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['userId'],
			message:
				'needs a value, or Anonymous ID does: Segment drops calls with neither (error no_user_anon_id)',
		});
	}
}

export const TRACKING_CALL_SCHEMAS = {
	track: z
		.object({ ...common, event: requiredText, properties: payload })
		.superRefine(requireIdentity),
	identify: z.object({ ...common, traits: payload }).superRefine(requireIdentity),
	page: z
		.object({ ...common, name: optionalText, category: optionalText, properties: payload })
		.superRefine(requireIdentity),
	screen: z
		.object({ ...common, name: optionalText, properties: payload })
		.superRefine(requireIdentity),
	group: z
		.object({ ...common, groupId: requiredId, traits: payload })
		.superRefine(requireIdentity),
	alias: z.object({ ...common, previousId: requiredId, userId: requiredId }),
} satisfies Record<TrackingCallType, z.ZodTypeAny>;

export type TrackingCallFields = {
	[T in TrackingCallType]: z.infer<(typeof TRACKING_CALL_SCHEMAS)[T]>;
};

/** `properties.items[3].price` from a zod issue path. */
export function formatPath(path: Array<string | number>): string {
	return path
		.map((segment, index) =>
			typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
		)
		.join('');
}
