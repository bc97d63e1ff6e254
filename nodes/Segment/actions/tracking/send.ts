import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachWithConcurrency } from '../../helpers/concurrency';
import { errorItem } from '../../helpers/items';
import { asNodeError } from '../../helpers/nodeError';
import { segmentApiRequest } from '../../transport';
import { buildTrackingMessage, type BuiltMessage } from './message';
import type { TrackingCallType } from './schema';

/** Single calls in flight at once: fast, and far under Segment's 1,000 requests per second. */
export const SINGLE_CALL_CONCURRENCY = 8;

/** Reads one item's fields for a call; the operation file says which fields its call has. */
export type ReadCallFields = (this: IExecuteFunctions, itemIndex: number) => Record<string, unknown>;

function sentItem(
	built: BuiltMessage,
	response: { statusCode: number; body: unknown },
	itemIndex: number,
): INodeExecutionData {
	const { message } = built;
	const json: IDataObject = { type: message.type, messageId: message.messageId };
	if (message.timestamp !== undefined) json.timestamp = message.timestamp;
	json.message = message;
	json.response = { statusCode: response.statusCode, body: response.body as IDataObject };
	return { json, pairedItem: { item: itemIndex } };
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
	const results: INodeExecutionData[] = new Array<INodeExecutionData>(items.length);
	const ready: Array<{ itemIndex: number; built: BuiltMessage }> = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const fields = readFields.call(this, itemIndex);
			ready.push({ itemIndex, built: buildTrackingMessage.call(this, type, fields, itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this.getNode(), error);
			results[itemIndex] = errorItem(error, itemIndex);
		}
	}

	await forEachWithConcurrency(ready, SINGLE_CALL_CONCURRENCY, async ({ itemIndex, built }) => {
		try {
			const response = await segmentApiRequest.call(this, {
				api: 'tracking',
				method: 'POST',
				path: `/${type}`,
				body: built.json,
				itemIndex,
			});
			results[itemIndex] = sentItem(built, response, itemIndex);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this.getNode(), error);
			results[itemIndex] = errorItem(error, itemIndex);
		}
	});

	return results;
}
