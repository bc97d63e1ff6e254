import { secondsToWait } from '../../nodes/Segment/transport/publicApiErrors';
import {
	closedPort,
	collectorCredentials,
	PUBLIC_API_TOKEN,
	useCollector,
	WRITE_KEY,
} from '../harness/collector';
import { capturedLogs } from '../harness/engine';
import { locator, publicApiRequests, runAdmin, SEED } from './helpers';

/**
 * Each class of Public API error becomes a message the user can act on, with the HTTP status and
 * Segment's own words, and never the token.
 */
const collector = useCollector({ publicApiTokens: [PUBLIC_API_TOKEN] });

// No retries: these tests are about the final wording (test/reliability has the retries).
const NO_RETRIES = { options: { maxRetries: 0 } };
const GET_SOURCE = {
	resource: 'source',
	operation: 'get',
	source: locator(SEED.websiteSource),
	...NO_RETRIES,
};
const DELETE_SOURCE = {
	resource: 'source',
	operation: 'delete',
	source: locator(SEED.websiteSource),
	...NO_RETRIES,
};

describe('401: the token', () => {
	test('a token Segment does not accept says to check the token and the Region', async () => {
		const result = await runAdmin(collector(), GET_SOURCE, {
			credentials: collectorCredentials(collector(), {
				publicApiToken: 'sgp_dummy_revoked_token_1234',
			}),
		});
		expect(result.error).toMatchObject({
			message:
				'Segment rejected the Public API Token (401): check that it is complete and not revoked, and that Region matches the workspace',
			httpCode: '401',
		});
		expect(result.error?.description).toContain('Access Management › Tokens');
		expect(result.error?.description).toContain(
			'Segment said: "The request is missing a valid token."',
		);
		expect(result.error?.description).toContain(
			`GET ${collector().publicApiBaseUrl}/sources/${SEED.websiteSource}`,
		);
	});

	test('a credential without a token says which field to fill, and sends nothing', async () => {
		const result = await runAdmin(collector(), GET_SOURCE, {
			credentials: collectorCredentials(collector(), { publicApiToken: '' }),
		});
		expect(result.error?.message).toBe(
			'The Segment credential has no Public API Token, which workspace (admin) operations need',
		);
		expect(publicApiRequests(collector())).toHaveLength(0);
	});
});

describe("an error answer without Segment's envelope", () => {
	test('is not blamed on the token: a proxy or another server answered', async () => {
		collector().injectFault({
			api: 'publicApi',
			respond: {
				status: 403,
				body: '<html><body>Access denied by proxy</body></html>',
				headers: { 'Content-Type': 'text/html' },
			},
		});
		const result = await runAdmin(collector(), GET_SOURCE);
		expect(result.error).toMatchObject({
			message:
				'The Public API request was answered 403 by something other than Segment (no Segment error in the answer): check Region, the Public API Base URL and any proxy between n8n and Segment',
			httpCode: '403',
		});
		expect(result.error?.description).toMatch(/^It said: "Access denied by proxy"\. GET /);
	});

	test('a wrong Public API Base URL (the Tracking API there) says to check it', async () => {
		const result = await runAdmin(collector(), GET_SOURCE, {
			credentials: collectorCredentials(collector(), {
				publicApiBaseUrl: collector().trackingBaseUrl,
			}),
		});
		expect(result.error?.message).toMatch(
			/^The Public API request was answered 40\d by something other than Segment/,
		);
	});
});

describe('403: the role', () => {
	test('a read-only token can read but not delete; the message names the role to give', async () => {
		collector().publicApiState.readOnlyTokens.add(PUBLIC_API_TOKEN);
		expect((await runAdmin(collector(), GET_SOURCE)).error).toBeUndefined();
		const result = await runAdmin(collector(), DELETE_SOURCE);
		expect(result.error).toMatchObject({
			message:
				'The Public API Token lacks permission for this operation (403): give the token the Workspace Owner role, or a role with access to this resource',
			httpCode: '403',
		});
		expect(collector().publicApiState.sources.map(({ id }) => id)).toContain(SEED.websiteSource);
	});
});

