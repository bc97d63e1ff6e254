import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BATCH_LIMITS } from '../../nodes/Segment/transport/batch';
import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/** The six single calls send the calls of all items through /v1/batch, within Segment's limits. */
const collector = useCollector();

const TRACK: INodeParameters = {
	resource: 'tracking',
	operation: 'track',
	event: 'Order Completed',
	userId: '={{ $json.id }}',
	propertiesInput: 'json',
	propertiesJson: '={{ { pad: $json.pad } }}',
	options: { messageId: '={{ "m-" + $json.id }}' },
};

const itemsOf = (count: number, pad = ''): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ id: String(index).padStart(5, '0'), pad }));

async function run(
	items: IDataObject[],
	parameters: INodeParameters = TRACK,
	continueOnFail = false,
) {
	return await runSegmentNode({
		items,
		parameters,
		credentials: collectorCredentials(collector()),
		continueOnFail,
	});
}

/** Bytes of the message Segment received for one item with `pad`, measured by sending it. */
async function messageBytes(pad: string): Promise<number> {
	await run([{ id: '00000', pad }]);
	const bytes = Buffer.byteLength(JSON.stringify(collector().received[0].message));
	collector().reset();
	return bytes;
}

const batchRequests = () => collector().requests.filter(({ path }) => path === '/v1/batch');

function expectEveryItemArrivedOnce(count: number) {
	const arrivals = collector().arrivalsByMessageId();
	expect(arrivals.size).toBe(count);
	expect([...arrivals.values()].every((times) => times === 1)).toBe(true);
}

describe("requests are split at Segment's limits", () => {
	test('calls that fill exactly 500 KB go in one request; one byte more makes two', async () => {
		const base = await messageBytes('');
		// 19 calls of 26,000 bytes and one that brings the body to exactly 512,000 bytes.
		const large = 26_000;
		const envelope = Buffer.byteLength('{"batch":[],"sentAt":"2024-05-01T12:00:00.000Z"}');
		const last = BATCH_LIMITS.maxRequestBytes - envelope - 19 * large - 19;
		const items = [
			...itemsOf(19, 'x'.repeat(large - base)),
			{ id: '00019', pad: 'x'.repeat(last - base) },
		];
		expect((await run(items)).error).toBeUndefined();
		expect(batchRequests().map(({ bodyBytes, status }) => [bodyBytes, status])).toEqual([
			[BATCH_LIMITS.maxRequestBytes, 200],
		]);
		expectEveryItemArrivedOnce(20);
		collector().reset();

		items[19] = { id: '00019', pad: 'x'.repeat(last - base + 1) };
		expect((await run(items)).error).toBeUndefined();
		const sizes = batchRequests().map(({ bodyBytes }) => bodyBytes);
		expect(sizes).toHaveLength(2);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(BATCH_LIMITS.maxRequestBytes);
		expect(batchRequests().every(({ status }) => status === 200)).toBe(true);
		expectEveryItemArrivedOnce(20);
	});

	test('2,500 tiny calls go in one request; 2,501 in two (Segment would drop the 2,501st)', async () => {
		expect((await run(itemsOf(2_500))).error).toBeUndefined();
		expect(
			batchRequests().map(({ body }) => (JSON.parse(body) as { batch: unknown[] }).batch.length),
		).toEqual([2_500]);
		expectEveryItemArrivedOnce(2_500);
		collector().reset();

		expect((await run(itemsOf(2_501))).error).toBeUndefined();
		// The two requests run concurrently: either may arrive first.
		const sizes = batchRequests().map(
			({ body }) => (JSON.parse(body) as { batch: unknown[] }).batch.length,
		);
		expect(sizes.sort((a, b) => b - a)).toEqual([2_500, 1]);
		expect(collector().dropped).toEqual([]);
		expectEveryItemArrivedOnce(2_501);
	});
});

describe('every item gets its own result after batching', () => {
	test('outputs stay paired with their inputs across requests, each with its own messageId', async () => {
		const items = itemsOf(2_600);
		const result = await run(items);
		expect(batchRequests()).toHaveLength(2);
		const output = result.output();
		expect(output).toHaveLength(2_600);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.messageId).toBe(`m-${items[index].id as string}`);
			expect(item.json.response).toEqual({ statusCode: 200, body: { success: true } });
		});
		const userIdByMessageId = new Map(
			collector().received.map(({ messageId, message }) => [messageId, message.userId]),
		);
		items.forEach(({ id }) => expect(userIdByMessageId.get(`m-${id as string}`)).toBe(id));
	});

	test('with Continue On Fail, invalid items become error items and the valid ones go in one request', async () => {
		const items: IDataObject[] = [
			{ id: 'a', pad: '' },
			{ id: '', pad: '' },
			{ id: 'c', pad: '' },
			{ id: 'd', pad: 'é'.repeat(20_000) },
			{ id: 'e', pad: '' },
		];
		const result = await run(items, TRACK, true);
		const output = result.output();
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output.map((item) => (item.json.error ? item.json.field : item.json.messageId))).toEqual(
			['m-a', 'userId', 'm-c', 'properties', 'm-e'],
		);
		expect(batchRequests()).toHaveLength(1);
		expect(collector().received.map(({ message }) => message.userId)).toEqual(['a', 'c', 'e']);
	});

	test('a failed request fails only its own items', async () => {
		collector().injectFault({
			path: '/v1/batch',
			times: 1,
			respond: { status: 400, body: { message: 'Invalid JSON' } },
		});
		const result = await run(
			itemsOf(2_600),
			{ ...TRACK, options: { ...(TRACK.options as object), concurrency: 1 } },
			true,
		);
		const output = result.output();
		const failed = output.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(2_500);
		expect(failed[0].json).toMatchObject({
			error: 'Segment Tracking API answered 400: Invalid JSON',
			httpCode: '400',
			itemIndex: 0,
		});
		expect(output.slice(2_500).every((item) => item.json.error === undefined)).toBe(true);
		expectEveryItemArrivedOnce(100);
	});

	test('without Continue On Fail, a failed request fails the node', async () => {
		collector().injectFault({
			path: '/v1/batch',
			respond: { status: 400, body: { message: 'Invalid JSON' } },
		});
		const result = await run(itemsOf(3));
		expect(result.error?.message).toBe('Segment Tracking API answered 400: Invalid JSON');
	});
});

describe('concurrency', () => {
	test('no more requests are in flight than Concurrent Requests allows', async () => {
		collector().injectFault({ times: 30, delayMs: 25 });
		const result = await run(itemsOf(30), {
			...TRACK,
			options: { ...(TRACK.options as object), sendInBatches: false, concurrency: 3 },
		});
		expect(result.error).toBeUndefined();
		expect(collector().requests).toHaveLength(30);
		expect(collector().maxConcurrentRequests).toBe(3);
		expectEveryItemArrivedOnce(30);
	});
});
