import type { INodeParameters } from 'n8n-workflow';

import { LIBRARY } from '../../nodes/Segment/helpers/library';
import { basicAuthFor, collectorCredentials, useCollector, WRITE_KEY } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

const collector = useCollector();

const GENERATED_MESSAGE_ID = expect.stringMatching(
	/^n8n-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
);
const CONTEXT = { library: { ...LIBRARY } };

/** Sends one call one request at a time (batching off), so the request is the call. */
async function sendOne(parameters: INodeParameters) {
	const result = await runSegmentNode({
		items: [{ source: 'crm' }],
		parameters: {
			resource: 'tracking',
			...parameters,
			options: { sendInBatches: false, includeMessage: true, ...(parameters.options as object) },
		},
		credentials: collectorCredentials(collector()),
	});
	expect(result.error).toBeUndefined();
	expect(collector().requests).toHaveLength(1);
	const [request] = collector().requests;
	return { result, request, body: JSON.parse(request.body) as Record<string, unknown> };
}

describe('each tracking call sends exactly what Segment expects', () => {
	test('Track: event and typed properties to /v1/track, write key as Basic auth', async () => {
		const { request, body, result } = await sendOne({
			operation: 'track',
			event: 'Order Completed',
			userId: 'user-1',
			properties: {
				assignments: [
					{ id: '1', name: 'revenue', value: '42.5', type: 'number' },
					{ id: '2', name: 'currency', value: 'EUR', type: 'string' },
					{ id: '3', name: 'firstOrder', value: 'true', type: 'boolean' },
				],
			},
		});
		expect(request).toMatchObject({ method: 'POST', path: '/v1/track', status: 200 });
		expect(request.headers.authorization).toBe(basicAuthFor(WRITE_KEY));
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(body).toEqual({
			type: 'track',
			userId: 'user-1',
			event: 'Order Completed',
			properties: { revenue: 42.5, currency: 'EUR', firstOrder: true },
			context: CONTEXT,
			messageId: GENERATED_MESSAGE_ID,
		});
		expect(result.output()).toEqual([
			{
				json: {
					type: 'track',
					messageId: body.messageId,
					message: body,
					response: { statusCode: 200, body: { success: true } },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.output()).toHaveLength(1);
		expect(collector().received.map(({ messageId }) => messageId)).toEqual([body.messageId]);
	});

	test('Identify: traits to /v1/identify', async () => {
		const { request, body } = await sendOne({
			operation: 'identify',
			userId: 'user-1',
			anonymousId: 'anon-1',
			traitsInput: 'json',
			traitsJson: '{"email": "ada@example.com", "logins": 5, "address": {"city": "Amsterdam"}}',
		});
		expect(request.path).toBe('/v1/identify');
		expect(body).toEqual({
			type: 'identify',
			userId: 'user-1',
			anonymousId: 'anon-1',
			traits: { email: 'ada@example.com', logins: 5, address: { city: 'Amsterdam' } },
			context: CONTEXT,
			messageId: GENERATED_MESSAGE_ID,
		});
	});

	test('Page: name, category and properties to /v1/page', async () => {
		const { request, body } = await sendOne({
			operation: 'page',
			anonymousId: 'anon-1',
			name: 'Pricing',
			category: 'Marketing',
			propertiesInput: 'json',
			propertiesJson: '{"url": "https://example.com/pricing"}',
		});
		expect(request.path).toBe('/v1/page');
		expect(body).toEqual({
			type: 'page',
			anonymousId: 'anon-1',
			name: 'Pricing',
			category: 'Marketing',
			// Segment's libraries repeat the category among the properties; so does the node.
			properties: { url: 'https://example.com/pricing', category: 'Marketing' },
			context: CONTEXT,
			messageId: GENERATED_MESSAGE_ID,
		});
	});

	test('Screen: name and properties to /v1/screen', async () => {
		const { request, body } = await sendOne({
			operation: 'screen',
			userId: 'user-1',
			name: 'Checkout',
			properties: { assignments: [{ id: '1', name: 'step', value: '2', type: 'number' }] },
		});
		expect(request.path).toBe('/v1/screen');
		expect(body).toEqual({
			type: 'screen',
			userId: 'user-1',
			name: 'Checkout',
			properties: { step: 2 },
			context: CONTEXT,
			messageId: GENERATED_MESSAGE_ID,
		});
	});

	test('Group: groupId and traits to /v1/group', async () => {
		const { request, body } = await sendOne({
			operation: 'group',
			userId: 'user-1',
			groupId: 'acme',
			traits: {
				assignments: [
					{ id: '1', name: 'name', value: 'Acme Inc', type: 'string' },
					{ id: '2', name: 'employees', value: 420, type: 'number' },
				],
			},
		});
		expect(request.path).toBe('/v1/group');
		expect(body).toEqual({
			type: 'group',
			userId: 'user-1',
			groupId: 'acme',
			traits: { name: 'Acme Inc', employees: 420 },
			context: CONTEXT,
			messageId: GENERATED_MESSAGE_ID,
		});
	});

	test('Alias: previousId and userId to /v1/alias', async () => {
		const { request, body } = await sendOne({
			operation: 'alias',
			previousId: 'anon-1',
			userId: 'user-1',
		});
		expect(request.path).toBe('/v1/alias');
		expect(body).toEqual({
			type: 'alias',
			previousId: 'anon-1',
			userId: 'user-1',
			context: CONTEXT,
			messageId: GENERATED_MESSAGE_ID,
		});
	});

	test('every call Segment accepted was recorded as accepted, none dropped (batched, the default)', async () => {
		for (const operation of ['track', 'identify', 'page', 'screen', 'group']) {
			await runSegmentNode({
				items: [{}],
				parameters: { resource: 'tracking', operation, userId: 'u', event: 'E', groupId: 'g' },
				credentials: collectorCredentials(collector()),
			});
		}
		await runSegmentNode({
			items: [{}],
			parameters: { resource: 'tracking', operation: 'alias', previousId: 'a', userId: 'u' },
			credentials: collectorCredentials(collector()),
		});
		expect(collector().received.map(({ type }) => type)).toEqual([
			'track',
			'identify',
			'page',
			'screen',
			'group',
			'alias',
		]);
		expect(collector().dropped).toEqual([]);
	});
});

describe('batched, the default: the calls of all items go to /v1/batch', () => {
	test('three items become one request {batch, sentAt} with Basic auth; each item gets its own result', async () => {
		const result = await runSegmentNode({
			items: [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }],
			parameters: {
				resource: 'tracking',
				operation: 'track',
				event: 'Signed Up',
				userId: '={{ $json.id }}',
			},
			credentials: collectorCredentials(collector()),
		});
		expect(result.error).toBeUndefined();
		expect(collector().requests).toHaveLength(1);
		const [request] = collector().requests;
		expect(request).toMatchObject({ method: 'POST', path: '/v1/batch', status: 200 });
		expect(request.headers.authorization).toBe(basicAuthFor(WRITE_KEY));
		const body = JSON.parse(request.body) as {
			batch: Array<Record<string, unknown>>;
			sentAt: string;
		};
		expect(Object.keys(body)).toEqual(['batch', 'sentAt']);
		expect(Math.abs(Date.parse(body.sentAt) - Date.now())).toBeLessThan(60_000);
		expect(body.batch).toEqual(
			['u1', 'u2', 'u3'].map((userId) => ({
				type: 'track',
				userId,
				event: 'Signed Up',
				properties: {},
				context: CONTEXT,
				messageId: GENERATED_MESSAGE_ID,
			})),
		);
		expect(result.output()).toEqual(
			body.batch.map((message, item) => ({
				json: {
					type: 'track',
					messageId: message.messageId,
					response: { statusCode: 200, body: { success: true } },
				},
				pairedItem: { item },
			})),
		);
	});
});
