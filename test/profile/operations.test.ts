import { LARGE_PROFILE } from '../../collector';
import { basicAuthFor, PROFILE_API_TOKEN, useCollector } from '../harness/collector';
import { outputJson, profilePath, profileRequests, runProfile } from './helpers';

/**
 * Every Profile operation, for users and for accounts, through n8n's engine against the
 * collector's Profile API: what Segment receives (route, query, the access token as Basic user
 * name) and what each input item outputs.
 */
const collector = useCollector();
const requests = () => profileRequests(collector());
const ADA = { idType: 'user_id', idValue: '101' };
const ACCOUNT = { idType: 'group_id', idValue: 'analytical-engines' };
const LARGE = { idType: LARGE_PROFILE.type, idValue: LARGE_PROFILE.value };

describe('Get Traits', () => {
	test('a user: every trait as one flat object, read with the access token as Basic user name', async () => {
		const output = outputJson(await runProfile(collector(), { operation: 'getTraits' }));
		expect(output).toEqual([
			{
				name: 'Ada Lovelace',
				email: 'ada@example.com',
				plan: 'pro',
				seats: 3,
				pro_users: true,
				orders_last_30_days: 4,
				last_order_total: 119.5,
			},
		]);
		expect(requests()).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: profilePath('users', 'user_id:101', 'traits'),
				query: { limit: '200' },
				status: 200,
			}),
		]);
		expect(requests()[0].headers.authorization).toBe(basicAuthFor(PROFILE_API_TOKEN));
	});

	test('an account', async () => {
		const output = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getTraits', collection: 'accounts' },
				{ items: [ACCOUNT] },
			),
		);
		expect(output).toEqual([
			{ name: 'Analytical Engines', plan: 'enterprise', employees: 12, enterprise_accounts: true },
		]);
		expect(requests()[0].path).toBe(
			profilePath('accounts', 'group_id:analytical-engines', 'traits'),
		);
	});

	test('selected traits, audiences, computed traits', async () => {
		const run = async (parameters: Record<string, unknown>) =>
			outputJson(await runProfile(collector(), { operation: 'getTraits', ...parameters }));
		expect(await run({ traitsToGet: 'selected', traitNames: ' plan, seats ,,' })).toEqual([
			{ plan: 'pro', seats: 3 },
		]);
		expect(requests()[0].query).toEqual({ limit: '200', include: 'plan,seats' });
		collector().reset();
		expect(await run({ traitsToGet: 'audience' })).toEqual([{ pro_users: true }]);
		expect(requests()[0].query).toEqual({ limit: '200', class: 'audience' });
		collector().reset();
		expect(await run({ traitsToGet: 'computed_trait' })).toEqual([
			{ orders_last_30_days: 4, last_order_total: 119.5 },
		]);
		expect(requests()[0].query).toEqual({ limit: '200', class: 'computed_trait' });
	});

	test('verbose: each trait with the source that set it and when', async () => {
		const [traits] = outputJson(
			await runProfile(collector(), {
				operation: 'getTraits',
				traitsToGet: 'selected',
				traitNames: 'plan,pro_users',
				options: { verbose: true },
			}),
		);
		expect(traits).toEqual({
			plan: { value: 'pro', source_id: 'src_hubspot_crm', updated_at: '2026-11-20T12:00:00.000Z' },
			pro_users: { value: true, source_id: 'src_engage', updated_at: '2026-11-20T12:00:00.000Z' },
		});
		expect(requests()[0].query).toMatchObject({ verbose: 'true' });
	});

	test("follows Segment's cursor to the last trait, 200 a page", async () => {
		const [traits] = outputJson(
			await runProfile(collector(), { operation: 'getTraits' }, { items: [LARGE] }),
		);
		expect(Object.keys(traits)).toHaveLength(LARGE_PROFILE.traits);
		expect(traits.trait_001).toBe(1);
		expect(traits.trait_450).toBe(450);
		expect(requests().map(({ query }) => query)).toEqual([
			{ limit: '200' },
			{ limit: '200', next: 'trait_201' },
			{ limit: '200', next: 'trait_401' },
		]);
	});
});

