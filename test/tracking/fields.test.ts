import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';
import { runLoadOptions } from '../harness/loadOptions';

const collector = useCollector();

async function send(parameters: INodeParameters, items: IDataObject[] = [{}]) {
	const result = await runSegmentNode({
		items,
		parameters: {
			resource: 'tracking',
			operation: 'track',
			event: 'E',
			userId: 'u',
			...parameters,
		},
		credentials: collectorCredentials(collector()),
	});
	expect(result.error).toBeUndefined();
	return {
		result,
		// What Segment accepted, whichever endpoint carried it.
		bodies: collector().received.map(({ message }) => message as IDataObject),
	};
}

describe('expressions', () => {
	test('resolve per item across several items, each item its own call, outputs paired in order', async () => {
		const items = [
			{ email: 'ada@example.com', id: 101, plan: 'pro', seats: 3, trial: false },
			{ email: 'alan@example.com', id: 102, plan: 'team', seats: 12, trial: true },
			{ email: 'grace@example.com', id: 103, plan: 'free', seats: 1, trial: false },
		];
		const { result, bodies } = await send(
			{
				operation: 'identify',
				userId: '={{ $json.id }}',
				options: { includeMessage: true },
				traits: {
					assignments: [
						{ id: '1', name: 'email', value: '={{ $json.email }}', type: 'string' },
						{ id: '2', name: 'plan', value: '={{ $json.plan }}', type: 'string' },
						{ id: '3', name: 'seats', value: '={{ $json.seats }}', type: 'number' },
						{ id: '4', name: 'trial', value: '={{ $json.trial }}', type: 'boolean' },
					],
				},
			},
			items,
		);
		const byUser = new Map(bodies.map((body) => [body.userId, body.traits]));
		expect(byUser).toEqual(
			new Map([
				['101', { email: 'ada@example.com', plan: 'pro', seats: 3, trial: false }],
				['102', { email: 'alan@example.com', plan: 'team', seats: 12, trial: true }],
				['103', { email: 'grace@example.com', plan: 'free', seats: 1, trial: false }],
			]),
		);
		const output = result.output();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((item) => (item.json.message as IDataObject).userId)).toEqual([
			'101',
			'102',
			'103',
		]);
	});

	test('a JSON properties expression keeps nested objects, lists, numbers and booleans', async () => {
		const order = {
			total: 99.95,
			coupon: null,
			gift: true,
			products: [
				{ sku: 'A-1', price: 49.95, tags: ['new', 'sale'] },
				{ sku: 'B-2', price: 50, tags: [] },
			],
			shipping: { method: 'express', address: { city: 'Utrecht', zip: '3511' } },
		};
		const { bodies } = await send(
			{ propertiesInput: 'json', propertiesJson: '={{ $json.order }}' },
			[{ order }],
		);
		expect(bodies[0].properties).toEqual(order);
	});

	test('list and object fields convert from text', async () => {
		const { bodies } = await send({
			properties: {
				assignments: [
					{ id: '1', name: 'tags', value: '["a", "b"]', type: 'array' },
					{ id: '2', name: 'meta', value: '{"source": "form", "step": 2}', type: 'object' },
					{ id: '3', name: 'zip', value: '01234', type: 'string' },
				],
			},
		});
		expect(bodies[0].properties).toEqual({
			tags: ['a', 'b'],
			meta: { source: 'form', step: 2 },
			zip: '01234',
		});
	});
});

describe('context', () => {
	test("the builder fills Segment's context fields and raw JSON merges over them", async () => {
		const { bodies } = await send({
			context: {
				ip: '203.0.113.7',
				locale: 'nl-NL',
				userAgent: 'Mozilla/5.0',
				timezone: 'Europe/Amsterdam',
				page: {
					values: { path: '/pricing', url: 'https://example.com/pricing', title: '', referrer: '' },
				},
				campaign: { values: { name: 'spring', source: 'newsletter', medium: 'email' } },
				device: { values: { id: 'dev-1', type: 'ios' } },
				os: { values: { name: 'iOS', version: '17.1' } },
				app: { values: { name: 'Shop', version: '2.3.0', build: '230' } },
				location: { values: { city: 'Amsterdam', latitude: '52.37', longitude: '4.89' } },
				traits: '{"email": "ada@example.com"}',
				json: '{"page": {"search": "?plan=pro"}, "groupId": "acme", "ip": "198.51.100.1"}',
			},
		});
		expect(bodies[0].context).toEqual({
			library: { name: 'n8n-nodes-segment', version: expect.any(String) },
			ip: '198.51.100.1',
			locale: 'nl-NL',
			userAgent: 'Mozilla/5.0',
			timezone: 'Europe/Amsterdam',
			page: { path: '/pricing', url: 'https://example.com/pricing', search: '?plan=pro' },
			campaign: { name: 'spring', source: 'newsletter', medium: 'email' },
			device: { id: 'dev-1', type: 'ios' },
			os: { name: 'iOS', version: '17.1' },
			app: { name: 'Shop', version: '2.3.0', build: '230' },
			location: { city: 'Amsterdam', latitude: 52.37, longitude: 4.89 },
			traits: { email: 'ada@example.com' },
			groupId: 'acme',
		});
	});
});

