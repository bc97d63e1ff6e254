import { createHmac } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { collectorCredentials, useCollector } from '../harness/collector';
import type { TriggerHarness, WebhookRequest } from '../harness/webhooks';
import { automatic, captureNodeLogs, registeredSecret, segmentTrigger } from './helpers';

/**
 * A request arriving at the trigger, through n8n-core's real WebhookContext: Segment's signature is
 * checked (a missing or wrong one is answered 401 and starts nothing), the events are filtered
 * again, repeats are dropped, and each event left becomes one output item.
 */
const collector = useCollector();

const SECRET = 'whsec_dummy_manual_3c1f';
/** Segment's signature: hex HMAC-SHA1 of the JSON it sent (for a batch, of the first event). */
const sign = (value: unknown, secret = SECRET) =>
	createHmac('sha1', secret).update(JSON.stringify(value)).digest('hex');

const track = (n: number, extra: IDataObject = {}): IDataObject => ({
	type: 'track',
	event: 'Order Completed',
	userId: `user-${n}`,
	messageId: `msg-${n}`,
	properties: { total: n * 10 },
	...extra,
});

function manual(parameters: INodeParameters = {}): TriggerHarness {
	return segmentTrigger(collector(), {
		parameters: { setup: 'manual', sharedSecret: SECRET, ...parameters },
		credentials: {},
		webhookId: `manual-${Math.random().toString(36).slice(2)}`,
	});
}

async function post(trigger: TriggerHarness, body: unknown, request: WebhookRequest = {}) {
	const rawBody = Buffer.from(JSON.stringify(body));
	const { result, answer } = await trigger.receive({
		body,
		rawBody,
		headers: {
			'content-type': 'application/json',
			'x-signature': sign(Array.isArray(body) ? body[0] : body),
		},
		...request,
	});
	return {
		answer,
		result,
		items: (result.workflowData?.[0] ?? []).map(({ json }) => json),
	};
}