describe('Get External IDs', () => {
	test('a user: one item per external ID, paired to its input item', async () => {
		const result = await runProfile(collector(), { operation: 'getExternalIds', returnAll: true });
		expect(outputJson(result).map(({ type, id }) => `${type}:${id}`)).toEqual([
			'user_id:101',
			'email:ada@example.com',
			'anonymous_id:anon-3f9c1a',
		]);
		expect(outputJson(result)[0]).toEqual({
			id: '101',
			type: 'user_id',
			source_id: 'src_website_prod',
			collection: 'users',
			created_at: '2026-10-01T09:00:00.000Z',
			encoding: 'none',
			first_message_id: 'msg-user_id-3',
		});
		expect(result.output().map(({ pairedItem }) => pairedItem)).toEqual(Array(3).fill({ item: 0 }));
		expect(requests()[0].path).toBe(profilePath('users', 'user_id:101', 'external_ids'));
	});

	test('an account, and Include ID Types', async () => {
		const output = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getExternalIds', collection: 'accounts', returnAll: true },
				{ items: [ACCOUNT] },
			),
		);
		expect(output.map(({ type, id }) => `${type}:${id}`)).toEqual(['group_id:analytical-engines']);
		collector().reset();
		const filtered = outputJson(
			await runProfile(collector(), {
				operation: 'getExternalIds',
				returnAll: true,
				options: { include: 'email, anonymous_id' },
			}),
		);
		expect(filtered.map(({ type }) => type)).toEqual(['email', 'anonymous_id']);
		expect(requests()[0].query).toEqual({ limit: '100', include: 'email,anonymous_id' });
	});

	test('Return All follows the cursor to the end; a Limit asks each page for no more than it needs', async () => {
		const all = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getExternalIds', returnAll: true },
				{ items: [LARGE] },
			),
		);
		expect(all).toHaveLength(LARGE_PROFILE.externalIds);
		expect(new Set(all.map(({ id }) => id)).size).toBe(LARGE_PROFILE.externalIds);
		expect(requests().map(({ query }) => query.limit)).toEqual(['100', '100']);
		collector().reset();
		const some = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getExternalIds', returnAll: false, limit: 105 },
				{ items: [LARGE] },
			),
		);
		expect(some.map(({ id }) => id)).toEqual(all.slice(0, 105).map(({ id }) => id));
		expect(requests().map(({ query }) => query.limit)).toEqual(['100', '5']);
		collector().reset();
		outputJson(
			await runProfile(
				collector(),
				{ operation: 'getExternalIds', returnAll: false, limit: 2 },
				{ items: [LARGE] },
			),
		);
		expect(requests().map(({ query }) => query)).toEqual([{ limit: '2' }]);
	});
});

describe('Get Events', () => {
	const names = (output: Array<Record<string, unknown>>) =>
		output.map(({ event, timestamp }) => `${String(timestamp).slice(0, 10)} ${String(event)}`);

	test("newest first by default, one item per event, in Segment's shape", async () => {
		const output = outputJson(
			await runProfile(collector(), { operation: 'getEvents', returnAll: true }),
		);
		expect(names(output)).toEqual([
			'2026-11-22 Order Completed',
			'2026-11-21 Page Viewed',
			'2026-11-20 Order Completed',
			'2026-11-19 Page Viewed',
			'2026-11-18 Signed Up',
		]);
		expect(output[0]).toMatchObject({
			type: 'track',
			event: 'Order Completed',
			properties: { revenue: 70 },
			source_id: 'src_website_prod',
			related: { users: 'use_ada000000000000000000001' },
		});
		expect(requests()[0].query).toEqual({ limit: '100', sort: 'desc' });
	});

	test('a time range, events included or excluded, oldest first', async () => {
		const output = outputJson(
			await runProfile(collector(), {
				operation: 'getEvents',
				returnAll: true,
				options: {
					start: '2026-11-19T00:00:00+01:00',
					end: '2026-11-22T00:00:00Z',
					exclude: 'Page Viewed',
					sort: 'asc',
				},
			}),
		);
		expect(names(output)).toEqual(['2026-11-20 Order Completed']);
		expect(requests()[0].query).toEqual({
			limit: '100',
			start: '2026-11-19T00:00:00+01:00',
			end: '2026-11-22T00:00:00Z',
			exclude: 'Page Viewed',
			sort: 'asc',
		});
		collector().reset();
		const included = outputJson(
			await runProfile(collector(), {
				operation: 'getEvents',
				returnAll: true,
				options: { include: 'Signed Up,Page Viewed', start: '2026-11-18T10:00:00.5+0000' },
			}),
		);
		expect(names(included)).toEqual(['2026-11-21 Page Viewed', '2026-11-19 Page Viewed']);
		// Sent as the same instant in a form every server parses.
		expect(requests()[0].query.start).toBe('2026-11-18T10:00:00.500Z');
	});

	test('an account: its Group calls', async () => {
		const output = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getEvents', collection: 'accounts', returnAll: true },
				{ items: [ACCOUNT] },
			),
		);
		expect(output).toEqual([
			expect.objectContaining({
				type: 'group',
				timestamp: '2026-11-18T09:31:00.000Z',
				traits: { name: 'Analytical Engines', plan: 'enterprise', employees: 12 },
			}),
		]);
		expect(requests()[0].path).toBe(
			profilePath('accounts', 'group_id:analytical-engines', 'events'),
		);
	});

	test('Return All pages to the end; a Limit stops there', async () => {
		const all = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getEvents', returnAll: true },
				{ items: [LARGE] },
			),
		);
		expect(all).toHaveLength(LARGE_PROFILE.events);
		expect(all.map(({ properties }) => (properties as { n: number }).n)).toEqual(
			Array.from({ length: LARGE_PROFILE.events }, (_, index) => LARGE_PROFILE.events - index),
		);
		expect(requests().map(({ query }) => query.limit)).toEqual(['100', '100', '100']);
		collector().reset();
		const some = outputJson(
			await runProfile(collector(), { operation: 'getEvents', limit: 150 }, { items: [LARGE] }),
		);
		expect(some).toEqual(all.slice(0, 150));
		expect(requests().map(({ query }) => query.limit)).toEqual(['100', '50']);
	});
});

