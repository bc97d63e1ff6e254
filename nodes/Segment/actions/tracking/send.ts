import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { hasSecret } from '../../../../credentials/segmentHosts';
import { forEachWithConcurrency } from '../../helpers/concurrency';
import { errorItem } from '../../helpers/items';
import { asNodeError } from '../../helpers/nodeError';
import { getSegmentCredentials, segmentApiRequest, type SegmentResponse } from '../../transport';
import { sendBatches } from '../../transport/batch';
import { buildTrackingMessage, contentIdKey, type BuiltMessage } from './message';
import type { TrackingCallType } from './schema';

/** Requests in flight at once unless the Concurrent Requests option says otherwise. */
export const DEFAULT_CONCURRENCY = 4;

/** Reads one item's fields for a call; the operation file says which fields its call has. */
export type ReadCallFields = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Record<string, unknown>;

/** A validated call and the input item it came from. */
export interface PreparedCall {
	itemIndex: number;
	built: BuiltMessage;
}

/** Segment's answer to the request that carried a call, or why that request failed. */
export type CallOutcome = { ok: true; response: SegmentResponse } | { ok: false; error: unknown };

export interface DeliveryOptions {
	/** Send through /v1/batch in as few requests as Segment's limits allow, or one request per call. */
	batching: boolean;
	concurrency: number;
	/** Put the whole message sent in each output item. */
	includeMessage: boolean;
	/** With Message ID From Content: the key missing messageIds are derived with (contentIdKey). */
	contentIdKey?: Buffer;
}

/** The delivery options of a tracking operation; they hold for the whole run, so item 0 decides. */
export async function readDeliveryOptions(
	this: IExecuteFunctions,
	batchingByDefault: boolean,
): Promise<DeliveryOptions> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	return {
		batching:
			typeof options.sendInBatches === 'boolean' ? options.sendInBatches : batchingByDefault,
		concurrency:
			Number.isFinite(concurrency) && concurrency >= 1
				? Math.floor(concurrency)
				: DEFAULT_CONCURRENCY,
		includeMessage: options.includeMessage === true,
		contentIdKey:
			options.messageIdFromContent === true ? await writeKeyDigest.call(this) : undefined,
	};
}

/** The run's content-ID key, from the credential's write key. */
async function writeKeyDigest(this: IExecuteFunctions): Promise<Buffer | undefined> {
	const { writeKey } = await getSegmentCredentials.call(this);
	// Without a write key nothing is sent: the request helper names the missing key for each item.
	return hasSecret(writeKey) ? contentIdKey(writeKey) : undefined;
}

/**
 * Sends validated calls: all of them through /v1/batch in few requests, or one request per call,
 * with at most `concurrency` requests at once. Returns one outcome per call; a failed request fails
 * only its own calls. With `stopOnError`, no request starts after a failure (those calls get no
 * outcome): the node is about to fail anyway.
 */
export async function deliverCalls(
	this: IExecuteFunctions,
	calls: readonly PreparedCall[],
	options: DeliveryOptions,
	stopOnError: boolean,
): Promise<Array<CallOutcome | undefined>> {
	if (options.batching) {
		const outcomes = await sendBatches.call(
			this,
			calls.map(({ built }) => built),
			{
				concurrency: options.concurrency,
				stopOnError,
				itemIndexOf: (index) => calls[index].itemIndex,
			},
		);
		return outcomes.map((outcome) =>
			outcome === undefined
				? undefined
				: outcome.ok
					? { ok: true, response: outcome.response }
					: { ok: false, error: outcome.error },
		);
	}
	const outcomes = new Array<CallOutcome | undefined>(calls.length);
	let failed = false;
	await forEachWithConcurrency(calls, options.concurrency, async ({ itemIndex, built }, index) => {
		if (failed && stopOnError) return;
		try {
			const response = await segmentApiRequest.call(this, {
				api: 'tracking',
				method: 'POST',
				path: `/${built.type}`,
				body: built.json,
				itemIndex,
			});
			outcomes[index] = { ok: true, response };
		} catch (error) {
			failed = true;
			outcomes[index] = { ok: false, error };
		}
	});
	return outcomes;
}

/** What an output item says about one call: its type, messageId, timestamp (and the message). */
export function callSummary(built: BuiltMessage, includeMessage: boolean): IDataObject {
	const json: IDataObject = { type: built.type, messageId: built.messageId };
	if (built.timestamp !== undefined) json.timestamp = built.timestamp;
	// The message as sent: parsed back from the exact JSON, so dates are the strings Segment got.
	if (includeMessage) json.message = JSON.parse(built.json) as IDataObject;
	return json;
}

/** The output of a sent call: its summary and Segment's answer. */
export function sentCallJson(
	built: BuiltMessage,
	response: SegmentResponse,
	includeMessage: boolean,
): IDataObject {
	return {
		...callSummary(built, includeMessage),
		response: { statusCode: response.statusCode, body: response.body as IDataObject },
	};
}

/**
 * Sends one call of `type` per input item. Every item is validated before anything is sent; every
 * input item ends as exactly one output item, paired to it: what was sent and Segment's answer, or
 * (with Continue On Fail) an error naming the item and the field.
 */
export async function sendTrackingCalls(
	this: IExecuteFunctions,
	type: TrackingCallType,
	readFields: ReadCallFields,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const options = await readDeliveryOptions.call(this, true);
	const results = new Array<INodeExecutionData>(items.length);
	const calls: PreparedCall[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const fields = readFields.call(this, itemIndex);
			calls.push({
				itemIndex,
				built: buildTrackingMessage.call(this, type, fields, {
					itemIndex,
					contentIdKey: options.contentIdKey,
				}),
			});
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this.getNode(), error);
			results[itemIndex] = errorItem(error, itemIndex);
		}
	}

	const outcomes = await deliverCalls.call(this, calls, options, !continueOnFail);
	calls.forEach(({ itemIndex, built }, index) => {
		const outcome = outcomes[index];
		if (outcome?.ok) {
			results[itemIndex] = {
				json: sentCallJson(built, outcome.response, options.includeMessage),
				pairedItem: { item: itemIndex },
			};
		} else if (outcome && continueOnFail) {
			results[itemIndex] = errorItem(outcome.error, itemIndex);
		}
	});
	const failure = outcomes.find((outcome) => outcome !== undefined && !outcome.ok);
	if (failure && !failure.ok && !continueOnFail) throw asNodeError(this.getNode(), failure.error);
	return results;
}