describe('404: not found', () => {
	test('an unknown source is named with its ID', async () => {
		const result = await runAdmin(collector(), {
			...GET_SOURCE,
			source: locator('doesNotExist123'),
		});
		expect(result.error).toMatchObject({
			message:
				'Source "doesNotExist123" was not found (404): check the ID, and that the token and Region belong to the workspace that has it',
			httpCode: '404',
		});
		expect(result.error?.description).toContain(
			"An EU workspace's resources are not found on the US host",
		);
	});

	test('an unknown destination, in the delivery metrics summary', async () => {
		const result = await runAdmin(collector(), {
			resource: 'destination',
			operation: 'getDeliveryMetricsSummary',
			destination: locator('000000000000000000000000'),
			source: locator(SEED.websiteSource),
			granularity: 'DAY',
		});
		expect(result.error?.message).toMatch(
			/^Destination "000000000000000000000000" was not found \(404\)/,
		);
	});

	test('a write key the source does not have, without echoing the key', async () => {
		const result = await runAdmin(collector(), {
			resource: 'source',
			operation: 'removeWriteKey',
			source: locator(SEED.websiteSource),
			writeKey: 'wk_dummy_not_this_one',
		});
		expect(result.error?.message).toBe(
			`Source "${SEED.websiteSource}" was not found, or the write key to remove is not one of its write keys (404): check the ID, and that the token and Region belong to the workspace that has it`,
		);
	});
});

describe('422: input Segment refuses', () => {
	test("Segment's message and the field it names are kept", async () => {
		const result = await runAdmin(collector(), {
			resource: 'source',
			operation: 'update',
			source: locator(SEED.iosSource),
			updateFields: { slug: 'website-prod' },
		});
		expect(result.error).toMatchObject({
			message:
				'Segment refused the input (422): slug "website-prod" is already used by another source (field: slug)',
			httpCode: '422',
		});
	});

	test('adding a label the workspace does not have', async () => {
		const result = await runAdmin(collector(), {
			resource: 'source',
			operation: 'addLabels',
			source: locator(SEED.iosSource),
			labels: ['team:unknown'],
		});
		expect(result.error?.message).toBe(
			'Segment refused the input (422): Label "team:unknown" does not exist in the workspace (field: labels)',
		);
	});
});

describe('429: rate limited', () => {
	test("the message says how long to wait, from Segment's msBeforeNext", async () => {
		collector().injectFault({
			api: 'publicApi',
			respond: {
				status: 429,
				body: {
					errors: [
						{
							type: 'too-many-requests',
							message: 'Too many requests',
							data: { msBeforeNext: 2500 },
						},
					],
				},
			},
		});
		// A 429 that says when to come back is waited out within Max Total Wait; 2.5 s passes 1 s.
		const result = await runAdmin(collector(), {
			...GET_SOURCE,
			options: { ...NO_RETRIES.options, maxTotalWait: 1 },
		});
		expect(result.error).toMatchObject({
			message:
				"Segment's Public API rate limit was reached (429): wait 3 s, then run the node again",
			httpCode: '429',
		});
	});

	test('the wait is read from msBeforeNext, Retry-After, or X-RateLimit-Reset as seconds, epoch or date', () => {
		const now = Date.parse('2024-05-01T12:00:00Z');
		expect(secondsToWait({}, { data: { msBeforeNext: 1200 } }, now)).toBe(2);
		expect(secondsToWait({ 'Retry-After': '7' }, {}, now)).toBe(7);
		expect(secondsToWait({ 'x-ratelimit-reset': 'Wed, 01 May 2024 12:00:10 GMT' }, {}, now)).toBe(
			10,
		);
		expect(secondsToWait({ 'x-ratelimit-reset': String(now + 4000) }, {}, now)).toBe(4);
		expect(secondsToWait({ 'x-ratelimit-reset': String(now / 1000 + 5) }, {}, now)).toBe(5);
		expect(secondsToWait({}, {}, now)).toBeUndefined();
	});
});

