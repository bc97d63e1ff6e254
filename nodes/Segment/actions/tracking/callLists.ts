import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { errorItem } from '../../helpers/items';
import { asNodeError } from '../../helpers/nodeError';
import { isBlank, isRecord } from '../../helpers/values';
import { buildTrackingMessage, deepMerge, readContext, readIntegrations } from './message';
import { TRACKING_CALL_TYPES, describeValue, type TrackingCallType } from './schema';
import {
	callSummary,
	PreparedCalls,
	readDeliveryOptions,
	sentCallJson,
	type CallOutcome,
	type PreparedCall,
} from './send';

/** The fields a call in a list may have: Segment's, for the six call types. */
const CALL_FIELDS = new Set([
	'type',
	'userId',
	'anonymousId',
	'previousId',
	'groupId',
	'event',
	'name',
	'category',
	'properties',
	'traits',
	'context',
	'integrations',
	'timestamp',
	'messageId',
]);

export interface CallListRules {
	/** Historical import: every call must say when it happened; the node never stamps "now". */
	requireTimestamp: boolean;
}

/** The raw calls of one input item: its JSON list (or one object), or the item itself. */
function readCalls(this: IExecuteFunctions, itemIndex: number, from: string): unknown[] {
	// The item is the call: read as it is, with no parameter to resolve per item.
	if (from === 'items') return [this.getInputData()[itemIndex].json];
	const field = { label: 'Calls (JSON)', path: 'calls' };
	let value = this.getNodeParameter('calls', itemIndex, []) as unknown;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch (error) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				field,
				`expected a JSON list of calls, but the text is not valid JSON (${(error as Error).message})`,
			);
		}
	}
	if (Array.isArray(value)) return value;
	if (isRecord(value)) return [value];
	throw fieldError(
		this.getNode(),
		itemIndex,
		field,
		`expected a JSON list of call objects, got ${describeValue(value)}`,
	);
}

/** Validates one raw call and builds its message, with the list's context and integrations merged in. */
function prepareCall(
	this: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
	call: number,
	shared: { context?: Record<string, unknown>; integrations?: Record<string, unknown> },
	rules: CallListRules & { contentIdKey?: Buffer },
): PreparedCall {
	const where = (path: string) => ({ label: path, path, call });
	if (!isRecord(raw)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			where('call'),
			`expected a call object, got ${describeValue(raw)}`,
		);
	}
	const unknown = Object.keys(raw).filter((key) => !CALL_FIELDS.has(key));
	if (unknown.length > 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			where(unknown[0]),
			`is not a field of a Segment call; a call may have ${[...CALL_FIELDS].join(', ')}`,
		);
	}
	const type = raw.type;
	if (typeof type !== 'string' || !(TRACKING_CALL_TYPES as readonly string[]).includes(type)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			where('type'),
			`expected one of ${TRACKING_CALL_TYPES.join(', ')}, got ${describeValue(type)}`,
		);
	}
	if (rules.requireTimestamp && isBlank(raw.timestamp)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			where('timestamp'),
			'required for a historical import: give the time the call happened, as ISO-8601 with a timezone (the node never stamps the current time on a backfill)',
		);
	}
	const fields: Record<string, unknown> = { ...raw };
	for (const key of ['context', 'integrations'] as const) {
		const base = shared[key];
		if (base && (raw[key] === undefined || isRecord(raw[key]))) {
			fields[key] = deepMerge(base, (raw[key] as Record<string, unknown> | undefined) ?? {});
		}
	}
	const built = buildTrackingMessage.call(this, type as TrackingCallType, fields, {
		itemIndex,
		call,
		contentIdKey: rules.contentIdKey,
	});
	return { itemIndex, built };
}