describe('Get Metadata', () => {
	test.each([
		['users', ADA, '2026-11-18T09:30:00.000Z'],
		['accounts', ACCOUNT, '2026-11-18T09:31:00.000Z'],
	] as const)('%s: the metadata object', async (collection, item, createdAt) => {
		const output = outputJson(
			await runProfile(collector(), { operation: 'getMetadata', collection }, { items: [item] }),
		);
		expect(output).toEqual([
			expect.objectContaining({
				created_at: createdAt,
				expires_at: null,
				first_source_id: 'src_website_prod',
			}),
		]);
		expect(requests()[0].path).toMatch(/\/metadata$/);
	});
});

describe('Get Links', () => {
	test("a user's accounts, and an account's users, one item per link", async () => {
		const accounts = outputJson(
			await runProfile(collector(), { operation: 'getLinks', returnAll: true }),
		);
		expect(accounts).toEqual([
			{
				to_collection: 'accounts',
				external_ids: [expect.objectContaining({ type: 'group_id', id: 'analytical-engines' })],
			},
		]);
		expect(requests()[0]).toMatchObject({
			path: profilePath('users', 'user_id:101', 'links'),
			query: { limit: '20' },
		});
		collector().reset();
		const users = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getLinks', collection: 'accounts', returnAll: true },
				{ items: [ACCOUNT] },
			),
		);
		expect(users).toEqual([
			{
				to_collection: 'users',
				external_ids: expect.arrayContaining([
					expect.objectContaining({ type: 'user_id', id: '101' }),
				]),
			},
		]);
	});
});

test('many items: each output is paired to its input and in input order, though looked up ten at a time', async () => {
	const ids = ['103', '101', '102', '101', '103', '102', '101', '103', '102', '101', '102', '103'];
	// Each answer takes 100 ms, so lookups running at the same time overlap at the collector.
	collector().injectFault({ api: 'profileApi', times: ids.length, delayMs: 100 });
	const result = await runProfile(
		collector(),
		{ operation: 'getTraits', traitsToGet: 'selected', traitNames: 'name' },
		{ items: ids.map((idValue) => ({ idType: 'user_id', idValue })) },
	);
	const byId: Record<string, string> = {
		'101': 'Ada Lovelace',
		'102': 'Alan Turing',
		'103': 'Grace Hopper',
	};
	expect(outputJson(result)).toEqual(ids.map((id) => ({ name: byId[id] })));
	expect(result.output().map(({ pairedItem }) => pairedItem)).toEqual(
		ids.map((_, item) => ({ item })),
	);
	expect(collector().maxConcurrentRequests).toBe(10);
});
