import { TRACKING_LIMITS } from '../../collector';
import { basicAuthFor, PUBLIC_API_TOKEN, useCollector, WRITE_KEY } from '../harness/collector';

/** The collector is the test peer: it must answer as Segment's Tracking API does. */
const collector = useCollector();

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(`${collector().trackingBaseUrl.replace(/\/v1$/, '')}${path}`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Authorization: basicAuthFor(WRITE_KEY),
			...headers,
		},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A track call whose JSON is exactly `bytes` long. */
function trackOfSize(bytes: number, messageId = 'm'): Record<string, unknown> {
	const message = { type: 'track', userId: 'u', event: 'E', messageId, properties: { pad: '' } };
	const padding = bytes - Buffer.byteLength(JSON.stringify(message));
	message.properties.pad = 'x'.repeat(padding);
	return message;
}

describe('Tracking API answers', () => {
	test('a valid call gets 200 {"success": true} and is recorded with its write key', async () => {
		const answer = await post('/v1/track', { userId: 'u1', event: 'Signed Up', messageId: 'm-1' });
		expect(answer).toEqual({ status: 200, body: { success: true } });
		expect(collector().received).toEqual([
			expect.objectContaining({
				type: 'track',
				messageId: 'm-1',
				writeKey: WRITE_KEY,
				endpoint: '/v1/track',
			}),
		]);
	});

	test('the write key may come in the body instead of Basic auth', async () => {
		const answer = await post(
			'/v1/identify',
			{ userId: 'u1', writeKey: 'wk_body' },
			{ Authorization: '' },
		);
		expect(answer.status).toBe(200);
		expect(collector().received[0].writeKey).toBe('wk_body');
		expect(collector().received[0].message).not.toHaveProperty('writeKey');
	});

	test('no write key at all gets 401', async () => {
		expect(
			(await post('/v1/track', { userId: 'u1', event: 'E' }, { Authorization: '' })).status,
		).toBe(401);
	});

	test('invalid JSON and a non-JSON content type get 400', async () => {
		expect(await post('/v1/track', '{"userId": ')).toEqual({
			status: 400,
			body: { success: false, code: 'invalid_request', message: 'Invalid JSON' },
		});
		expect(
			(await post('/v1/track', { userId: 'u1' }, { 'Content-Type': 'text/plain' })).status,
		).toBe(400);
	});

	test('a single call of 32 KB is accepted; one byte more gets 400', async () => {
		expect((await post('/v1/track', trackOfSize(TRACKING_LIMITS.maxMessageBytes))).status).toBe(
			200,
		);
		const over = await post('/v1/track', trackOfSize(TRACKING_LIMITS.maxMessageBytes + 1));
		expect(over).toEqual({
			status: 400,
			body: { success: false, code: 'invalid_request', message: 'Message exceeds the 32KB limit' },
		});
		expect(collector().received).toHaveLength(1);
	});

	test('a batch over 500 KB gets 400, and so does a batch with one event over 32 KB', async () => {
		const event = trackOfSize(20_000);
		const batch = Array.from({ length: 26 }, (_, index) => ({ ...event, messageId: `m-${index}` }));
		const body = JSON.stringify({ batch });
		expect(Buffer.byteLength(body)).toBeGreaterThan(TRACKING_LIMITS.maxBatchBytes);
		expect((await post('/v1/batch', body)).status).toBe(400);
		const oversizedEvent = await post('/v1/batch', {
			batch: [trackOfSize(TRACKING_LIMITS.maxMessageBytes + 1)],
		});
		expect(oversizedEvent.status).toBe(400);
		expect(collector().received).toHaveLength(0);
	});

	test('a batch of more than 2,500 events gets 200 and the excess is dropped, as Segment does', async () => {
		const batch = Array.from({ length: 2_600 }, (_, index) => ({
			type: 'track',
			userId: 'u',
			event: 'E',
			messageId: `m-${index}`,
		}));
		expect(await post('/v1/batch', { batch })).toEqual({ status: 200, body: { success: true } });
		expect(collector().received).toHaveLength(2_500);
		expect(collector().dropped).toHaveLength(100);
		expect(collector().dropped[0]).toMatchObject({ reason: 'batch_over_2500_events' });
	});

	test('calls Segment would drop are answered 200 but not accepted: no user or anonymous id, no event', async () => {
		expect((await post('/v1/track', { event: 'E' })).status).toBe(200);
		expect((await post('/v1/track', { userId: 'u' })).status).toBe(200);
		expect((await post('/v1/alias', { userId: 'u' })).status).toBe(200);
		expect(collector().received).toHaveLength(0);
		expect(collector().dropped.map(({ reason }) => reason)).toEqual([
			'no_user_anon_id',
			'missing_event',
			'missing_previous_id',
		]);
	});

	test('/v1/import and /v1/b are aliases of /v1/batch', async () => {
		for (const path of ['/v1/import', '/v1/b']) {
			expect((await post(path, { batch: [{ type: 'identify', userId: 'u' }] })).status).toBe(200);
		}
		expect(collector().received.map(({ endpoint }) => endpoint)).toEqual(['/v1/import', '/v1/b']);
	});

	test('a message without a messageId gets one, as Segment assigns it', async () => {
		await post('/v1/track', { userId: 'u', event: 'E' });
		expect(collector().received[0].messageId).toMatch(/^api-/);
	});
});

describe('faults', () => {
	test('an injected answer is used for the next matching requests only', async () => {
		collector().injectFault({
			path: '/v1/track',
			times: 2,
			respond: { status: 503, body: { message: 'busy' } },
		});
		expect((await post('/v1/track', { userId: 'u', event: 'E' })).status).toBe(503);
		expect((await post('/v1/identify', { userId: 'u' })).status).toBe(200);
		expect((await post('/v1/track', { userId: 'u', event: 'E' })).status).toBe(503);
		expect((await post('/v1/track', { userId: 'u', event: 'E' })).status).toBe(200);
	});

	test('an answer delay holds every answer that long, for requests in flight side by side', async () => {
		collector().answerDelayMs = 50;
		try {
			const started = performance.now();
			const answers = await Promise.all(
				[1, 2, 3, 4].map(async (n) => {
					const answer = await post('/v1/track', { userId: `u${n}`, event: 'E' });
					return { status: answer.status, elapsedMs: performance.now() - started };
				}),
			);
			for (const { status, elapsedMs } of answers) {
				expect(status).toBe(200);
				expect(elapsedMs).toBeGreaterThanOrEqual(49);
			}
			// Each request waits on its own, not in a queue behind the others.
			expect(collector().maxConcurrentRequests).toBe(4);
			expect(collector().received).toHaveLength(4);
		} finally {
			collector().answerDelayMs = 0;
		}
	});
});

describe('Public API', () => {
	test("the workspace answers a Bearer token, and 401 with Segment's error envelope without one", async () => {
		const base = collector().publicApiBaseUrl;
		const ok = await fetch(`${base}/`, {
			headers: { Authorization: `Bearer ${PUBLIC_API_TOKEN}` },
		});
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({
			data: { workspace: expect.objectContaining({ id: expect.any(String) }) },
		});
		const denied = await fetch(`${base}/`);
		expect(denied.status).toBe(401);
		expect(await denied.json()).toEqual({
			errors: [{ type: 'unauthorized', message: expect.any(String) }],
		});
	});
});