describe('5xx: Segment failing', () => {
	test.each([500, 502, 503])("%i says it is on Segment's side and to try later", async (status) => {
		collector().injectFault({
			api: 'publicApi',
			respond: {
				status,
				body: { errors: [{ type: 'internal', message: 'Something went wrong' }] },
			},
		});
		const result = await runAdmin(collector(), GET_SOURCE);
		expect(result.error).toMatchObject({
			message: `Segment's Public API failed on its side (${status}): try again later`,
			httpCode: String(status),
		});
		expect(result.error?.description).toContain('Segment said: "Something went wrong"');
	});

	test('no answer at all says the Public API could not be reached', async () => {
		const port = await closedPort();
		const result = await runAdmin(collector(), GET_SOURCE, {
			credentials: collectorCredentials(collector(), {
				publicApiBaseUrl: `http://127.0.0.1:${port}`,
			}),
		});
		expect(result.error?.message).toMatch(/^Could not reach the Segment Public API/);
	});
});

describe('with Continue On Fail', () => {
	test('a failed item becomes an error item with its status; the others are still done', async () => {
		const result = await runAdmin(
			collector(),
			{ resource: 'source', operation: 'get', source: locator('={{ $json.id }}') },
			{
				items: [{ id: SEED.iosSource }, { id: 'missingSource1' }, { id: SEED.nodeSource }],
				continueOnFail: true,
			},
		);
		const output = result.output();
		expect(output.map(({ pairedItem }) => pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(output[0].json.id).toBe(SEED.iosSource);
		expect(output[1].json).toMatchObject({
			error: expect.stringMatching(/^Source "missingSource1" was not found \(404\)/),
			httpCode: '404',
			itemIndex: 1,
		});
		expect(output[2].json.id).toBe(SEED.nodeSource);
	});
});

describe('the token never shows', () => {
	test('a server that echoes the token and the write key has them redacted everywhere', async () => {
		collector().injectFault({
			api: 'publicApi',
			times: 2,
			respond: {
				status: 403,
				body: {
					errors: [
						{
							type: 'forbidden',
							message: `token ${PUBLIC_API_TOKEN} (write key ${WRITE_KEY}) is not allowed`,
						},
					],
				},
			},
		});
		capturedLogs.length = 0;
		for (const continueOnFail of [false, true]) {
			const result = await runAdmin(collector(), DELETE_SOURCE, { continueOnFail });
			const everything = [
				JSON.stringify(result.run),
				JSON.stringify(result.error ?? null),
				...capturedLogs,
			].join('\n');
			expect(everything).toContain('token [redacted] (write key [redacted]) is not allowed');
			expect(everything).not.toContain(PUBLIC_API_TOKEN);
			expect(everything).not.toContain(WRITE_KEY);
		}
	});

	test('the write key a failed Remove Write Key names is redacted from the error, answered or not', async () => {
		const writeKey = SEED.websiteKey;
		const remove = {
			resource: 'source',
			operation: 'removeWriteKey',
			source: locator(SEED.websiteSource),
			writeKey,
			...NO_RETRIES,
		};
		collector().injectFault({
			api: 'publicApi',
			respond: { status: 503, body: { errors: [{ type: 'internal', message: `no ${writeKey}` }] } },
		});
		capturedLogs.length = 0;
		const answered = await runAdmin(collector(), remove);
		const port = await closedPort();
		const unanswered = await runAdmin(collector(), remove, {
			credentials: collectorCredentials(collector(), {
				publicApiBaseUrl: `http://127.0.0.1:${port}`,
			}),
		});
		expect(answered.error?.description).toContain(`/writekey/[redacted]`);
		expect(unanswered.error?.description).toContain(`/writekey/[redacted] gave no HTTP answer`);
		for (const result of [answered, unanswered]) {
			// The key stays in the node's own parameters (the workflow holds it), in nothing derived from the error.
			const errors = [result.error, result.run.data.resultData.runData.Segment?.[0]?.error];
			const withoutNode = JSON.stringify(errors, (key, value: unknown) =>
				key === 'node' ? undefined : value,
			);
			expect([withoutNode, ...capturedLogs].join('\n')).not.toContain(writeKey);
		}
	});

	test('nor in any error class', async () => {
		const faults = [401, 403, 404, 422, 429, 500];
		for (const status of faults) {
			collector().injectFault({
				api: 'publicApi',
				respond: { status, body: { errors: [{ type: 'x', message: `echo ${PUBLIC_API_TOKEN}` }] } },
			});
			const result = await runAdmin(collector(), GET_SOURCE);
			expect(result.error?.httpCode).toBe(String(status));
			expect(JSON.stringify(result.run)).not.toContain(PUBLIC_API_TOKEN);
		}
	});
});