describe('integrations', () => {
	test('All: false and per-destination switches are sent as Segment spells them', async () => {
		const { bodies } = await send({
			integrations: {
				all: false,
				destinations: {
					destination: [
						{ name: 'Mixpanel', enabled: true },
						{ name: 'Google Analytics', enabled: false },
					],
				},
				json: '{"Amplitude": {"session_id": 1714560000}}',
			},
		});
		expect(bodies[0].integrations).toEqual({
			All: false,
			Mixpanel: true,
			'Google Analytics': false,
			Amplitude: { session_id: 1714560000 },
		});
	});

	test('left empty, no integrations object is sent', async () => {
		const { bodies } = await send({});
		expect(bodies[0]).not.toHaveProperty('integrations');
	});
});

describe('messageId and timestamp', () => {
	test('a given messageId is kept; an empty one is generated, unique per item', async () => {
		const { bodies } = await send({ options: { messageId: '={{ $json.ref }}' } }, [
			{ ref: 'order-1001-completed' },
			{ ref: '' },
			{ ref: '' },
		]);
		const ids = bodies.map((body) => body.messageId as string);
		expect(ids[0]).toBe('order-1001-completed');
		expect(ids[1]).toMatch(/^n8n-/);
		expect(ids[2]).toMatch(/^n8n-/);
		expect(new Set(ids).size).toBe(3);
	});

	test('a timestamp with an offset is sent as the same instant in UTC; none is sent when empty', async () => {
		const { bodies, result } = await send({ options: { timestamp: '={{ $json.at }}' } }, [
			{ at: '2024-05-01T14:00:00+02:00' },
			{ at: '2024-05-01T12:00:00.123Z' },
			{ at: '' },
		]);
		expect(bodies.map((body) => body.timestamp)).toEqual([
			'2024-05-01T12:00:00.000Z',
			'2024-05-01T12:00:00.123Z',
			undefined,
		]);
		expect(result.output().map((item) => item.json.timestamp)).toEqual([
			'2024-05-01T12:00:00.000Z',
			'2024-05-01T12:00:00.123Z',
			undefined,
		]);
	});

	test("n8n's own date values ($now, DateTime) are accepted as timestamps", async () => {
		const { bodies } = await send({ options: { timestamp: '={{ $now.minus({ days: 1 }) }}' } });
		const sent = Date.parse(bodies[0].timestamp as string);
		expect(Math.abs(Date.now() - 86_400_000 - sent)).toBeLessThan(60_000);
	});

	test('numeric ids are sent as text', async () => {
		const { bodies } = await send({ userId: '={{ 12345 }}', anonymousId: '={{ $json.anon }}' }, [
			{ anon: 678 },
		]);
		expect(bodies[0]).toMatchObject({ userId: '12345', anonymousId: '678' });
	});
});

describe('the destination dropdown of Integrations', () => {
	test("lists the workspace's destinations by the names integrations use, each once", async () => {
		const options = await runLoadOptions('getDestinationNames', {
			credentials: collectorCredentials(collector()),
			path: 'parameters.integrations.destinations.destination.name',
		});
		expect(options).toEqual([
			{
				name: 'Amplitude',
				value: 'Amplitude',
				description: 'In this workspace: Amplitude (web), Amplitude (iOS)',
			},
			{
				name: 'Braze Cloud Mode (Actions)',
				value: 'Braze Cloud Mode (Actions)',
				description: 'In this workspace: Braze push',
			},
			{
				name: 'Mixpanel',
				value: 'Mixpanel',
				description: 'In this workspace: Mixpanel (web), Mixpanel (staging)',
			},
			{
				name: 'Webhooks (Actions)',
				value: 'Webhooks (Actions)',
				description: 'In this workspace: Order webhook',
			},
		]);
	});

	test('without a Public API Token it says which field to fill', async () => {
		await expect(
			runLoadOptions('getDestinationNames', {
				credentials: collectorCredentials(collector(), { publicApiToken: '' }),
			}),
		).rejects.toThrow('The Segment credential has no Public API Token');
	});
});
