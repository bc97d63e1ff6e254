import { createHmac } from 'node:crypto';
import {
	createServer,
	type IncomingHttpHeaders,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { ACTIONS_WEBHOOK, CLASSIC_WEBHOOKS, SEND_ACTION } from '../../collector/publicApi/catalog';
import type { Destination, DestinationSubscription } from '../../collector/publicApi/state';
import { basicAuthFor, useCollector } from '../harness/collector';

/**
 * The collector delivers as Segment delivers to webhook destinations: tracking calls for a source
 * with a webhook destination are POSTed to the hook after the Tracking API has answered, signed,
 * one per event or batched per the mapping, retried with backoff; every attempt is recorded.
 */
const collector = useCollector({
	// A hook's answer is waited for 3 s: a loaded machine (CI installing n8n beside the unit tests)
	// has taken over 500 ms to answer on the loopback, which read as a timeout.
	delivery: { retryBaseMs: 20, timeoutMs: 3000, batchWindowMs: 50 },
});

const SECRET = 'whsec_dummy_collector_77aa';
const WEBSITE = { id: 'qQEHquLrjRDN9j1ByrChyn', writeKey: 'wk_dummy_website_prod_1' };
const hmac = (text: string) => createHmac('sha1', SECRET).update(text).digest('hex');

interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

/** A hook on 127.0.0.1: records each request and answers with the next status queued (default 200). */
class Sink {
	readonly received: Received[] = [];

	statuses: number[] = [];

	/** Hold every answer until release() (a hook that is slow to answer). */
	holding = false;

	private held: ServerResponse[] = [];

	private readonly server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
			if (this.holding) this.held.push(response);
			else response.writeHead(this.statuses.shift() ?? 200).end();
		});
	});

	url = '';

	static async start(): Promise<Sink> {
		const sink = new Sink();
		await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
		sink.url = `http://127.0.0.1:${(sink.server.address() as AddressInfo).port}/hook`;
		return sink;
	}

	release(): void {
		this.holding = false;
		for (const response of this.held.splice(0)) response.writeHead(200).end();
	}

	async close(): Promise<void> {
		this.release();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

let sink: Sink;
beforeEach(async () => {
	sink = await Sink.start();
});
afterEach(async () => {
	await sink.close();
});

const state = () => collector().publicApiState;

function actionsDestination(
	settings: DestinationSubscription['settings'],
	trigger = 'type = "track"',
) {
	const destination: Destination = {
		id: 'dddddddddddddddddddddddd',
		name: 'hook',
		enabled: true,
		metadata: ACTIONS_WEBHOOK,
		sourceId: WEBSITE.id,
		settings: { sharedSecret: SECRET },
	};
	state().destinations.push(destination);
	state().subscriptions.push({
		id: 'subscription1',
		name: 'to the sink',
		actionId: SEND_ACTION.id,
		actionSlug: 'send',
		destinationId: destination.id,
		enabled: true,
		trigger,
		settings: { url: sink.url, method: 'POST', data: { '@path': '$.' }, ...settings },
	});
	return destination;
}

async function sendTracking(
	path: string,
	body: unknown,
	writeKey = WEBSITE.writeKey,
): Promise<number> {
	const response = await fetch(`${collector().trackingBaseUrl}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: basicAuthFor(writeKey) },
		body: JSON.stringify(body),
	});
	return response.status;
}

const trackCall = (n: number) => ({
	userId: `u-${n}`,
	event: 'Order Completed',
	messageId: `m-${n}`,
});

test('Webhooks (Actions): one signed POST per event, the whole event as Segment passes it on', async () => {
	actionsDestination({ headers: { 'X-Team': 'growth' } });
	expect(await sendTracking('/track', trackCall(1))).toBe(200);
	await collector().deliveriesSettled();
	expect(sink.received).toHaveLength(1);
	const [{ headers, body }] = sink.received;
	const event = JSON.parse(body) as Record<string, unknown>;
	expect(event).toMatchObject({
		type: 'track',
		userId: 'u-1',
		event: 'Order Completed',
		messageId: 'm-1',
	});
	expect(event.receivedAt).toEqual(expect.any(String));
	expect(headers).toMatchObject({
		'content-type': 'application/json',
		'user-agent': 'Segment (Actions)',
		'x-team': 'growth',
		'x-signature': hmac(body),
	});
	expect(collector().deliveries).toEqual([
		expect.objectContaining({
			kind: 'actions',
			attempt: 1,
			status: 200,
			outcome: 'delivered',
			messageIds: ['m-1'],
		}),
	]);
});

test('batching: one JSON list per batch, signed over its first event only', async () => {
	actionsDestination({ enable_batching: true, batch_size: 2 });
	await sendTracking('/batch', {
		batch: [1, 2, 3].map((n) => ({ type: 'track', ...trackCall(n) })),
	});
	await collector().deliveriesSettled();
	const batches = sink.received.map(
		({ body }) => JSON.parse(body) as Array<Record<string, unknown>>,
	);
	// The full batch goes at once and the rest when the batch window closes; the two requests may
	// arrive in either order (Segment promises none), so they are compared sorted.
	expect(batches.map((batch) => batch.map(({ messageId }) => messageId)).sort()).toEqual([
		['m-1', 'm-2'],
		['m-3'],
	]);
	for (const { headers, body } of sink.received) {
		const [first] = JSON.parse(body) as unknown[];
		expect(headers['x-signature']).toBe(hmac(JSON.stringify(first)));
		expect(headers['x-signature']).not.toBe(hmac(body));
	}
});

test("only events the mapping's trigger matches are sent", async () => {
	actionsDestination({}, 'type = "track" and event = "Order Completed"');
	await sendTracking('/batch', {
		batch: [
			{ type: 'track', ...trackCall(1) },
			{ type: 'track', userId: 'u-2', event: 'Other', messageId: 'm-2' },
			{ type: 'identify', userId: 'u-3', messageId: 'm-3' },
		],
	});
	await collector().deliveriesSettled();
	expect(sink.received.map(({ body }) => JSON.parse(body).messageId)).toEqual(['m-1']);
});

test('failures are retried with growing waits; every attempt is recorded', async () => {
	actionsDestination({});
	sink.statuses = [500, 503, 200];
	await sendTracking('/track', trackCall(1));
	await collector().deliveriesSettled();
	const attempts = collector().deliveries;
	expect(attempts.map(({ attempt, status, outcome }) => [attempt, status, outcome])).toEqual([
		[1, 500, 'retrying'],
		[2, 503, 'retrying'],
		[3, 200, 'delivered'],
	]);
	const started = attempts.map(({ startedAt }) => Date.parse(startedAt));
	// Waits of base·2^n·(1 + random): at least 20 ms, then at least 40 ms.
	expect(started[1] - started[0]).toBeGreaterThanOrEqual(20);
	expect(started[2] - started[1]).toBeGreaterThanOrEqual(40);
	expect(new Set(sink.received.map(({ body }) => body)).size).toBe(1);
});

test('400, 401 and 403 are discarded, as Segment discards them; other failures stop after the last attempt', async () => {
	actionsDestination({});
	sink.statuses = [401];
	await sendTracking('/track', trackCall(1));
	await collector().deliveriesSettled();
	expect(collector().deliveries.map(({ outcome }) => outcome)).toEqual(['discarded']);

	collector().deliveries.length = 0;
	collector().deliveryOptions.maxAttempts = 2;
	sink.statuses = [404, 404];
	await sendTracking('/track', trackCall(2));
	await collector().deliveriesSettled();
	expect(collector().deliveries.map(({ status, outcome }) => [status, outcome])).toEqual([
		[404, 'retrying'],
		[404, 'failed'],
	]);
	collector().deliveryOptions.maxAttempts = 8;
});

test('an answer lost on the way back is sent again: the hook gets the event twice', async () => {
	actionsDestination({});
	collector().injectDeliveryFault({ loseAnswer: true });
	await sendTracking('/track', trackCall(1));
	await collector().deliveriesSettled();
	expect(
		collector().deliveries.map(({ status, error, outcome }) => [status, error, outcome]),
	).toEqual([
		[undefined, 'the answer (200) was lost (injected fault)', 'retrying'],
		[200, undefined, 'delivered'],
	]);
	expect(sink.received.map(({ body }) => JSON.parse(body).messageId)).toEqual(['m-1', 'm-1']);
});

test('a hook that does not answer in time is retried', async () => {
	actionsDestination({});
	sink.holding = true;
	await sendTracking('/track', trackCall(1));
	// The first attempt times out; the retry arrives, and is answered.
	while (sink.received.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
	sink.release();
	await collector().deliveriesSettled();
	const [first, second] = collector().deliveries;
	expect(first).toMatchObject({ outcome: 'retrying', error: 'no answer within 3000 ms' });
	expect(first.status).toBeUndefined();
	expect(second).toMatchObject({ status: 200, outcome: 'delivered' });
});

test("delivery never holds up the Tracking API's answer", async () => {
	actionsDestination({});
	sink.holding = true;
	// The hook holds its answer until released: the tracking call is answered meanwhile.
	expect(await sendTracking('/track', trackCall(1))).toBe(200);
	while (sink.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
	expect(collector().deliveries).toEqual([]);
	sink.release();
	await collector().deliveriesSettled();
	expect(collector().deliveries.map(({ outcome }) => outcome)).toEqual(['delivered']);
});

test('classic Webhooks: every event to each hook, delivered once one hook took it; deletion notices too', async () => {
	const other = await Sink.start();
	try {
		state().destinations.push({
			id: 'cccccccccccccccccccccccc',
			name: 'classic',
			enabled: true,
			metadata: CLASSIC_WEBHOOKS,
			sourceId: WEBSITE.id,
			settings: {
				hooks: [
					{ hook: sink.url, headers: [{ key: 'X-Env', value: 'prod' }] },
					{ hook: other.url, headers: [] },
				],
				sharedSecret: SECRET,
			},
		});
		sink.statuses = [500];
		await sendTracking('/identify', { userId: 'u-1', messageId: 'm-1', traits: { plan: 'pro' } });
		await collector().deliveriesSettled();
		expect(collector().deliveries.map(({ status, outcome }) => [status, outcome])).toEqual([
			[500, 'failed'],
			[200, 'delivered'],
		]);
		const [{ headers, body }] = other.received;
		expect(headers).toMatchObject({ 'user-agent': 'Segment.io/1.0', 'x-signature': hmac(body) });
		expect(sink.received[0].headers['x-env']).toBe('prod');

		collector().notifyDeletion(WEBSITE.id, 'u-9');
		await collector().deliveriesSettled();
		expect(JSON.parse(other.received[1].body)).toEqual({
			type: 'delete',
			userId: 'u-9',
			timestamp: expect.any(String),
		});
	} finally {
		await other.close();
	}
});

test("nothing is sent for another source's write key, a disabled destination or mapping, or a hook off 127.0.0.1", async () => {
	const destination = actionsDestination({});
	await sendTracking('/track', trackCall(1), 'wk_dummy_unknown_key');
	destination.enabled = false;
	await sendTracking('/track', trackCall(2));
	destination.enabled = true;
	state().subscriptions[0].enabled = false;
	await sendTracking('/track', trackCall(3));
	state().subscriptions[0].enabled = true;
	state().subscriptions[0].settings.url = 'https://example.com/hook';
	await sendTracking('/track', trackCall(4));
	await collector().deliveriesSettled();
	expect(sink.received).toEqual([]);
	expect(collector().deliveries).toEqual([
		expect.objectContaining({
			url: 'https://example.com/hook',
			outcome: 'refused',
			error: 'not sent: the collector only delivers to 127.0.0.1',
			messageIds: ['m-4'],
		}),
	]);
});
