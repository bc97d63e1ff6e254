import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/** Batch and Import Historical Data: lists of calls, validated one by one, sent through /v1/batch. */
const collector = useCollector();

async function run(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	continueOnFail = false,
) {
	return await runSegmentNode({
		items,
		parameters: { resource: 'tracking', ...parameters },
		credentials: collectorCredentials(collector()),
		continueOnFail,
	});
}

const received = () => collector().received.map(({ message }) => message as IDataObject);

describe('Batch', () => {
	test('a JSON list of calls of several types goes out in one request; the item gets a result per call', async () => {
		const calls = [
			{ type: 'identify', userId: 'u1', traits: { plan: 'pro' } },
			{
				type: 'track',
				userId: 'u1',
				event: 'Signed Up',
				properties: { source: 'form' },
				messageId: 'signup-u1',
			},
			{ type: 'group', userId: 'u1', groupId: 'acme', traits: { name: 'Acme' } },
			{ type: 'page', anonymousId: 'a1', name: 'Pricing' },
			{ type: 'screen', userId: 'u1', name: 'Home' },
			{ type: 'alias', previousId: 'a1', userId: 'u1' },
		];
		const result = await run({ operation: 'batch', calls: JSON.stringify(calls) });
		expect(result.error).toBeUndefined();
		expect(collector().requests.map(({ path }) => path)).toEqual(['/v1/batch']);
		expect(received().map(({ type }) => type)).toEqual([
			'identify',
			'track',
			'group',
			'page',
			'screen',
			'alias',
		]);
		expect(received()[1]).toMatchObject({
			event: 'Signed Up',
			properties: { source: 'form' },
			messageId: 'signup-u1',
		});
		const [output] = result.output();
		expect(output.pairedItem).toEqual({ item: 0 });
		expect(output.json).toEqual({
			sent: 6,
			failed: 0,
			calls: received().map((message, call) => ({
				call,
				type: message.type,
				messageId: message.messageId,
			})),
			response: { statusCode: 200, body: { success: true } },
		});
	});

	test('from input items, each item is one call; all items share one request and get their own result', async () => {
		const items = [
			{ type: 'track', userId: 'u1', event: 'Viewed' },
			{ type: 'identify', userId: 'u2', traits: { email: 'b@example.com' } },
			{ type: 'track', anonymousId: 'a3', event: 'Clicked', properties: { button: 'buy' } },
		];
		const result = await run({ operation: 'batch', callsFrom: 'items' }, items);
		expect(collector().requests).toHaveLength(1);
		expect(
			received().map(({ type, userId, anonymousId }) => [type, userId ?? anonymousId]),
		).toEqual([
			['track', 'u1'],
			['identify', 'u2'],
			['track', 'a3'],
		]);
		expect(
			result.output().map(({ json, pairedItem }) => [json.type, json.messageId, pairedItem]),
		).toEqual(received().map((message, item) => [message.type, message.messageId, { item }]));
	});

	test("top-level context and integrations are merged into every call; a call's own values win", async () => {
		const calls = [
			{ type: 'track', userId: 'u1', event: 'A' },
			{
				type: 'track',
				userId: 'u2',
				event: 'B',
				context: { ip: '198.51.100.1' },
				integrations: { Mixpanel: false },
			},
		];
		await run({
			operation: 'batch',
			calls: JSON.stringify(calls),
			context: { ip: '203.0.113.7', locale: 'nl-NL' },
			integrations: {
				all: false,
				destinations: { destination: [{ name: 'Mixpanel', enabled: true }] },
			},
		});
		const [first, second] = received();
		expect(first.context).toMatchObject({
			ip: '203.0.113.7',
			locale: 'nl-NL',
			library: { name: 'n8n-nodes-segment' },
		});
		expect(first.integrations).toEqual({ All: false, Mixpanel: true });
		expect(second.context).toMatchObject({ ip: '198.51.100.1', locale: 'nl-NL' });
		expect(second.integrations).toEqual({ All: false, Mixpanel: false });
	});

	test('with Continue On Fail, invalid calls are reported for their item and the valid ones are sent', async () => {
		const calls = [
			{ type: 'track', userId: 'u1', event: 'A' },
			{ type: 'track', userId: 'u1' },
			{ type: 'visit', userId: 'u1' },
			{ type: 'identify', userId: 'u1', propertes: {} },
			{ type: 'identify', anonymousId: 'a1' },
		];
		const result = await run({ operation: 'batch', calls: JSON.stringify(calls) }, [{}], true);
		expect(received().map(({ type }) => type)).toEqual(['track', 'identify']);
		const [output] = result.output();
		expect(output.json).toMatchObject({
			sent: 2,
			failed: 3,
			calls: [
				{ call: 0, type: 'track' },
				{ call: 1, field: 'event', error: 'Item 0, call 1, field "event": required, but empty' },
				{
					call: 2,
					field: 'type',
					error: expect.stringContaining(
						'field "type": expected one of track, identify, page, screen, group, alias, got "visit"',
					),
				},
				{
					call: 3,
					field: 'propertes',
					error: expect.stringContaining('field "propertes": is not a field of a Segment call'),
				},
				{ call: 4, type: 'identify' },
			],
		});
		expect(output.json.error).toMatch(/^3 of 5 calls were not sent\. call 1: /);
	});

	test('without Continue On Fail, one invalid call fails the node before anything is sent', async () => {
		const calls = [
			{ type: 'track', userId: 'u1', event: 'A' },
			{ type: 'track', event: 'B' },
		];
		const result = await run({ operation: 'batch', calls: JSON.stringify(calls) }, [{}, {}]);
		expect(result.error?.message).toBe(
			'Item 0, call 1, field "userId": needs a value, or Anonymous ID does: Segment drops calls with neither (error no_user_anon_id)',
		);
		expect(collector().requests).toHaveLength(0);
	});

	test('calls that are not a JSON list are refused with what was expected', async () => {
		const result = await run({ operation: 'batch', calls: '{"type": "track"' });
		expect(result.error?.message).toMatch(
			/^Item 0, field "Calls \(JSON\)" \(calls\): expected a JSON list of calls, but the text is not valid JSON/,
		);
		const notAList = await run({ operation: 'batch', calls: '={{ 42 }}' });
		expect(notAList.error?.message).toBe(
			'Item 0, field "Calls (JSON)" (calls): expected a JSON list of call objects, got 42',
		);
	});

	test('the calls of many items are pooled into as few requests as the limits allow', async () => {
		const items = Array.from({ length: 30 }, (_, index) => ({
			calls: Array.from({ length: 100 }, (_, call) => ({
				type: 'track',
				userId: `u${index}`,
				event: `E${call}`,
			})),
		}));
		const result = await run({ operation: 'batch', calls: '={{ $json.calls }}' }, items);
		expect(result.error).toBeUndefined();
		const sizes = collector().requests.map(
			({ body }) => (JSON.parse(body) as { batch: unknown[] }).batch.length,
		);
		expect(sizes.sort((a, b) => b - a)).toEqual([2_500, 500]);
		expect(result.output().map(({ json }) => json.sent)).toEqual(Array(30).fill(100));
	});
});

