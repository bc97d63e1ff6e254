import { createHash, createHmac, randomUUID } from 'crypto';
import type {
	AssignmentCollectionValue,
	FieldType,
	IDataObject,
	IExecuteFunctions,
} from 'n8n-workflow';
import { validateFieldType } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { LIBRARY } from '../../helpers/library';
import type { PayloadKey } from './fields';
import {
	FIELD_LABELS,
	MAX_MESSAGE_BYTES,
	checkTrackingCall,
	describeValue,
	formatPath,
	type TrackingCallType,
} from './schema';
import { buildFromParameter, readParameter } from '../../helpers/parameters';
import { isBlank, isRecord } from '../../helpers/values';

type Fields = Record<string, unknown>;

/** Objects merged key by key, nested objects too; later sources win. */
export function deepMerge(target: Fields, source: Fields): Fields {
	const merged: Fields = { ...target };
	for (const [key, value] of Object.entries(source)) {
		merged[key] =
			isRecord(merged[key]) && isRecord(value) ? deepMerge(merged[key] as Fields, value) : value;
	}
	return merged;
}

/**
 * A JSON parameter's value: n8n hands over the text the user typed, or the object an expression
 * returned. Blank and `{}` mean "nothing".
 */
function readJson(
	this: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: { label: string; path: string },
): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`expected a JSON object, but the text is not valid JSON (${(error as Error).message})`,
		);
	}
}

function readJsonObject(
	this: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: { label: string; path: string },
): Fields | undefined {
	const parsed = readJson.call(this, itemIndex, value, field);
	if (parsed === undefined || parsed === null) return undefined;
	if (!isRecord(parsed)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`expected a JSON object like {"plan": "pro"}, got ${describeValue(parsed)}`,
		);
	}
	return parsed;
}

/** Typed values from an assignment collection, converted the way n8n's Edit Fields node does. */
function readAssignments(
	this: IExecuteFunctions,
	itemIndex: number,
	key: PayloadKey,
): Fields | undefined {
	const collection = readParameter.call(this, key, itemIndex, {}) as AssignmentCollectionValue;
	const assignments = collection.assignments ?? [];
	if (assignments.length === 0) return undefined;
	const result: Fields = {};
	for (const { name, value, type } of assignments) {
		if (isBlank(name)) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: FIELD_LABELS[key], path: key },
				'a field has no name',
			);
		}
		const fieldType = (type ?? 'string') as FieldType;
		if (fieldType === 'string') {
			result[name] = value === null || value === undefined ? '' : String(value);
			continue;
		}
		const validation = validateFieldType(name, value, fieldType);
		if (!validation.valid) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: FIELD_LABELS[key], path: `${key}.${name}` },
				`expected ${fieldType === 'array' ? 'a list' : `a ${fieldType}`}, got ${describeValue(value)}`,
			);
		}
		result[name] = validation.newValue;
	}
	return result;
}

/** The parameters of properties and traits, named once (they are read for every item). */
const PAYLOAD_PARAMETERS: Record<
	PayloadKey,
	{ input: string; json: string; field: { label: string; path: string } }
> = {
	properties: {
		input: 'propertiesInput',
		json: 'propertiesJson',
		field: { label: `${FIELD_LABELS.properties} (JSON)`, path: 'properties' },
	},
	traits: {
		input: 'traitsInput',
		json: 'traitsJson',
		field: { label: `${FIELD_LABELS.traits} (JSON)`, path: 'traits' },
	},
};

/** Properties or traits, from typed fields or from one JSON object. */
export function readPayload(
	this: IExecuteFunctions,
	itemIndex: number,
	key: PayloadKey,
): Fields | undefined {
	const { input, json, field } = PAYLOAD_PARAMETERS[key];
	const mode = readParameter.call(this, input, itemIndex, 'fields') as string;
	if (mode === 'json') {
		return readJsonObject.call(
			this,
			itemIndex,
			readParameter.call(this, json, itemIndex, '{}'),
			field,
		);
	}
	return readAssignments.call(this, itemIndex, key);
}

const CONTEXT_TEXT_FIELDS = ['ip', 'locale', 'userAgent', 'timezone'] as const;
const CONTEXT_GROUPS = ['page', 'campaign', 'device', 'os', 'app', 'location'] as const;
const NUMERIC_LOCATION_FIELDS = new Set(['latitude', 'longitude', 'speed']);

export function readContext(this: IExecuteFunctions, itemIndex: number): Fields | undefined {
	return buildFromParameter.call(this, 'context', itemIndex, (input) =>
		buildContext.call(this, itemIndex, input as IDataObject),
	) as Fields | undefined;
}