describe("Segment's signature", () => {
	test('a single event signed as Segment signs it becomes one item, as it arrived', async () => {
		const event = track(1, { context: { library: { name: 'analytics-node' } } });
		const { items, answer } = await post(manual(), event);
		expect(items).toEqual([event]);
		expect(answer.ended).toBe(false);
	});

	test('a batch is signed over its first event: one item per event', async () => {
		const batch = [track(1), track(2), track(3)];
		const { items } = await post(manual(), batch);
		expect(items).toEqual(batch);
	});

	test('the bytes as they arrived are what is checked: a body re-spaced by the sender still matches', async () => {
		const event = track(1);
		const rawBody = JSON.stringify(event, null, 2);
		const signature = createHmac('sha1', SECRET).update(rawBody).digest('hex');
		const { items } = await post(manual(), event, {
			rawBody,
			headers: { 'x-signature': signature.toUpperCase() },
		});
		expect(items).toEqual([event]);
	});

	test.each([
		['missing', {}, 'The X-Signature header is missing'],
		[
			'wrong',
			{ 'x-signature': sign(track(1), 'another secret') },
			'The X-Signature header does not match the body',
		],
		['not hex', { 'x-signature': 'sha1=abc' }, 'The X-Signature header does not match the body'],
	])('a %s signature gets 401 and starts nothing', async (_name, headers, message) => {
		const { result, answer } = await post(manual(), track(1), { headers });
		expect(answer).toEqual({
			status: 401,
			body: { message },
			headers: {},
			ended: true,
		});
		expect(result).toEqual({ noWebhookResponse: true });
	});

	test('a tampered body gets 401: the signature is of what Segment sent', async () => {
		const signature = sign(track(1));
		const tampered = track(1, { properties: { total: 1_000_000 } });
		const { result, answer } = await post(manual(), tampered, {
			headers: { 'x-signature': signature },
		});
		expect(answer.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	test("a batch with a tampered first event gets 401; Segment's signature does not cover the others", async () => {
		const batch = [track(1), track(2)];
		const signature = sign(batch[0]);
		const first = await post(manual(), [track(1, { userId: 'intruder' }), track(2)], {
			headers: { 'x-signature': signature },
		});
		expect(first.answer.status).toBe(401);
		// What Segment signs is all that can be checked: a changed second event still passes.
		const later = await post(manual(), [track(1), track(2, { userId: 'intruder' })], {
			headers: { 'x-signature': signature },
		});
		expect(later.items).toHaveLength(2);
	});

	test('the refusal is logged without the secret or the signature', async () => {
		const logs = captureNodeLogs();
		try {
			await post(manual(), track(1), { headers: { 'x-signature': sign(track(2)) } });
		} finally {
			logs.restore();
		}
		expect(logs.lines).toEqual([
			'warn Segment Trigger "Trigger": refused a request (401): The X-Signature header does not match the body',
		]);
	});

	test('Manual setup without a Shared Secret takes unsigned requests (the panel warns about it)', async () => {
		const { items } = await post(manual({ sharedSecret: '' }), track(1), { headers: {} });
		expect(items).toEqual([track(1)]);
	});

	test('Automatic setup checks with the secret it created; before activation, every request is refused', async () => {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		const before = await post(trigger, track(1));
		expect(before.answer).toMatchObject({
			status: 401,
			body: {
				message:
					'This trigger has no webhook destination in Segment yet: activate the workflow again',
			},
		});
		await trigger.hook('create');
		const secret = registeredSecret(collector(), trigger);
		const signed = await post(trigger, track(1), {
			headers: { 'x-signature': sign(track(1), secret) },
		});
		expect(signed.items).toEqual([track(1)]);
		const withManualSecret = await post(trigger, track(2));
		expect(withManualSecret.answer.status).toBe(401);
	});

	test('a replaced Public API Token: deliveries get 500 (Segment retries) until the next activation makes a new secret', async () => {
		const credentials = collectorCredentials(collector());
		const trigger = segmentTrigger(collector(), { parameters: automatic(), credentials });
		await trigger.hook('create');
		const first = registeredSecret(collector(), trigger);
		const firstDestination = (trigger.staticData.segmentRegistration as IDataObject).destinationId;
		const event = (n: number) => track(n, { messageId: `rotation-${n}` });
		const signedWith = async (secret: string, n: number) =>
			await post(trigger, event(n), { headers: { 'x-signature': sign(event(n), secret) } });
		expect((await signedWith(first, 1)).items).toEqual([event(1)]);

		credentials.publicApiToken = 'sgp_dummy_rotated_public_api_token';
		const refused = await signedWith(first, 2);
		expect(refused.items).toEqual([]);
		expect(refused.answer).toMatchObject({
			status: 500,
			body: {
				message:
					"This trigger's credential has another Public API Token than when the workflow was activated, so Segment's signature cannot be checked: deactivate and activate the workflow",
			},
		});
		// n8n's next activation (or a restart of main) asks checkExists, which says to make it again.
		expect(await trigger.hook('checkExists')).toBe(false);
		await trigger.hook('create');
		const second = registeredSecret(collector(), trigger);
		expect(second).not.toBe(first);
		expect(collector().publicApiState.destinations.map(({ id }) => id)).not.toContain(
			firstDestination,
		);
		expect((await signedWith(second, 2)).items).toEqual([event(2)]);
		expect((await signedWith(first, 3)).answer.status).toBe(401);
		expect(JSON.stringify(trigger.staticData)).not.toContain(second);
	});

	test('Automatic setup without batching refuses a batch: its signature would cover only the first event', async () => {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		await trigger.hook('create');
		const secret = registeredSecret(collector(), trigger);
		const batch = [track(1), track(2)];
		const { answer } = await post(trigger, batch, {
			headers: { 'x-signature': sign(batch[0], secret) },
		});
		expect(answer).toMatchObject({
			status: 401,
			body: { message: "A batch arrived, but this trigger's mapping does not batch" },
		});
	});

	test('a body that is not an event or a list of events gets 400', async () => {
		const { answer } = await post(manual(), 'hello', { headers: { 'x-signature': sign('hello') } });
		expect(answer).toMatchObject({ status: 400 });
	});
});

describe('filters, applied again on receipt', () => {
	const mixed = [
		track(1),
		track(2, { event: 'Signed Up' }),
		{ type: 'identify', userId: 'user-3', messageId: 'msg-3', traits: { plan: 'pro' } },
		{ type: 'page', userId: 'user-4', messageId: 'msg-4', name: 'Pricing' },
		{ type: 'delete', userId: 'user-5' },
		'not an event',
	];

	async function kept(parameters: INodeParameters): Promise<unknown[]> {
		const { items } = await post(manual({ sharedSecret: '', ...parameters }), mixed, {
			headers: {},
		});
		return items.map((item) => item.messageId ?? item.type);
	}

	test('no types chosen: every tracking call, not deletion notices', async () => {
		expect(await kept({})).toEqual(['msg-1', 'msg-2', 'msg-3', 'msg-4']);
	});

	test('chosen types, and Track event names (other types are not affected)', async () => {
		expect(
			await kept({ eventTypes: ['track', 'identify'], eventNames: ['Order Completed'] }),
		).toEqual(['msg-1', 'msg-3']);
		expect(await kept({ eventTypes: ['delete'] })).toEqual(['delete']);
	});

	test('FQL (Automatic setup) is evaluated on every event', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: automatic({ filterBy: 'fql', fql: 'type = "track" and properties.total >= 20' }),
		});
		await trigger.hook('create');
		const secret = registeredSecret(collector(), trigger);
		const events = [track(1), track(2), track(3)];
		// A mapping edited in Segment to send everything: the node still keeps only what it asked for.
		const results = await Promise.all(
			events.map(
				async (event) =>
					await post(trigger, event, { headers: { 'x-signature': sign(event, secret) } }),
			),
		);
		expect(results.flatMap(({ items }) => items.map((item) => item.messageId))).toEqual([
			'msg-2',
			'msg-3',
		]);
	});

	test('nothing left: answered 200 with what was done, and no run starts', async () => {
		const { result, answer } = await post(
			manual({ sharedSecret: '', eventTypes: ['screen'] }),
			mixed,
			{
				headers: {},
			},
		);
		expect(answer.ended).toBe(false);
		expect(result).toEqual({
			webhookResponse: { received: 6, started: 0, filtered: 6, repeated: 0 },
		});
	});
});