describe('Import Historical Data', () => {
	test('every call keeps its own timestamp, sent as UTC through /v1/batch', async () => {
		const calls = [
			{
				type: 'identify',
				userId: 'u1',
				traits: { plan: 'pro' },
				timestamp: '2021-03-01T09:00:00Z',
			},
			{
				type: 'track',
				userId: 'u1',
				event: 'Order Completed',
				timestamp: '2021-03-02T10:30:00+01:00',
			},
		];
		const result = await run({ operation: 'importHistoricalData', calls: JSON.stringify(calls) });
		expect(result.error).toBeUndefined();
		expect(collector().requests.map(({ path }) => path)).toEqual(['/v1/batch']);
		expect(received().map(({ timestamp }) => timestamp)).toEqual([
			'2021-03-01T09:00:00.000Z',
			'2021-03-02T09:30:00.000Z',
		]);
	});

	test('a call without a timestamp is refused; the node never substitutes the current time', async () => {
		const calls = [
			{ type: 'track', userId: 'u1', event: 'Old', timestamp: '2021-03-01T09:00:00Z' },
			{ type: 'track', userId: 'u1', event: 'Undated' },
		];
		const failed = await run({ operation: 'importHistoricalData', calls: JSON.stringify(calls) });
		expect(failed.error?.message).toBe(
			'Item 0, call 1, field "timestamp": required for a historical import: give the time the call happened, as ISO-8601 with a timezone (the node never stamps the current time on a backfill)',
		);
		expect(collector().requests).toHaveLength(0);

		const partial = await run(
			{ operation: 'importHistoricalData', calls: JSON.stringify(calls) },
			[{}],
			true,
		);
		expect(received().map(({ event, timestamp }) => [event, timestamp])).toEqual([
			['Old', '2021-03-01T09:00:00.000Z'],
		]);
		expect(partial.output()[0].json).toMatchObject({ sent: 1, failed: 1 });
	});

	test('from input items, each backfilled row is one call with its own timestamp', async () => {
		const rows = [
			{
				type: 'track',
				userId: 'u1',
				event: 'Order Completed',
				timestamp: '2020-01-05T08:00:00Z',
				properties: { revenue: 10 },
			},
			{
				type: 'track',
				userId: 'u2',
				event: 'Order Completed',
				timestamp: '2020-01-06T08:00:00Z',
				properties: { revenue: 20 },
			},
		];
		const result = await run({ operation: 'importHistoricalData', callsFrom: 'items' }, rows);
		expect(result.error).toBeUndefined();
		expect(
			received().map(({ userId, timestamp, properties }) => [userId, timestamp, properties]),
		).toEqual([
			['u1', '2020-01-05T08:00:00.000Z', { revenue: 10 }],
			['u2', '2020-01-06T08:00:00.000Z', { revenue: 20 }],
		]);
		expect(result.output().map(({ json }) => json.timestamp)).toEqual([
			'2020-01-05T08:00:00.000Z',
			'2020-01-06T08:00:00.000Z',
		]);
	});
});
