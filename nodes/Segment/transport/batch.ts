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

/** Bytes of a batch request around its events: `{"batch":[`, `],"sentAt":"…"}`. */
export const ENVELOPE_BYTES = ENVELOPE_START.length + ENVELOPE_END(SENT_AT_PLACEHOLDER).length;

/** One validated message, already serialised and measured. */
export interface BatchEntry {
	json: string;
	bytes: number;
}

/**
 * Groups entries, in order, into as few requests as Segment's limits allow: each request holds at
 * most 2,500 events and its body at most 500 KB. Returns the entry indexes of each request.
 */
export function planBatches(entries: readonly BatchEntry[]): number[][] {
	const batches: number[][] = [];
	let current: number[] = [];
	let bytes = ENVELOPE_BYTES;
	entries.forEach((entry, index) => {
		const added = entry.bytes + (current.length > 0 ? 1 : 0);
		if (
			current.length > 0 &&
			(current.length >= BATCH_LIMITS.maxEvents || bytes + added > BATCH_LIMITS.maxRequestBytes)
		) {
			batches.push(current);
			current = [];
			bytes = ENVELOPE_BYTES;
		}
		bytes += entry.bytes + (current.length > 0 ? 1 : 0);
		current.push(index);
	});
	if (current.length > 0) batches.push(current);
	return batches;
}

/** The fewest requests any grouping could use for these entries under Segment's limits. */
export function minimumBatchRequests(entries: readonly BatchEntry[]): number {
	if (entries.length === 0) return 0;
	const eventBytes = entries.reduce((sum, entry) => sum + entry.bytes + 1, 0);
	const byBytes = Math.ceil(eventBytes / (BATCH_LIMITS.maxRequestBytes - ENVELOPE_BYTES + 1));
	return Math.max(byBytes, Math.ceil(entries.length / BATCH_LIMITS.maxEvents));
}

/** What happened to one entry: Segment's answer to its request, or why the request failed. */
export type BatchOutcome =
	| { ok: true; response: SegmentResponse; request: number; events: number }
	| { ok: false; error: unknown; request: number; events: number };

export interface SendBatchesOptions {
	/** Requests in flight at once. */
	concurrency: number;
	/** Stop starting requests after the first failure (when the node will fail anyway). */
	stopOnError: boolean;
	/** The input item of each entry, so an error points at it. */
	itemIndexOf?: (entry: number) => number;
}

/**
 * Sends entries to /v1/batch in as few requests as the limits allow, with bounded concurrency.
 * A failed request fails only its own entries. Returns one outcome per entry (undefined for
 * entries never sent because an earlier failure stopped the run).
 */
export async function sendBatches(
	this: SegmentFunctions,
	entries: readonly BatchEntry[],
	options: SendBatchesOptions,
): Promise<Array<BatchOutcome | undefined>> {
	const batches = planBatches(entries);
	const outcomes = new Array<BatchOutcome | undefined>(entries.length);
	let failed = false;
	await forEachWithConcurrency(batches, options.concurrency, async (batch, request) => {
		if (failed && options.stopOnError) return;
		const events = batch.map((index) => entries[index].json).join(',');
		let outcome: BatchOutcome;
		try {
			const response = await segmentApiRequest.call(this, {
				api: 'tracking',
				method: 'POST',
				path: '/batch',
				// sentAt is set for each attempt: Segment uses it to correct clock skew in timestamps.
				body: () => `${ENVELOPE_START}${events}${ENVELOPE_END(new Date().toISOString())}`,
				itemIndex: options.itemIndexOf?.(batch[0]),
			});
			outcome = { ok: true, response, request, events: batch.length };
		} catch (error) {
			failed = true;
			outcome = { ok: false, error, request, events: batch.length };
		}
		for (const index of batch) outcomes[index] = outcome;
	});
	return outcomes;
}