describe('repeats (Drop Repeated Events)', () => {
	test('an event whose message ID already arrived is dropped, within a batch and across requests', async () => {
		const trigger = manual({ sharedSecret: '' });
		const first = await post(trigger, [track(1), track(2), track(1)], { headers: {} });
		expect(first.items.map(({ messageId }) => messageId)).toEqual(['msg-1', 'msg-2']);
		const again = await post(trigger, track(2), { headers: {} });
		expect(again.result).toEqual({
			webhookResponse: { received: 1, started: 0, filtered: 0, repeated: 1 },
		});
		const another = manual({ sharedSecret: '' });
		expect((await post(another, track(2), { headers: {} })).items).toHaveLength(1);
	});

	test('turned off, every arrival becomes an item', async () => {
		const trigger = manual({ sharedSecret: '', options: { dropRepeatedEvents: false } });
		await post(trigger, track(1), { headers: {} });
		expect((await post(trigger, track(1), { headers: {} })).items).toHaveLength(1);
	});

	test('a deactivated trigger forgets what it saw', async () => {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		await trigger.hook('create');
		const secret = () => registeredSecret(collector(), trigger);
		await post(trigger, track(1), { headers: { 'x-signature': sign(track(1), secret()) } });
		await trigger.hook('delete');
		await trigger.hook('create');
		const again = await post(trigger, track(1), {
			headers: { 'x-signature': sign(track(1), secret()) },
		});
		expect(again.items).toHaveLength(1);
	});
});
