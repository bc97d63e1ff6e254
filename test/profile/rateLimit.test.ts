import { PROFILE_SPACE_ID } from '../../collector';
import { basicAuthFor, PROFILE_API_TOKEN, useCollector } from '../harness/collector';
import { outputJson, profileRequests, runProfile } from './helpers';

/**
 * The Profile API allows 100 requests per second per space and answers 429 beyond (the collector
 * counts as Segment does, by arrival). The node paces itself under that, and waits out a 429
 * caused by someone else reading the same space, as Segment asks.
 */
const collector = useCollector();
const USERS = ['101', '102', '103'];

test('250 lookups in one run: every item once, in order, and Segment never had to answer 429', async () => {
	const items = Array.from({ length: 250 }, (_, index) => ({
		idType: 'user_id',
		idValue: USERS[index % 3],
	}));
	const started = Date.now();
	const result = await runProfile(collector(), { operation: 'getMetadata' }, { items });
	const tookMs = Date.now() - started;
	const output = outputJson(result);
	expect(output).toHaveLength(250);
	expect(result.output().map(({ pairedItem }) => pairedItem)).toEqual(
		items.map((_, item) => ({ item })),
	);
	const statuses = profileRequests(collector()).map(({ status }) => status);
	expect(statuses).toEqual(Array(250).fill(200));
	// 100 a second at most: the 101st and 201st lookups waited for a second to pass.
	expect(tookMs).toBeGreaterThanOrEqual(2000);
});

test('a 429 from another client reading the space is waited out without spending a retry', async () => {
	// Someone else takes the whole second's allowance first.
	const path = `/v1/spaces/${PROFILE_SPACE_ID}/collections/users/profiles/user_id:101/metadata`;
	const answers = await Promise.all(
		Array.from({ length: 100 }, async () => {
			const response = await fetch(`${collector().profileApiBaseUrl}${path}`, {
				headers: { Authorization: basicAuthFor(PROFILE_API_TOKEN) },
			});
			await response.arrayBuffer();
			return response.status;
		}),
	);
	expect(answers).toEqual(Array(100).fill(200));
	const before = collector().requests.length;
	const result = await runProfile(
		collector(),
		{ operation: 'getMetadata', options: { maxRetries: 0 } },
		{ items: USERS.map((idValue) => ({ idType: 'user_id', idValue })) },
	);
	expect(outputJson(result)).toHaveLength(3);
	const statuses = profileRequests(collector())
		.slice(before)
		.map(({ status }) => status);
	expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
	expect(statuses.filter((status) => status === 200)).toHaveLength(3);
});

test('when the wait Segment asks for passes Max Total Wait, the error says how long to wait', async () => {
	collector().injectFault({
		api: 'profileApi',
		respond: {
			status: 429,
			headers: { 'Retry-After': '3' },
			body: {
				error: { code: 'rate_limit_error', message: 'Too many requests hit the API too quickly.' },
			},
		},
	});
	const result = await runProfile(collector(), {
		operation: 'getMetadata',
		options: { maxTotalWait: 1 },
	});
	expect(result.error?.message).toBe(
		"Segment's Profile API rate limit of 100 requests per second per space was reached (429 rate_limit_error): wait 3 s, then run the node again",
	);
	expect(result.error?.description).toContain(
		'stopped retrying: the next wait (3 s, as Segment asked) would pass Max Total Wait (1 s)',
	);
});
