import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_MESSAGE_BYTES } from '../../nodes/Segment/actions/tracking/schema';
import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

const collector = useCollector();

function run(parameters: INodeParameters, items: IDataObject[], continueOnFail = false) {
	return runSegmentNode({
		items,
		parameters: { resource: 'tracking', operation: 'track', event: 'Signed Up', ...parameters },
		credentials: collectorCredentials(collector()),
		continueOnFail,
	});
}

describe('bad input is refused before anything is sent', () => {
	test('an item with neither User ID nor Anonymous ID fails the node, naming item and field; nothing is sent', async () => {
		const result = await run({ userId: '={{ $json.id }}' }, [
			{ id: 'u1' },
			{ id: '' },
			{ id: 'u3' },
		]);
		expect(result.error?.message).toBe(
			'Item 1, field "User ID" (userId): needs a value, or Anonymous ID does: Segment drops calls with neither (error no_user_anon_id)',
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(collector().requests).toHaveLength(0);
	});

	test('with Continue On Fail, the bad item becomes an error item and the others are sent', async () => {
		const result = await run(
			{ userId: '={{ $json.id }}' },
			[{ id: 'u1' }, { id: '' }, { id: 'u3' }],
			true,
		);
		expect(result.error).toBeUndefined();
		const output = result.output();
		expect(output).toHaveLength(3);
		expect(output[1]).toEqual({
			json: {
				error: expect.stringContaining('Item 1, field "User ID" (userId)'),
				itemIndex: 1,
				field: 'userId',
			},
			pairedItem: { item: 1 },
		});
		expect(output[0].json.messageId).toEqual(expect.any(String));
		expect(output[2].json.messageId).toEqual(expect.any(String));
		expect(collector().received.map(({ message }) => message.userId)).toEqual(['u1', 'u3']);
	});

	test.each([
		['yesterday', 'yesterday'],
		['a date without a time', '2024-05-01'],
		['a time without a timezone', '2024-05-01T12:00:00'],
		['month 13', '2024-13-01T00:00:00Z'],
		['a Unix epoch', '={{ 1714560000 }}'],
	])('a timestamp that is %s is refused with what was expected', async (_name, timestamp) => {
		const result = await run({ userId: 'u1', options: { timestamp } }, [{}]);
		expect(result.error?.message).toMatch(
			/^Item 0, field "Timestamp" \(timestamp\): expected an ISO-8601 date-time with a timezone, like 2024-05-01T12:00:00Z or 2024-05-01T14:00:00\+02:00; got /,
		);
		expect(collector().requests).toHaveLength(0);
	});

	test.each<[string, INodeParameters, string]>([
		[
			'Track whose event expression is empty',
			{ userId: 'u1', event: '={{ $json.none }}' },
			'Item 0, field "Event" (event): required, but empty',
		],
		[
			'Group whose group ID is blank',
			{ operation: 'group', userId: 'u1', groupId: ' ' },
			'Item 0, field "Group ID" (groupId): required, but empty',
		],
		[
			'Alias whose previous ID expression is empty',
			{ operation: 'alias', userId: 'u1', previousId: '={{ $json.none }}' },
			'Item 0, field "Previous ID" (previousId): required, but empty',
		],
		[
			'Alias whose user ID expression is empty',
			{ operation: 'alias', userId: '={{ $json.none }}', previousId: 'anon' },
			'Item 0, field "User ID" (userId): required, but empty',
		],
		[
			'a message ID over 100 characters',
			{ userId: 'u1', options: { messageId: 'x'.repeat(101) } },
			'Item 0, field "Message ID" (messageId): must be at most 100 characters',
		],
		[
			'properties JSON that does not parse',
			{ userId: 'u1', propertiesInput: 'json', propertiesJson: '{"plan": pro}' },
			'Item 0, field "Properties (JSON)" (properties): expected a JSON object, but the text is not valid JSON',
		],
		[
			'properties JSON that is a list',
			{ userId: 'u1', propertiesInput: 'json', propertiesJson: '[1, 2]' },
			'Item 0, field "Properties (JSON)" (properties): expected a JSON object like {"plan": "pro"}, got a list',
		],
		[
			'a number field that holds text',
			{
				userId: 'u1',
				properties: { assignments: [{ id: '1', name: 'price', value: 'ten', type: 'number' }] },
			},
			'Item 0, field "Properties" (properties.price): expected a number, got "ten"',
		],
		[
			'a number that JSON cannot carry',
			{
				userId: 'u1',
				propertiesInput: 'json',
				propertiesJson: '={{ { items: [{ price: 0/0 }] } }}',
			},
			'Item 0, field "Properties" (properties.items[0].price): must be a finite number, got NaN',
		],
		[
			'a user ID that is an object',
			{ userId: '={{ { id: 1 } }}' },
			'Item 0, field "User ID" (userId): expected text or a number, got an object',
		],
		[
			'a context latitude that is not a number',
			{ userId: 'u1', context: { location: { values: { latitude: 'north' } } } },
			'Item 0, field "Context" (context.location.latitude): expected a number, got "north"',
		],
		[
			'an integration switch that is text',
			{ userId: 'u1', integrations: { json: '{"Mixpanel": "yes"}' } },
			'Item 0, field "Integrations" (integrations.Mixpanel): must be true, false or an object of destination options, got "yes"',
		],
	])('%s is refused, naming the item and the field', async (_name, parameters, message) => {
		const result = await run(parameters, [{}]);
		expect(result.error?.message).toContain(message);
		expect(collector().requests).toHaveLength(0);
	});
});

describe("Segment's 32 KB limit per call", () => {
	const padded = (padding: number): INodeParameters => ({
		userId: 'u1',
		options: { messageId: 'fixed-message-id', sendInBatches: false },
		propertiesInput: 'json',
		propertiesJson: `={{ { padding: "${'x'.repeat(padding)}" } }}`,
	});

	test('a call of exactly 32,768 bytes is sent; one byte more is refused with its size, unsent', async () => {
		await run(padded(100), [{}]);
		const overhead = collector().requests[0].bodyBytes - 100;
		collector().reset();

		const exact = MAX_MESSAGE_BYTES - overhead;
		const atLimit = await run(padded(exact), [{}]);
		expect(atLimit.error).toBeUndefined();
		expect(collector().requests.map(({ bodyBytes, status }) => [bodyBytes, status])).toEqual([
			[MAX_MESSAGE_BYTES, 200],
		]);
		collector().reset();

		const overLimit = await run(padded(exact + 1), [{}]);
		expect(overLimit.error?.message).toBe(
			'Item 0, field "Properties" (properties): the call is 32,769 bytes, over Segment\'s limit of 32,768 bytes (32 KB) per call; "properties" is its largest part. Nothing was sent for this item.',
		);
		expect(collector().requests).toHaveLength(0);
	});

	test('batched, an event of exactly 32,768 bytes goes in a batch; one byte more is refused', async () => {
		const event = (padding: number): INodeParameters => ({
			...padded(padding),
			options: { messageId: 'fixed-message-id' },
		});
		await run(padded(100), [{}]);
		const exact = MAX_MESSAGE_BYTES - (collector().requests[0].bodyBytes - 100);
		collector().reset();
		expect((await run(event(exact), [{}])).error).toBeUndefined();
		expect(collector().requests.map(({ path, status }) => [path, status])).toEqual([
			['/v1/batch', 200],
		]);
		expect(Buffer.byteLength(JSON.stringify(collector().received[0].message))).toBe(
			MAX_MESSAGE_BYTES,
		);
		collector().reset();
		expect((await run(event(exact + 1), [{}])).error?.message).toContain(
			'the call is 32,769 bytes',
		);
		expect(collector().requests).toHaveLength(0);
	});

	test('with Continue On Fail, only the oversized item fails', async () => {
		const result = await run(
			{
				userId: '={{ $json.id }}',
				propertiesInput: 'json',
				propertiesJson: '={{ { blob: $json.blob } }}',
			},
			[
				{ id: 'u1', blob: 'small' },
				{ id: 'u2', blob: 'é'.repeat(20_000) },
				{ id: 'u3', blob: 'small' },
			],
			true,
		);
		const output = result.output();
		expect(output[1].json).toMatchObject({ itemIndex: 1, field: 'properties' });
		expect(output[1].json.error).toMatch(/the call is 40,\d{3} bytes/);
		expect(collector().received.map(({ message }) => message.userId)).toEqual(['u1', 'u3']);
	});
});
