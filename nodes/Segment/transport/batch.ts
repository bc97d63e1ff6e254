import { forEachWithConcurrency } from '../helpers/concurrency';
import { segmentApiRequest, type SegmentFunctions, type SegmentResponse } from './index';

/** Segment's limits for one /v1/batch request (each event also stays within 32 KB). */
export const BATCH_LIMITS = {
	maxRequestBytes: 500 * 1024,
	maxEvents: 2500,
} as const;

const SENT_AT_PLACEHOLDER = '0000-00-00T00:00:00.000Z';
const ENVELOPE_START = '{"batch":[';
const ENVELOPE_END = (sentAt: string) => `],"sentAt":"${sentAt}"}`;
/** Where sentAt starts, counted back from the end of a request body. */
const SENT_AT_FROM_END = SENT_AT_PLACEHOLDER.length + '"}'.length;

/** Bytes of a batch request around its events: `{"batch":[`, `],"sentAt":"…"}`. */
export const ENVELOPE_BYTES = ENVELOPE_START.length + ENVELOPE_END(SENT_AT_PLACEHOLDER).length;

/** One validated message, measured. */
export interface BatchEntry {
	bytes: number;
}

/**
 * Whether an entry of `entryBytes` needs a new request, after `events` entries that make a body of
 * `bodyBytes` (envelope included): each request holds at most 2,500 events and 500 KB.
 */
function startsNewRequest(events: number, bodyBytes: number, entryBytes: number): boolean {
	return (
		events > 0 &&
		(events >= BATCH_LIMITS.maxEvents || bodyBytes + 1 + entryBytes > BATCH_LIMITS.maxRequestBytes)
	);
}

/** The fewest requests any grouping could use for these entries under Segment's limits. */
export function minimumBatchRequests(entries: readonly BatchEntry[]): number {
	if (entries.length === 0) return 0;
	const eventBytes = entries.reduce((sum, entry) => sum + entry.bytes + 1, 0);
	const byBytes = Math.ceil(eventBytes / (BATCH_LIMITS.maxRequestBytes - ENVELOPE_BYTES + 1));
	return Math.max(byBytes, Math.ceil(entries.length / BATCH_LIMITS.maxEvents));
}

/** One /v1/batch request, ready: its body and the entries it carries. */
export interface BatchRequest {
	/** `{"batch":[…],"sentAt":"…"}` as bytes; released once the request is answered. */
	body?: Buffer;
	/** The indexes of its entries, in the order they were added. */
	entries: number[];
}

/**
 * Writes entries into /v1/batch request bodies as they come, in order, in as few requests as
 * Segment's limits allow: a request is full when the next entry would pass 2,500 events or 500 KB.
 * A large run so holds each event once, as bytes outside the JavaScript heap, instead of as text
 * that is joined and encoded again when it is sent.
 */
export class BatchBodies {
	readonly requests: BatchRequest[] = [];

	private scratch = Buffer.allocUnsafe(BATCH_LIMITS.maxRequestBytes);

	private length = ENVELOPE_START.length;

	private entries: number[] = [];

	constructor() {
		this.scratch.write(ENVELOPE_START, 0, 'latin1');
	}

	/** Adds entry `index`: `json` is the event, `bytes` its UTF-8 length. */
	add(index: number, json: string, bytes: number): void {
		const bodyBytes = this.length + ENVELOPE_END(SENT_AT_PLACEHOLDER).length;
		if (startsNewRequest(this.entries.length, bodyBytes, bytes)) this.seal();
		const needed = this.length + 1 + bytes + ENVELOPE_BYTES;
		if (needed > this.scratch.length) {
			const larger = Buffer.allocUnsafe(needed * 2);
			this.scratch.copy(larger, 0, 0, this.length);
			this.scratch = larger;
		}
		if (this.entries.length > 0) this.scratch[this.length++] = 0x2c; // ','
		this.length += this.scratch.write(json, this.length, 'utf8');
		this.entries.push(index);
	}

	/** The requests, the last one sealed too. */
	finish(): BatchRequest[] {
		if (this.entries.length > 0) this.seal();
		this.scratch = Buffer.alloc(0);
		return this.requests;
	}

	private seal(): void {
		this.length += this.scratch.write(ENVELOPE_END(SENT_AT_PLACEHOLDER), this.length, 'latin1');
		let body: Buffer;
		if (this.length * 2 >= this.scratch.length) {
			// At least half full (the usual case): the buffer becomes the body, a new one is started.
			body = this.scratch.subarray(0, this.length);
			this.scratch = Buffer.allocUnsafe(BATCH_LIMITS.maxRequestBytes);
			this.scratch.write(ENVELOPE_START, 0, 'latin1');
		} else {
			body = Buffer.allocUnsafe(this.length);
			this.scratch.copy(body, 0, 0, this.length);
		}
		this.requests.push({ body, entries: this.entries });
		this.entries = [];
		this.length = ENVELOPE_START.length;
	}
}

/** What happened to one entry: Segment's answer to its request, or why the request failed. */
export type BatchOutcome = { ok: true; response: SegmentResponse } | { ok: false; error: unknown };

export interface SendBatchesOptions {
	/** Requests in flight at once. */
	concurrency: number;
	/** Stop starting requests after the first failure (when the node will fail anyway). */
	stopOnError: boolean;
	/** The input item of each entry, so an error points at it. */
	itemIndexOf?: (entry: number) => number;
	/** Called as each request settles, with its entries: their results can be built meanwhile. */
	onSettled?: (entries: readonly number[], outcome: BatchOutcome) => void;
}

/**
 * Sends the requests BatchBodies wrote, with bounded concurrency. A failed request fails only its
 * own entries. Returns one outcome per entry (undefined for entries never sent because an earlier
 * failure stopped the run; the entries of one request share theirs). Each body is released once
 * its request is answered.
 */
export async function sendBatches(
	this: SegmentFunctions,
	requests: readonly BatchRequest[],
	entryCount: number,
	options: SendBatchesOptions,
): Promise<Array<BatchOutcome | undefined>> {
	const outcomes = new Array<BatchOutcome | undefined>(entryCount);
	let failed = false;
	await forEachWithConcurrency(requests, options.concurrency, async (batch) => {
		if (failed && options.stopOnError) return;
		const body = batch.body as Buffer;
		let outcome: BatchOutcome;
		try {
			const response = await segmentApiRequest.call(this, {
				api: 'tracking',
				method: 'POST',
				path: '/batch',
				// sentAt is set for each attempt: Segment uses it to correct clock skew in timestamps.
				body: () => {
					body.write(new Date().toISOString(), body.length - SENT_AT_FROM_END, 'latin1');
					return body;
				},
				itemIndex: options.itemIndexOf?.(batch.entries[0]),
			});
			outcome = { ok: true, response };
		} catch (error) {
			failed = true;
			outcome = { ok: false, error };
		}
		batch.body = undefined;
		for (const index of batch.entries) outcomes[index] = outcome;
		options.onSettled?.(batch.entries, outcome);
	});
	return outcomes;
}
