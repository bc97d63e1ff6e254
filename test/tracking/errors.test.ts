import type { IDataObject } from 'n8n-workflow';

import {
	closedPort,
	collectorCredentials,
	PUBLIC_API_TOKEN,
	useCollector,
	WRITE_KEY,
} from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

const collector = useCollector();

const TRACK = {
	resource: 'tracking',
	operation: 'track',
	event: 'Signed Up',
	userId: '={{ $json.id }}',
};
const ONE_REQUEST_PER_ITEM = { ...TRACK, options: { sendInBatches: false } };
/** Retries that end fast: these tests are about the final error, the retry tests about the waits. */
const QUICK_RETRIES = { maxRetries: 2, retryDelay: 1 };
const ITEMS: IDataObject[] = [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }];

describe("Segment's error answers become errors that say what happened", () => {
	test("a 400 fails the node with Segment's message, the status and the request", async () => {
		collector().injectFault({
			respond: { status: 400, body: { success: false, message: 'Invalid JSON' } },
		});
		const result = await runSegmentNode({
			items: [{ id: 'u1' }],
			parameters: ONE_REQUEST_PER_ITEM,
			credentials: collectorCredentials(collector()),
		});
		expect(result.error).toMatchObject({
			message: 'Segment Tracking API answered 400: Invalid JSON',
			httpCode: '400',
			description: `POST ${collector().trackingBaseUrl}/track`,
		});
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	test('an HTML error page is reduced to its text', async () => {
		collector().injectFault({
			times: 3,
			respond: {
				status: 502,
				body: '<html><head><title>502</title><style>p{}</style></head><body><h1>Bad Gateway</h1></body></html>',
				headers: { 'Content-Type': 'text/html' },
			},
		});
		const result = await runSegmentNode({
			items: [{ id: 'u1' }],
			parameters: { ...TRACK, options: QUICK_RETRIES },
			credentials: collectorCredentials(collector()),
		});
		expect(result.error?.message).toBe(
			'Segment Tracking API answered 502: 502 Bad Gateway (after 3 attempts)',
		);
		expect(result.error?.httpCode).toBe('502');
	});

	test('with Continue On Fail, a failed request fails only its own item', async () => {
		collector().injectFault({
			path: '/v1/track',
			respond: { status: 400, body: { success: false, message: 'Message exceeds the 32KB limit' } },
		});
		const result = await runSegmentNode({
			items: ITEMS,
			parameters: ONE_REQUEST_PER_ITEM,
			credentials: collectorCredentials(collector()),
			continueOnFail: true,
		});
		const output = result.output();
		expect(output).toHaveLength(3);
		const failed = output.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({
			error: 'Segment Tracking API answered 400: Message exceeds the 32KB limit',
			httpCode: '400',
		});
		const failedUser = ITEMS[failed[0].json.itemIndex as number].id;
		expect(failed[0].pairedItem).toEqual({ item: failed[0].json.itemIndex });
		const arrived = collector().received.map(({ message }) => message.userId);
		expect(arrived.sort()).toEqual(ITEMS.map(({ id }) => id).filter((id) => id !== failedUser));
	});

	test('no answer at all (connection refused) says Segment could not be reached', async () => {
		const port = await closedPort();
		const result = await runSegmentNode({
			items: [{ id: 'u1' }],
			parameters: { ...TRACK, options: QUICK_RETRIES },
			credentials: collectorCredentials(collector(), {
				trackingBaseUrl: `http://127.0.0.1:${port}/v1`,
			}),
		});
		expect(result.error?.message).toBe(
			'Could not reach the Segment Tracking API: The service refused the connection - perhaps it is offline (after 3 attempts)',
		);
		expect(result.error?.description).toBe(
			`http://127.0.0.1:${port}/v1/batch gave no HTTP answer (connect ECONNREFUSED 127.0.0.1:${port})`,
		);
	});
});

describe('a credential without the secret an operation needs', () => {
	test('a tracking call without a write key fails, saying to add the write key; nothing is sent', async () => {
		const result = await runSegmentNode({
			items: ITEMS,
			parameters: TRACK,
			credentials: collectorCredentials(collector(), { writeKey: '' }),
		});
		expect(result.error?.message).toBe(
			'The Segment credential has no Write Key, which tracking calls need',
		);
		expect(result.error?.description).toContain("Add the source's write key to the credential");
		expect(collector().requests).toHaveLength(0);
	});

	test('with Continue On Fail, every item says so', async () => {
		const result = await runSegmentNode({
			items: ITEMS,
			parameters: TRACK,
			credentials: collectorCredentials(collector(), { writeKey: '' }),
			continueOnFail: true,
		});
		expect(result.output().map((item) => [item.json.error, item.pairedItem])).toEqual([
			['The Segment credential has no Write Key, which tracking calls need', { item: 0 }],
			['The Segment credential has no Write Key, which tracking calls need', { item: 1 }],
			['The Segment credential has no Write Key, which tracking calls need', { item: 2 }],
		]);
	});
});

describe('secrets stay out of errors', () => {
	test('a server that echoes the write key and the Basic header has them redacted', async () => {
		const basic = Buffer.from(`${WRITE_KEY}:`).toString('base64');
		collector().injectFault({
			respond: {
				status: 403,
				body: {
					message: `write key ${WRITE_KEY} is not allowed (Authorization: Basic ${basic}, token ${PUBLIC_API_TOKEN})`,
				},
			},
		});
		const result = await runSegmentNode({
			items: [{ id: 'u1' }],
			parameters: TRACK,
			credentials: collectorCredentials(collector()),
		});
		const serialised = JSON.stringify(result.run);
		expect(result.error?.message).toBe(
			'Segment Tracking API answered 403: write key [redacted] is not allowed (Authorization: Basic [redacted], token [redacted])',
		);
		expect(serialised).not.toContain(WRITE_KEY);
		expect(serialised).not.toContain(basic);
		expect(serialised).not.toContain(PUBLIC_API_TOKEN);
	});
});
