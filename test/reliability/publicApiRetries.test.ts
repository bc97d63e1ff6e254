import { requestedWaitMs, backoffMs } from '../../nodes/Segment/transport/retry';
import { locator, runAdmin, SEED } from '../admin/helpers';
import { PUBLIC_API_TOKEN, useCollector } from '../harness/collector';

/**
 * The same request helper serves the Public API: reads are retried like tracking calls; writes
 * (create, update, delete) only when Segment cannot have acted on them (429, refused connection).
 */
const collector = useCollector({ publicApiTokens: [PUBLIC_API_TOKEN] });

const QUICK = { options: { maxRetries: 3, retryDelay: 10 } };
const publicRequests = () => collector().requests.filter(({ api }) => api === 'publicApi');

describe('Public API reads', () => {
	test('a Get answered 503 twice is retried and succeeds', async () => {
		collector().injectFault({
			api: 'publicApi',
			times: 2,
			respond: { status: 503, body: { errors: [{ type: 'internal', message: 'busy' }] } },
		});
		const result = await runAdmin(collector(), {
			resource: 'source',
			operation: 'get',
			source: locator(SEED.websiteSource),
			...QUICK,
		});
		expect(result.error).toBeUndefined();
		expect(result.output()[0].json.id).toBe(SEED.websiteSource);
		expect(publicRequests().map(({ status }) => status)).toEqual([503, 503, 200]);
	});

	test("a 429 waits Segment's msBeforeNext, then succeeds", async () => {
		collector().injectFault({
			api: 'publicApi',
			respond: {
				status: 429,
				body: {
					errors: [
						{ type: 'too-many-requests', message: 'slow down', data: { msBeforeNext: 300 } },
					],
				},
			},
		});
		const started = Date.now();
		const result = await runAdmin(collector(), {
			resource: 'workspace',
			operation: 'get',
			...QUICK,
		});
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
		expect(publicRequests()).toHaveLength(2);
	});
	test("429s with Segment's msBeforeNext do not spend Max Retries either", async () => {
		collector().injectFault({
			api: 'publicApi',
			times: 5,
			respond: {
				status: 429,
				body: {
					errors: [{ type: 'too-many-requests', message: 'slow down', data: { msBeforeNext: 20 } }],
				},
			},
		});
		const result = await runAdmin(collector(), {
			resource: 'workspace',
			operation: 'get',
			...QUICK,
		});
		expect(result.error).toBeUndefined();
		expect(publicRequests()).toHaveLength(6);
	});
});

describe('Public API writes', () => {
	test('a Create answered 503 is not repeated (Segment may have created it): the error says so', async () => {
		collector().injectFault({
			api: 'publicApi',
			times: 5,
			respond: { status: 503, body: { errors: [{ type: 'internal', message: 'busy' }] } },
		});
		const result = await runAdmin(collector(), {
			resource: 'label',
			operation: 'create',
			key: 'region',
			value: 'apac',
			...QUICK,
		});
		expect(result.error?.message).toBe(
			"Segment's Public API failed on its side (503): try again later",
		);
		expect(publicRequests()).toHaveLength(1);
	});

	/** Deletes a source while Segment answers the first `times` attempts 429 with Retry-After: 0. */
	async function deleteRateLimited(times: number) {
		collector().injectFault({
			api: 'publicApi',
			times,
			respond: {
				status: 429,
				headers: { 'Retry-After': '0' },
				body: { errors: [{ type: 'too-many-requests', message: 'slow down' }] },
			},
		});
		return await runAdmin(collector(), {
			resource: 'source',
			operation: 'delete',
			source: locator(SEED.stagingSource),
			...QUICK,
		});
	}

	test('a Delete answered 429 is repeated: a rate-limited request did nothing', async () => {
		const result = await deleteRateLimited(1);
		expect(result.error).toBeUndefined();
		expect(publicRequests().map(({ method, status }) => [method, status])).toEqual([
			['DELETE', 429],
			['DELETE', 200],
		]);
	});

	test('a Delete answered 429 with Retry-After more often than Max Retries waits each out, and deletes once', async () => {
		const result = await deleteRateLimited(5);
		expect(result.error).toBeUndefined();
		expect(publicRequests().map(({ status }) => status)).toEqual([429, 429, 429, 429, 429, 200]);
		// X-Retry-Count is the Tracking API's; Segment's Public API clients do not send it.
		expect(publicRequests().map(({ headers }) => headers['x-retry-count'])).toEqual(
			Array(6).fill(undefined),
		);
	});

	test('an Update whose connection dropped after Segment handled it is not repeated', async () => {
		collector().injectFault({ api: 'publicApi', destroyAfterHandling: true });
		const result = await runAdmin(collector(), {
			resource: 'source',
			operation: 'update',
			source: locator(SEED.nodeSource),
			updateFields: { name: 'Renamed' },
			...QUICK,
		});
		expect(result.error?.message).toMatch(/^Could not reach the Segment Public API/);
		expect(publicRequests()).toHaveLength(1);
	});
});

describe('the waits Segment asks for, in every form it uses', () => {
	const now = Date.parse('2024-05-01T12:00:00Z');

	test('Retry-After: seconds, or an HTTP date', () => {
		expect(requestedWaitMs({ 'Retry-After': '3' }, undefined, now)).toBe(3000);
		expect(
			requestedWaitMs({ 'retry-after': 'Wed, 01 May 2024 12:00:05 GMT' }, undefined, now),
		).toBe(5000);
	});

	test('X-RateLimit-Reset: seconds to wait, Unix seconds, Unix milliseconds, or an HTTP date', () => {
		expect(requestedWaitMs({ 'X-RateLimit-Reset': '2' }, undefined, now)).toBe(2000);
		expect(requestedWaitMs({ 'X-RateLimit-Reset': String(now / 1000 + 7) }, undefined, now)).toBe(
			7000,
		);
		expect(requestedWaitMs({ 'X-RateLimit-Reset': String(now + 1500) }, undefined, now)).toBe(1500);
		expect(
			requestedWaitMs({ 'x-ratelimit-reset': 'Wed, 01 May 2024 12:00:09 GMT' }, undefined, now),
		).toBe(9000);
	});

	test("the Public API's msBeforeNext, in the body or in an error's data", () => {
		expect(requestedWaitMs({}, { data: { msBeforeNext: 1200 } }, now)).toBe(1200);
		expect(requestedWaitMs({}, { errors: [{ type: 'x', data: { msBeforeNext: 800 } }] }, now)).toBe(
			800,
		);
	});

	test('a time already past means no wait; nothing asked means backoff', () => {
		expect(
			requestedWaitMs({ 'Retry-After': 'Wed, 01 May 2024 11:59:00 GMT' }, undefined, now),
		).toBe(0);
		expect(requestedWaitMs({}, {}, now)).toBeUndefined();
	});

	test('backoff doubles per retry with up to as much again of jitter', () => {
		expect([0, 1, 2, 3].map((retry) => backoffMs(retry, 500, 0))).toEqual([500, 1000, 2000, 4000]);
		expect(backoffMs(2, 500, 0.999)).toBeLessThan(4000);
		expect(backoffMs(2, 500, 0.5)).toBe(3000);
	});
});