function buildContext(
	this: IExecuteFunctions,
	itemIndex: number,
	input: IDataObject,
): Fields | undefined {
	let context: Fields = {};
	for (const key of CONTEXT_TEXT_FIELDS) {
		if (!isBlank(input[key])) context[key] = input[key];
	}
	for (const group of CONTEXT_GROUPS) {
		const values = (input[group] as IDataObject | undefined)?.values as IDataObject | undefined;
		const entries: Fields = {};
		for (const [key, value] of Object.entries(values ?? {})) {
			if (isBlank(value)) continue;
			if (group === 'location' && NUMERIC_LOCATION_FIELDS.has(key)) {
				const number = typeof value === 'number' ? value : Number(String(value).trim());
				if (!Number.isFinite(number)) {
					throw fieldError(
						this.getNode(),
						itemIndex,
						{ label: 'Context', path: `context.location.${key}` },
						`expected a number, got ${describeValue(value)}`,
					);
				}
				entries[key] = number;
			} else {
				entries[key] = value;
			}
		}
		if (Object.keys(entries).length > 0) context[group] = entries;
	}
	const traits = readJsonObject.call(this, itemIndex, input.traits, {
		label: 'Context › Traits (JSON)',
		path: 'context.traits',
	});
	if (traits && Object.keys(traits).length > 0) context.traits = traits;
	const extra = readJsonObject.call(this, itemIndex, input.json, {
		label: 'Context › Additional Context (JSON)',
		path: 'context',
	});
	if (extra) context = deepMerge(context, extra);
	return Object.keys(context).length > 0 ? context : undefined;
}

export function readIntegrations(this: IExecuteFunctions, itemIndex: number): Fields | undefined {
	return buildFromParameter.call(this, 'integrations', itemIndex, (input) =>
		buildIntegrations.call(this, itemIndex, input as IDataObject),
	) as Fields | undefined;
}

function buildIntegrations(
	this: IExecuteFunctions,
	itemIndex: number,
	input: IDataObject,
): Fields | undefined {
	let integrations: Fields = {};
	if (typeof input.all === 'boolean') integrations.All = input.all;
	const destinations = ((input.destinations as IDataObject | undefined)?.destination ??
		[]) as IDataObject[];
	for (const { name, enabled } of destinations) {
		if (isBlank(name)) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Integrations › Destinations', path: 'integrations' },
				'a destination has no name',
			);
		}
		integrations[String(name).trim()] = enabled !== false;
	}
	const extra = readJsonObject.call(this, itemIndex, input.json, {
		label: 'Integrations › Integrations (JSON)',
		path: 'integrations',
	});
	if (extra) integrations = deepMerge(integrations, extra);
	return Object.keys(integrations).length > 0 ? integrations : undefined;
}

/**
 * The fields every tracking call has: its identity (User ID, Anonymous ID; Alias has its own),
 * timestamp, messageId, context and integrations. The operation adds its own fields to the object.
 * One object, filled in place: spreading several objects into one, per item, makes V8 build
 * objects that outlive the young generation, which costs a large run its memory.
 */
export function readCallFields(
	this: IExecuteFunctions,
	itemIndex: number,
	withIdentity: boolean,
): Fields {
	const fields: Fields = {};
	if (withIdentity) {
		fields.userId = readParameter.call(this, 'userId', itemIndex, '');
		fields.anonymousId = readParameter.call(this, 'anonymousId', itemIndex, '');
	}
	const options = readParameter.call(this, 'options', itemIndex, {}) as IDataObject;
	fields.timestamp = options.timestamp;
	fields.messageId = options.messageId;
	fields.context = readContext.call(this, itemIndex);
	fields.integrations = readIntegrations.call(this, itemIndex);
	return fields;
}

function byteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** The largest part of an oversized call, so the error says what to shrink. */
function largestPart(message: Fields): string {
	let largest = { key: 'message', bytes: 0 };
	for (const [key, value] of Object.entries(message)) {
		const bytes = byteLength(JSON.stringify(value) ?? '');
		if (bytes > largest.bytes) largest = { key, bytes };
	}
	return largest.key;
}

/**
 * A message ready to send: what the output reports about it, and its exact JSON. The message object
 * itself is not kept: for a large run, holding every message twice (object and JSON) would double
 * the memory the node needs.
 */
