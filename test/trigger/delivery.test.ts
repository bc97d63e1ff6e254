import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';
import { automatic, segmentTrigger, TriggerRelay, WEBSITE } from './helpers';

/**
 * The whole loop in n8n's engine: the Segment node sends tracking calls to the collector, which
 * delivers them as Segment does to the webhook destination the trigger created on activation;
 * a stand-in for n8n's webhook server hands each request to the trigger. Every event sent becomes
 * exactly one item, whatever Segment's retries repeat.
 */
const collector = useCollector({
	delivery: { retryBaseMs: 10, timeoutMs: 2000, batchWindowMs: 50 },
});

let relay: TriggerRelay;
beforeEach(async () => {
	relay = await TriggerRelay.start();
});
afterEach(async () => {
	await relay.close();
});

function activeTrigger(parameters: INodeParameters = {}) {
	const trigger = segmentTrigger(collector(), {
		parameters: automatic(parameters),
		instanceBaseUrl: relay.baseUrl,
	});
	relay.trigger = trigger;
	return trigger;
}

/** Sends one Track call per item (and Identify for those marked so) with the website's write key. */
async function sendTracking(items: IDataObject[], parameters: INodeParameters = {}) {
	const result = await runSegmentNode({
		items,
		parameters: {
			resource: 'tracking',
			operation: 'track',
			event: '={{ $json.event }}',
			userId: '={{ $json.userId }}',
			options: { messageId: '={{ $json.messageId }}' },
			...parameters,
		},
		credentials: collectorCredentials(collector(), { writeKey: WEBSITE.writeKey }),
	});
	expect(result.error).toBeUndefined();
}

const orders = (count: number, from = 1) =>
	Array.from({ length: count }, (_, index) => ({
		event: 'Order Completed',
		userId: `user-${from + index}`,
		messageId: `order-${from + index}`,
	}));

const received = () => relay.runs.flat().map(({ messageId }) => messageId);

test('every call the Segment node sends starts the trigger once, signed and checked', async () => {
	const trigger = activeTrigger({ eventTypes: ['track'], eventNames: ['Order Completed'] });
	await trigger.hook('create');
	await sendTracking([
		...orders(5),
		{ event: 'Page Viewed', userId: 'user-9', messageId: 'other-1' },
	]);
	await collector().deliveriesSettled();
	expect(received().sort()).toEqual(
		orders(5)
			.map(({ messageId }) => messageId)
			.sort(),
	);
	expect(relay.runs).toHaveLength(5);
	expect(relay.runs[0][0]).toMatchObject({
		type: 'track',
		event: 'Order Completed',
		userId: expect.any(String),
	});
	// Segment filtered by the mapping's trigger: the other event was never sent.
	expect(collector().deliveries.every(({ outcome }) => outcome === 'delivered')).toBe(true);
	expect(collector().deliveries).toHaveLength(5);
});

test('n8n failing (500) is retried by Segment; an answer lost after the run started is not run twice', async () => {
	const trigger = activeTrigger();
	await trigger.hook('create');
	relay.failNext = [500];
	await sendTracking(orders(1));
	await collector().deliveriesSettled();
	expect(collector().deliveries.map(({ status }) => status)).toEqual([500, 200]);
	expect(received()).toEqual(['order-1']);

	// The same event again, as Segment resends one whose answer timed out.
	await sendTracking(orders(1));
	await collector().deliveriesSettled();
	expect(received()).toEqual(['order-1']);
	expect(relay.requests.at(-1)).toMatchObject({
		status: 200,
		body: { received: 1, started: 0, filtered: 0, repeated: 1 },
	});
});

test('Batch Events: Segment sends lists, each one run with one item per event', async () => {
	const trigger = activeTrigger({ options: { batchEvents: true, batchSize: 4, retryDelay: 1 } });
	await trigger.hook('create');
	await sendTracking(orders(10));
	await collector().deliveriesSettled();
	expect(relay.runs.map((run) => run.length).reduce((sum, length) => sum + length, 0)).toBe(10);
	expect(relay.runs.every((run) => run.length <= 4)).toBe(true);
	expect(new Set(received()).size).toBe(10);
});

test('the classic fallback sends every event; the node keeps the ones asked for', async () => {
	collector().publicApiState.features.destinationSubscriptions = false;
	const trigger = activeTrigger({ eventTypes: ['identify', 'delete'] });
	await trigger.hook('create');
	await sendTracking(orders(2));
	await sendTracking([{ userId: 'user-7', messageId: 'identify-7' }], {
		operation: 'identify',
		event: undefined,
	});
	collector().notifyDeletion(WEBSITE.id, 'user-8');
	await collector().deliveriesSettled();
	expect(collector().deliveries.map(({ kind }) => kind)).toEqual([
		'classic',
		'classic',
		'classic',
		'classic',
	]);
	expect(relay.runs.flat().map(({ type, userId }) => `${String(type)} ${String(userId)}`)).toEqual([
		'identify user-7',
		'delete user-8',
	]);
});

test('after deactivation Segment has no destination left to deliver to', async () => {
	const trigger = activeTrigger();
	await trigger.hook('create');
	await trigger.hook('delete');
	await sendTracking(orders(3));
	await collector().deliveriesSettled();
	expect(collector().deliveries).toEqual([]);
	expect(relay.requests).toEqual([]);
});
