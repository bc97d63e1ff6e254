import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault } from '../../collector';
import { collectorCredentials, useCollector, WRITE_KEY } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/**
 * The fault matrix: each fault the collector can play, through n8n's engine. The calls that should
 * succeed arrive once (by messageId), retries happen as often and as late as they should, and the
 * items that cannot succeed become error items naming the cause. Every input item always ends as
 * exactly one output item.
 */
const collector = useCollector();

/** Short waits: a 50 ms first backoff; a 3 s timeout, so that a busy machine does not time out the requests that should not. */
const POLICY = { maxRetries: 3, retryDelay: 50, maxTotalWait: 20, timeout: 3 };
const TRACK: INodeParameters = {
	resource: 'tracking',
	operation: 'track',
	event: 'Signed Up',
	userId: '={{ $json.id }}',
};
const ITEMS: IDataObject[] = [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }];
/** A second source's (made-up) write key. */
const OTHER_WRITE_KEY = 'wk_dummy_other_source_3d9e';

async function run(fault: Fault | undefined, options: IDataObject = {}, continueOnFail = true) {
	if (fault) collector().injectFault({ path: '/v1/batch', ...fault });
	const started = Date.now();
	const result = await runSegmentNode({
		items: ITEMS,
		parameters: { ...TRACK, options: { ...POLICY, ...options } },
		credentials: collectorCredentials(collector()),
		continueOnFail,
	});
	const output = result.output();
	// Nothing lost: one output item per input item, paired to it, whatever happened.
	if (!result.error)
		expect(output.map((item) => item.pairedItem)).toEqual(ITEMS.map((_, item) => ({ item })));
	return { result, output, elapsedMs: Date.now() - started, attempts: collector().requests.length };
}

function expectDeliveredOnce() {
	const arrivals = collector().arrivalsByMessageId();
	expect(arrivals.size).toBe(ITEMS.length);
	expect([...arrivals.values()]).toEqual(ITEMS.map(() => 1));
}