/** The output of an item whose calls came as a list: what was sent and what was not, call by call. */
function listResultJson(
	calls: Array<{ prepared?: PreparedCall; error?: unknown; outcome?: CallOutcome; call: number }>,
	includeMessage: boolean,
): IDataObject {
	const results: IDataObject[] = [];
	let response: IDataObject | undefined;
	const failures: string[] = [];
	for (const { prepared, error, outcome, call } of calls) {
		if (prepared && outcome?.ok) {
			results.push({ call, ...callSummary(prepared.built, includeMessage) });
			response = {
				statusCode: outcome.response.statusCode,
				body: outcome.response.body as IDataObject,
			};
			continue;
		}
		const failure = (outcome && !outcome.ok ? outcome.error : error) as {
			message?: string;
			context?: IDataObject;
			httpCode?: string;
		};
		const result: IDataObject = { call, error: failure?.message ?? 'not sent' };
		if (typeof failure?.context?.field === 'string') result.field = failure.context.field;
		if (failure?.httpCode) result.httpCode = failure.httpCode;
		if (prepared) result.messageId = prepared.built.messageId;
		results.push(result);
		failures.push(`call ${call}: ${String(result.error)}`);
	}
	const json: IDataObject = {};
	if (failures.length > 0) {
		json.error = `${failures.length} of ${calls.length} calls were not sent. ${failures.join('; ')}`;
	}
	json.sent = calls.length - failures.length;
	json.failed = failures.length;
	json.calls = results;
	if (response) json.response = response;
	return json;
}

/**
 * Batch and Import Historical Data: the calls of every input item (a JSON list each, or one per
 * item) are validated one by one, then all valid calls go out through /v1/batch in as few requests
 * as Segment's limits allow. An invalid call is reported for its item; the valid ones are still
 * sent (with Continue On Fail; without it, the node fails before anything is sent).
 */
export async function sendCallLists(
	this: IExecuteFunctions,
	rules: CallListRules,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const options = await readDeliveryOptions.call(this, true);
	const from = this.getNodeParameter('callsFrom', 0, 'json') as string;
	const results = new Array<INodeExecutionData>(items.length);
	const perItem: Array<Array<{ prepared?: PreparedCall; error?: unknown; call: number }>> = [];
	const ready = new PreparedCalls(options);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		perItem[itemIndex] = [];
		try {
			const shared = {
				context: readContext.call(this, itemIndex),
				integrations: readIntegrations.call(this, itemIndex),
			};
			const raws = readCalls.call(this, itemIndex, from);
			raws.forEach((raw, call) => {
				try {
					const prepared = prepareCall.call(this, raw, itemIndex, call, shared, {
						...rules,
						contentIdKey: options.contentIdKey,
					});
					perItem[itemIndex].push({ prepared, call });
					ready.add(prepared);
				} catch (error) {
					if (!continueOnFail) throw asNodeError(this.getNode(), error);
					perItem[itemIndex].push({ error, call });
				}
			});
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this.getNode(), error);
			results[itemIndex] = errorItem(error, itemIndex);
		}
	}

	const outcomes = await ready.deliver(this, !continueOnFail);
	const failure = outcomes.find((outcome) => outcome !== undefined && !outcome.ok);
	if (failure && !failure.ok && !continueOnFail) throw asNodeError(this.getNode(), failure.error);
	const outcomeOf = new Map(ready.calls.map((prepared, index) => [prepared, outcomes[index]]));

	perItem.forEach((calls, itemIndex) => {
		if (results[itemIndex]) return;
		const withOutcomes = calls.map((entry) => ({
			...entry,
			outcome: entry.prepared ? outcomeOf.get(entry.prepared) : undefined,
		}));
		if (from === 'items' && withOutcomes.length === 1) {
			const [{ prepared, outcome, error }] = withOutcomes;
			results[itemIndex] =
				prepared && outcome?.ok
					? {
							json: sentCallJson(prepared.built, outcome.response, options.includeMessage),
							pairedItem: { item: itemIndex },
						}
					: errorItem(outcome && !outcome.ok ? outcome.error : error, itemIndex);
			return;
		}
		results[itemIndex] = {
			json: listResultJson(withOutcomes, options.includeMessage),
			pairedItem: { item: itemIndex },
		};
	});
	return results;
}