export interface BuiltMessage {
	type: TrackingCallType;
	messageId: string;
	timestamp?: string;
	/**
	 * The message as JSON, what goes on the wire; let go once it is written into a batch request's
	 * body, unless the output includes the message.
	 */
	json?: string;
	/** Its UTF-8 length. */
	bytes: number;
}

// Calls of a run often share one context object: merge the library into it once.
const contextsWithLibrary = new WeakMap<Fields, Fields>();
const LIBRARY_ONLY: Fields = { library: LIBRARY };

/** The call's context with this package as `context.library` (the call's own library wins). */
function withLibrary(context: Fields | undefined): Fields {
	if (!context) return LIBRARY_ONLY;
	let merged = contextsWithLibrary.get(context);
	if (!merged) {
		merged = deepMerge(LIBRARY_ONLY, context);
		contextsWithLibrary.set(context, merged);
	}
	return merged;
}

/** JSON with object keys sorted at every level: the same content gives the same text. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const jsonValue = typeof (record as { toJSON?: unknown }).toJSON === 'function';
		if (jsonValue) return JSON.stringify(value);
		return `{${Object.keys(record)
			.filter((key) => record[key] !== undefined)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Keeps the digest of a write key made here apart from any other digest of the same key. */
const CONTENT_ID_DOMAIN = 'n8n-nodes-segment/content-message-id/v1';

/**
 * The key content-derived messageIds are made with: a domain-separated SHA-256 digest of the
 * source's write key, never the key itself. Segment de-duplicates on messageId across everything
 * it receives, so the same call sent with two write keys (two sources, or two companies) must get
 * two IDs, and the same call with the same key the same ID.
 */
export function contentIdKey(writeKey: string): Buffer {
	return createHash('sha256').update(`${CONTENT_ID_DOMAIN}\0${writeKey}`).digest();
}

/**
 * A messageId derived from the call's content (all of it but the library, which changes with the
 * package's version), so that a re-run with the same data and credential repeats it and Segment
 * drops the repeat: HMAC-SHA256 of the content with the write key's digest as the key. Without the
 * write key nobody can compute an ID, and an ID tells nothing about the key.
 */
export function contentMessageId(message: Fields, key: Buffer): string {
	const context = { ...(message.context as Fields | undefined) };
	delete context.library;
	const hash = createHmac('sha256', key)
		.update(canonicalJson({ ...message, context, messageId: undefined }))
		.digest('hex');
	return `n8n-content-${hash.slice(0, 40)}`;
}

export interface BuildOptions {
	itemIndex: number;
	/** For a list of calls (Batch, Import): the call's position in its item's list. */
	call?: number;
	/** Derive a missing messageId from the content, with this key (contentIdKey), instead of a random one. */
	contentIdKey?: Buffer;
}

/**
 * Validates one item's fields for a call of `type` and builds the message Segment receives, with a
 * messageId (kept when given; else random, or derived from the content) and the library in its
 * context. Throws a field error before anything is sent: a wrong type, a missing id, a bad
 * timestamp, or a call over Segment's 32 KB.
 */
export function buildTrackingMessage(
	this: IExecuteFunctions,
	type: TrackingCallType,
	fields: Fields,
	{ itemIndex, call, contentIdKey: key }: BuildOptions,
): BuiltMessage {
	const checked = checkTrackingCall(type, fields);
	if (!checked.ok) {
		const root = String(checked.path[0] ?? 'message');
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: FIELD_LABELS[root] ?? root, path: formatPath(checked.path) || root, call },
			checked.problem,
		);
	}
	// Segment's field order: the type, the call's fields, then its context and messageId.
	const message: Fields = { type };
	for (const key in checked.fields) {
		if (key !== 'context' && key !== 'messageId') message[key] = checked.fields[key];
	}
	message.context = withLibrary(checked.fields.context as Fields | undefined);
	message.messageId =
		(checked.fields.messageId as string | undefined) ??
		(key ? contentMessageId(message, key) : `n8n-${randomUUID()}`);

	const json = JSON.stringify(message);
	const bytes = byteLength(json);
	if (bytes > MAX_MESSAGE_BYTES) {
		const part = largestPart(message);
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: FIELD_LABELS[part] ?? part, path: part, call },
			`the call is ${bytes.toLocaleString('en-US')} bytes, over Segment's limit of ${MAX_MESSAGE_BYTES.toLocaleString('en-US')} bytes (32 KB) per call; "${part}" is its largest part. Nothing was sent for this item.`,
		);
	}
	const built: BuiltMessage = { type, messageId: message.messageId as string, json, bytes };
	if (message.timestamp !== undefined) built.timestamp = message.timestamp as string;
	return built;
}
