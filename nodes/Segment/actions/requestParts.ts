import type { IDataObject, INode, INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorItem } from '../helpers/items';
import { asNodeError } from '../helpers/nodeError';
import { neverReachedServer } from '../transport/retry';

/**
 * A list longer than Segment takes in one call (5,000 subject IDs, 200 rules), sent in several
 * requests one after the other: each request is its own output item, paired to the input item,
 * saying which entries it covered. When one fails the rest are not sent, and what was done before
 * is not lost: with Continue On Fail it is output, followed by an error item for the failed
 * request; without, the node's error lists it.
 */

/** How a list is cut: at most `maxEntries` per request and, when given, at most `maxBytes`. */
export interface SplitLimits<T> {
	maxEntries: number;
	maxBytes?: number;
	/** The bytes of a request with no entries; with `entryBytes`, what `maxBytes` is measured by. */
	baseBytes?: number;
	/** What one entry adds to the request (its separator included). */
	entryBytes?: (entry: T) => number;
}

/**
 * The list in request-sized parts, in order; one part when it fits. An entry that alone exceeds
 * `maxBytes` is returned as `tooLarge` (its position), for the caller to refuse.
 */
export function splitList<T>(
	entries: readonly T[],
	limits: SplitLimits<T>,
): { parts: T[][]; tooLarge?: number } {
	const { maxEntries, maxBytes, baseBytes = 0, entryBytes } = limits;
	const parts: T[][] = [];
	let part: T[] = [];
	let bytes = baseBytes;
	for (const [position, entry] of entries.entries()) {
		const size = maxBytes !== undefined && entryBytes ? entryBytes(entry) : 0;
		if (maxBytes !== undefined && baseBytes + size > maxBytes) return { parts, tooLarge: position };
		const full = part.length >= maxEntries || (maxBytes !== undefined && bytes + size > maxBytes);
		if (full && part.length > 0) {
			parts.push(part);
			part = [];
			bytes = baseBytes;
		}
		part.push(entry);
		bytes += size;
	}
	if (part.length > 0) parts.push(part);
	return { parts };
}

/**
 * Whether Segment may have acted on a request that failed: a server error, or an answer that never
 * came (a reset, a timeout), unlike a refusal (4xx), a connection that was never made, or a failure
 * before sending (the request helper raises every failure of a sent request as a NodeApiError).
 */
export function mayHaveActed(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const { httpCode, message, description } = error;
	const status = Number(httpCode);
	if (Number.isInteger(status) && status > 0) return status >= 500;
	return !neverReachedServer([message ?? '', description ?? '']);
}

/** What an operation that splits says about its requests, in its own terms. */
export interface PartsWording {
	/** One done request, briefly: `regulation 2bX… (5,000 IDs)`. */
	done: (output: IDataObject) => string;
	/** What done requests stay as, e.g. "created, and not undone". */
	doneAre: string;
	/** Why a failure that may have acted matters here (what to check before sending again). */
	ifActed: string;
	/** More to say about the state a failure leaves, when there is (e.g. a replacement half made). */
	leaves?: (failed: number, count: number) => string | undefined;
}

/**
 * A request of a split list failed. It carries what this item's earlier requests output, and
 * the fields of the error item for the failed request (which entries it and the unsent ones had).
 */
export class PartFailure extends Error {
	constructor(
		readonly cause: unknown,
		readonly done: IDataObject[],
		readonly failed: { request: number; requests: number; fields: IDataObject },
		readonly wording: PartsWording,
	) {
		super((cause as Error)?.message ?? String(cause));
	}

	private get acted(): boolean {
		return mayHaveActed(this.cause);
	}

	/** The error item for the failed request, with Continue On Fail. */
	errorItem(itemIndex: number): INodeExecutionData {
		const item = errorItem(this.cause, itemIndex);
		item.json = {
			...item.json,
			request: this.failed.request,
			requests: this.failed.requests,
			mayHaveSucceeded: this.acted,
			...this.failed.fields,
		};
		return item;
	}

	/**
	 * The node's error without Continue On Fail: the cause's words, the request that failed, and
	 * every request of the run that was done before it (earlier items' included), so none is lost.
	 */
	nodeError(
		node: INode,
		itemIndex: number,
		before: INodeExecutionData[],
	): NodeApiError | NodeOperationError {
		const error = asNodeError(node, this.cause);
		const done = [
			...before.map(({ json, pairedItem }) => ({
				json,
				item: (pairedItem as { item: number } | undefined)?.item ?? itemIndex,
			})),
			...this.done.map((json) => ({ json, item: itemIndex })),
		];
		const { request, requests } = this.failed;
		if (requests === 1 && done.length === 0) return error;
		const where = requests > 1 ? `item ${itemIndex}, request ${request} of ${requests}` : '';
		const count =
			done.length > 0
				? `${done.length} earlier request${done.length === 1 ? '' : 's'} succeeded, listed in the details`
				: '';
		error.message = `${error.message} (${[where, count].filter(Boolean).join('; ')})`;
		const shown = done.slice(0, 20).map(({ json, item }) => {
			const part =
				typeof json.requests === 'number' && json.requests > 1
					? `, request ${String(json.request)} of ${json.requests}`
					: '';
			return `item ${item}${part}: ${this.wording.done(json)}`;
		});
		const more = done.length > shown.length ? `; and ${done.length - shown.length} more` : '';
		const notes = [
			shown.length > 0
				? `Done before this failure (${this.wording.doneAre}): ${shown.join('; ')}${more}.`
				: '',
			this.acted ? this.wording.ifActed : '',
			this.wording.leaves?.(request, requests) ?? '',
			'With Settings › On Error › Continue, each request is its own output item, the failed one included.',
		].filter(Boolean);
		const description = [error.description, ...notes].filter(Boolean).join(' ');
		error.description = description;
		error.context.done = done.map(({ json, item }) => ({ item, ...this.summary(json) }));
		return error;
	}

	/** The identifying fields of a done request, for the error's context (no entry lists). */
	private summary(json: IDataObject): IDataObject {
		return Object.fromEntries(
			Object.entries(json).filter(
				([, value]) => !Array.isArray(value) && typeof value !== 'object',
			),
		);
	}
}

/**
 * Sends the parts one after the other (`send` makes one request and gives its output item) and
 * returns their outputs; on a failure, throws a PartFailure naming the failed part and what the
 * parts not sent held (`fields`).
 */
export async function sendParts<T>(
	parts: T[][],
	send: (part: T[], request: number) => Promise<IDataObject>,
	failure: {
		fields: (failedPart: T[], notSent: T[]) => IDataObject;
		wording: PartsWording;
	},
): Promise<IDataObject[]> {
	const outputs: IDataObject[] = [];
	for (const [index, part] of parts.entries()) {
		let failed: { error: unknown } | undefined;
		try {
			outputs.push(await send(part, index + 1));
		} catch (error) {
			failed = { error };
		}
		if (failed) {
			throw new PartFailure(
				failed.error,
				outputs,
				{
					request: index + 1,
					requests: parts.length,
					fields: failure.fields(part, parts.slice(index + 1).flat()),
				},
				failure.wording,
			);
		}
	}
	return outputs;
}