describe('retried until they succeed, each call arriving once', () => {
	test('429 without Retry-After: backoff of 50·2^n·(1+jitter) ms, then success', async () => {
		const { output, attempts, elapsedMs } = await run({
			times: 2,
			respond: { status: 429, body: { message: 'Too Many Requests' } },
		});
		expect(attempts).toBe(3);
		expect(elapsedMs).toBeGreaterThanOrEqual(50 + 100);
		expect(output.every(({ json }) => json.error === undefined)).toBe(true);
		expectDeliveredOnce();
	});

	test('429 with Retry-After: 1 waits the second Segment asked for', async () => {
		const { attempts, elapsedMs } = await run({
			respond: {
				status: 429,
				headers: { 'Retry-After': '1' },
				body: { message: 'Too Many Requests' },
			},
		});
		expect(attempts).toBe(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
		expectDeliveredOnce();
	});

	test('429 with X-RateLimit-Reset as a Unix time in milliseconds waits until then', async () => {
		const reset = String(Date.now() + 800);
		const { attempts, elapsedMs } = await run({
			respond: {
				status: 429,
				headers: { 'X-RateLimit-Reset': reset },
				body: { message: 'slow down' },
			},
		});
		expect(attempts).toBe(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(700);
		expectDeliveredOnce();
	});

	test.each([500, 502, 503, 504])('%i is retried', async (status) => {
		const { attempts, output } = await run({
			times: 2,
			respond: { status, body: { message: 'server error' } },
		});
		expect(attempts).toBe(3);
		expect(output.every(({ json }) => json.response !== undefined)).toBe(true);
		expectDeliveredOnce();
	});

	test('a connection dropped before Segment handled the request is retried', async () => {
		const { attempts } = await run({ times: 2, destroy: true });
		expect(attempts).toBe(3);
		expectDeliveredOnce();
	});

	test('a connection dropped after Segment handled the request: the retry repeats the same messageIds, which Segment drops', async () => {
		const { attempts, output } = await run({ destroyAfterHandling: true });
		expect(attempts).toBe(2);
		const arrivals = collector().arrivalsByMessageId();
		expect([...arrivals.keys()].sort()).toEqual(output.map(({ json }) => json.messageId).sort());
		expect([...arrivals.values()]).toEqual([2, 2, 2]);
	});

	test('a retried batch carries the same events, with sentAt set again for the new attempt', async () => {
		const { attempts } = await run({ respond: { status: 503, body: { message: 'busy' } } });
		expect(attempts).toBe(2);
		const [first, second] = collector().requests.map(
			({ body }) => JSON.parse(body) as { batch: unknown[]; sentAt: string },
		);
		expect(second.batch).toEqual(first.batch);
		// The retry waits at least the 50 ms first backoff.
		expect(Date.parse(second.sentAt) - Date.parse(first.sentAt)).toBeGreaterThanOrEqual(50);
		expectDeliveredOnce();
	});

	test('an attempt that stalls past the timeout is abandoned and retried', async () => {
		const { attempts, elapsedMs, output } = await run({ stallMs: 6000 });
		expect(attempts).toBe(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(3000);
		expect(output.every(({ json }) => json.error === undefined)).toBe(true);
		expectDeliveredOnce();
	});

	test('a slow answer within the timeout is simply waited for', async () => {
		const { attempts, elapsedMs } = await run({ delayMs: 400 });
		expect(attempts).toBe(1);
		expect(elapsedMs).toBeGreaterThanOrEqual(400);
		expectDeliveredOnce();
	});

	test('a 200 with a body that is not JSON still counts as accepted, its text kept', async () => {
		const { output, attempts } = await run({
			respond: {
				status: 200,
				body: '{"success": tru',
				headers: { 'Content-Type': 'application/json' },
			},
		});
		expect(attempts).toBe(1);
		expect(output[0].json.response).toEqual({ statusCode: 200, body: '{"success": tru' });
	});
});

describe('429s that say when to come back: waited out without spending Max Retries, within Max Total Wait', () => {
	const rateLimited = (retryAfter: string) => ({
		status: 429,
		headers: { 'Retry-After': retryAfter },
		body: { message: 'Too Many Requests' },
	});
	const retryCounts = () => collector().requests.map(({ headers }) => headers['x-retry-count']);

	test('more 429s with Retry-After than Max Retries: every wait is taken, then success', async () => {
		const { output, attempts } = await run({ times: 5, respond: rateLimited('0') });
		expect(attempts).toBe(6);
		expect(output.every(({ json }) => json.error === undefined)).toBe(true);
		expectDeliveredOnce();
	});

	test('after them, Max Retries is whole for the failures that do count', async () => {
		collector().injectFault({ path: '/v1/batch', times: 4, respond: rateLimited('0') });
		const { output, attempts } = await run({
			times: 3,
			respond: { status: 503, body: { message: 'busy' } },
		});
		// 4 waits Segment asked for, 3 retries after 503s (Max Retries 3), then success.
		expect(attempts).toBe(8);
		expect(output.every(({ json }) => json.error === undefined)).toBe(true);
		expectDeliveredOnce();
	});

	test('429s without Retry-After do count: Max Retries ends them', async () => {
		const { output, attempts } = await run({
			times: 10,
			respond: { status: 429, body: { message: 'Too Many Requests' } },
		});
		expect(attempts).toBe(4);
		expect(output[0].json.error).toBe(
			'Segment Tracking API answered 429: Too Many Requests (after 4 attempts)',
		);
	});

	test('Max Total Wait still bounds them: the wait that would pass it ends the retries', async () => {
		const { output, attempts, elapsedMs } = await run(
			{ times: 10, respond: rateLimited('1') },
			{ maxTotalWait: 2 },
		);
		expect(attempts).toBe(3);
		expect(elapsedMs).toBeGreaterThanOrEqual(2000);
		expect(output[0].json).toMatchObject({
			error: 'Segment Tracking API answered 429: Too Many Requests (after 3 attempts)',
			description: expect.stringContaining(
				'stopped retrying: the next wait (1 s, as Segment asked) would pass Max Total Wait (2 s)',
			),
		});
		expect(collector().received).toHaveLength(0);
	});

	test('a server that keeps asking for no wait at all is given 20 waits, then the error says so', async () => {
		const { output, attempts } = await run({ times: 30, respond: rateLimited('0') });
		expect(attempts).toBe(21);
		expect(output[0].json.description).toContain(
			'stopped retrying: still rate limited after 20 waits Segment asked for',
		);
	});

	test("X-Retry-Count arrives with every retry, as Segment's libraries send it; the first attempt has none", async () => {
		collector().injectFault({ path: '/v1/batch', times: 2, respond: rateLimited('0') });
		await run({ times: 1, respond: { status: 500, body: { message: 'boom' } } });
		expect(retryCounts()).toEqual([undefined, '1', '2', '3']);
		expectDeliveredOnce();
	});

	test('one request per item: each request counts its own retries', async () => {
		collector().injectFault({ path: '/v1/track', times: 1, respond: rateLimited('0') });
		await run(undefined, { sendInBatches: false, concurrency: 1 });
		expect(retryCounts()).toEqual([undefined, '1', undefined, undefined]);
		expectDeliveredOnce();
	});
});

describe('not retried, or retried in vain: error items that name the cause', () => {
	test.each([400, 401, 403, 404, 413, 422, 501, 505])('%i is not retried', async (status) => {
		const { output, attempts } = await run({
			times: 5,
			respond: { status, body: { message: `refused with ${status}` } },
		});
		expect(attempts).toBe(1);
		expect(output.map(({ json }) => [json.error, json.httpCode])).toEqual(
			ITEMS.map(() => [
				`Segment Tracking API answered ${status}: refused with ${status}`,
				String(status),
			]),
		);
		expect(collector().received).toHaveLength(0);
	});

	test("503 on every attempt: the error gives the status, Segment's message and the attempts", async () => {
		const { output, attempts } = await run({
			times: 10,
			respond: {
				status: 503,
				body: '<html><body><h1>503 Service Unavailable</h1></body></html>',
				headers: { 'Content-Type': 'text/html' },
			},
		});
		expect(attempts).toBe(4);
		expect(output[0].json).toMatchObject({
			error: 'Segment Tracking API answered 503: 503 Service Unavailable (after 4 attempts)',
			httpCode: '503',
			itemIndex: 0,
		});
	});

	test('every attempt stalls: the error says no answer came within the timeout', async () => {
		const { output, attempts } = await run({ times: 10, stallMs: 6000 }, { maxRetries: 1 });
		expect(attempts).toBe(2);
		expect(output[0].json.error).toBe(
			'Could not reach the Segment Tracking API: no answer within the 3 s timeout (after 2 attempts)',
		);
		expect(collector().received).toHaveLength(0);
	});

	test('a wait longer than Max Total Wait ends the retries at once, saying so', async () => {
		const { output, attempts, elapsedMs } = await run({
			respond: {
				status: 429,
				headers: { 'Retry-After': '120' },
				body: { message: 'Too Many Requests' },
			},
		});
		expect(attempts).toBe(1);
		expect(elapsedMs).toBeLessThan(5000);
		expect(output[0].json).toMatchObject({
			error: 'Segment Tracking API answered 429: Too Many Requests',
			description: expect.stringContaining(
				'stopped retrying: the next wait (120 s, as Segment asked) would pass Max Total Wait (20 s)',
			),
		});
	});

	test('without Continue On Fail, the node fails with the same message', async () => {
		const { result } = await run(
			{ times: 10, respond: { status: 500, body: { message: 'boom' } } },
			{ maxRetries: 1 },
			false,
		);
		expect(result.error?.message).toBe(
			'Segment Tracking API answered 500: boom (after 2 attempts)',
		);
	});

	test('one request per item: only the failing item fails', async () => {
		collector().injectFault({
			path: '/v1/track',
			times: 10,
			respond: { status: 503, body: { message: 'busy' } },
		});
		const result = await runSegmentNode({
			items: ITEMS,
			parameters: {
				...TRACK,
				options: { ...POLICY, maxRetries: 1, sendInBatches: false, concurrency: 1 },
			},
			credentials: collectorCredentials(collector()),
			continueOnFail: true,
		});
		const output = result.output();
		expect(output).toHaveLength(3);
		// With one request at a time, the first item's two attempts take two of the faults, and so on.
		expect(output.map(({ json }) => json.error ?? 'sent')).toEqual([
			'Segment Tracking API answered 503: busy (after 2 attempts)',
			'Segment Tracking API answered 503: busy (after 2 attempts)',
			'Segment Tracking API answered 503: busy (after 2 attempts)',
		]);
	});
});

describe('re-running a failed run does not double-count', () => {
	test('with Message ID From Content, the same data gives the same messageIds, different data different ones', async () => {
		const first = await run(undefined, { messageIdFromContent: true });
		const second = await run(undefined, { messageIdFromContent: true });
		const ids = (output: typeof first.output) => output.map(({ json }) => json.messageId);
		expect(ids(second.output)).toEqual(ids(first.output));
		expect(new Set(ids(first.output)).size).toBe(3);
		expect(ids(first.output).every((id) => /^n8n-content-[0-9a-f]{40}$/.test(String(id)))).toBe(
			true,
		);
		expect([...collector().arrivalsByMessageId().values()]).toEqual([2, 2, 2]);
	});

	// Segment de-duplicates on messageId across everything it receives, not per source.
	test.each([
		['Track', TRACK, ITEMS],
		[
			'Batch from input items',
			{ resource: 'tracking', operation: 'batch', callsFrom: 'items' },
			ITEMS.map(({ id }) => ({ type: 'track', userId: id, event: 'Signed Up' })),
		],
	])(
		'%s with Message ID From Content: the same calls with another write key get other messageIds, and both sources keep them',
		async (_operation, parameters, items) => {
			const sendWith = async (writeKey: string) => {
				const result = await runSegmentNode({
					items,
					parameters: { ...parameters, options: { ...POLICY, messageIdFromContent: true } },
					credentials: collectorCredentials(collector(), { writeKey }),
				});
				expect(result.error).toBeUndefined();
				return result.output().map(({ json }) => String(json.messageId));
			};
			const sourceA = await sendWith(WRITE_KEY);
			const sourceB = await sendWith(OTHER_WRITE_KEY);
			const sourceAAgain = await sendWith(WRITE_KEY);
			expect(sourceAAgain).toEqual(sourceA);
			expect(new Set([...sourceA, ...sourceB]).size).toBe(6);
			const received = collector().received.map(({ messageId, writeKey }) => [messageId, writeKey]);
			expect(received).toEqual([
				...sourceA.map((id) => [id, WRITE_KEY]),
				...sourceB.map((id) => [id, OTHER_WRITE_KEY]),
				...sourceA.map((id) => [id, WRITE_KEY]),
			]);
			// Segment would keep 6 calls: each source's 3 once.
			expect(collector().arrivalsByMessageId().size).toBe(6);
		},
	);

	test('a run whose second request failed, run again: the calls that had arrived repeat their messageIds', async () => {
		const items = Array.from({ length: 2_600 }, (_, index) => ({ id: `u${index}` }));
		const credentials = collectorCredentials(collector());
		const rerunTwice = async (messageIdFromContent: boolean) => {
			collector().reset();
			const parameters = { ...TRACK, options: { ...POLICY, messageIdFromContent, concurrency: 1 } };
			// The first run's second request (its last calls) is refused; the node fails.
			collector().injectFault({
				path: '/v1/batch',
				skip: 1,
				respond: { status: 400, body: { message: 'Invalid JSON' } },
			});
			const failed = await runSegmentNode({ items, parameters, credentials });
			expect(failed.error?.message).toBe('Segment Tracking API answered 400: Invalid JSON');
			const arrivedBefore = collector().received.length;
			expect(arrivedBefore).toBeGreaterThan(2_000);
			const rerun = await runSegmentNode({ items, parameters, credentials });
			expect(rerun.error).toBeUndefined();
			return { arrivals: collector().arrivalsByMessageId(), arrivedBefore };
		};

		const stable = await rerunTwice(true);
		expect(stable.arrivals.size).toBe(2_600);
		expect([...stable.arrivals.values()].filter((times) => times === 2)).toHaveLength(
			stable.arrivedBefore,
		);

		// With random messageIds, Segment would count the calls of the first request twice.
		const random = await rerunTwice(false);
		expect(random.arrivals.size).toBe(2_600 + random.arrivedBefore);
	});
});
