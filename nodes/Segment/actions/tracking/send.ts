import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { hasSecret } from '../../../../credentials/segmentHosts';
import { forEachWithConcurrency } from '../../helpers/concurrency';
import { errorItem } from '../../helpers/items';
import { readParameter } from '../../helpers/parameters';
import { asNodeError } from '../../helpers/nodeError';
import { getSegmentCredentials, segmentApiRequest, type SegmentResponse } from '../../transport';
import { BatchBodies, sendBatches } from '../../transport/batch';
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
	const options = readParameter.call(this, 'options', 0, {}) as IDataObject;
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
 * The validated calls of a run, in order. When batching, each call's JSON is written into its
 * /v1/batch request body as it is added, and the text is let go (unless the output includes it).
 */
export class PreparedCalls {
	readonly calls: PreparedCall[] = [];

	private readonly bodies?: BatchBodies;

	constructor(readonly options: DeliveryOptions) {
		if (options.batching) this.bodies = new BatchBodies();
	}

	add(call: PreparedCall): void {
		const { built } = call;
		if (this.bodies) {
			this.bodies.add(this.calls.length, built.json as string, built.bytes);
			if (!this.options.includeMessage) built.json = undefined;
		}
		this.calls.push(call);
	}

	/**
	 * Sends the calls: all of them through /v1/batch in few requests, or one request per call, with
	 * at most `concurrency` requests at once. Returns one outcome per call; a failed request fails
	 * only its own calls. With `stopOnError`, no request starts after a failure (those calls get no
	 * outcome): the node is about to fail anyway. `onOutcome` hears of each call as its request
	 * settles, so its result can be built while other requests are still under way.
	 */
	async deliver(
		context: IExecuteFunctions,
		stopOnError: boolean,
		onOutcome?: (call: PreparedCall, outcome: CallOutcome) => void,
	): Promise<Array<CallOutcome | undefined>> {
		const { calls, options } = this;
		if (this.bodies) {
			return await sendBatches.call(context, this.bodies.finish(), calls.length, {
				concurrency: options.concurrency,
				stopOnError,
				itemIndexOf: (index) => calls[index].itemIndex,
				onSettled: onOutcome
					? (entries, outcome) => {
							for (const index of entries) onOutcome(calls[index], outcome);
						}
					: undefined,
			});
		}
		const outcomes = new Array<CallOutcome | undefined>(calls.length);
		let failed = false;
		await forEachWithConcurrency(
			calls,
			options.concurrency,
			async ({ itemIndex, built }, index) => {
				if (failed && stopOnError) return;
				let outcome: CallOutcome;
				try {
					const response = await segmentApiRequest.call(context, {
						api: 'tracking',
						method: 'POST',
						path: `/${built.type}`,
						body: built.json,
						itemIndex,
					});
					outcome = { ok: true, response };
				} catch (error) {
					failed = true;
					outcome = { ok: false, error };
				}
				outcomes[index] = outcome;
				onOutcome?.(calls[index], outcome);
				if (!options.includeMessage) built.json = undefined;
			},
		);
		return outcomes;
	}
}

/** What an output item says about one call: its type, messageId, timestamp (and the message). */
export function callSummary(built: BuiltMessage, includeMessage: boolean): IDataObject {
	const json: IDataObject = { type: built.type, messageId: built.messageId };
	if (built.timestamp !== undefined) json.timestamp = built.timestamp;
	// The message as sent: parsed back from the exact JSON, so dates are the strings Segment got.
	if (includeMessage) json.message = JSON.parse(built.json as string) as IDataObject;
	return json;
}

/** The output of a sent call: its summary and Segment's answer. */
export function sentCallJson(
	built: BuiltMessage,
	response: SegmentResponse,
	includeMessage: boolean,
): IDataObject {
	const json = callSummary(built, includeMessage);
	json.response = { statusCode: response.statusCode, body: response.body as IDataObject };
	return json;
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
	const prepared = new PreparedCalls(options);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const fields = readFields.call(this, itemIndex);
			prepared.add({
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

	const outcomes = await prepared.deliver(
		this,
		!continueOnFail,
		({ itemIndex, built }, outcome) => {
			if (outcome.ok) {
				results[itemIndex] = {
					json: sentCallJson(built, outcome.response, options.includeMessage),
					pairedItem: { item: itemIndex },
				};
			} else if (continueOnFail) {
				results[itemIndex] = errorItem(outcome.error, itemIndex);
			}
		},
	);
	const failure = outcomes.find((outcome) => outcome !== undefined && !outcome.ok);
	if (failure && !failure.ok && !continueOnFail) throw asNodeError(this.getNode(), failure.error);
	return results;
}
