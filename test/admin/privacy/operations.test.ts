import type { IDataObject } from 'n8n-workflow';

import { ENDPOINT_RATE_LIMITS } from '../../../nodes/Segment/transport/rateLimit';
import { closedPort, collectorCredentials, useCollector } from '../../harness/collector';
import {
	lastPublicApiRequest,
	locator,
	outputJson,
	publicApiRequests,
	runAdmin,
	SEED,
	testRefusals,
} from '../helpers';

/**
 * The Deletion and Suppression operations through n8n's engine against the collector: a GDPR
 * request is one node with the user ID as an expression; long lists go in requests of 5,000 IDs
 * (and 4 MB), each its own output item paired to its input; creates are paced to Segment's 600 a
 * minute and never repeated after an ambiguous failure; a failure after some requests succeeded
 * keeps them; regulations and suppressions read back as Segment has them.
 */
const collector = useCollector();
const state = () => collector().publicApiState;
const posts = () => publicApiRequests(collector()).filter(({ method }) => method === 'POST');

const HUBSPOT_SOURCE = 'Lp9sZx2Wq4NbVc7Mk1Rt8y';
const ids = (count: number, prefix = 'user') =>
	Array.from({ length: count }, (_, n) => `${prefix}-${n}`);

const gdpr = (extra: IDataObject = {}) => ({
	resource: 'privacy',
	operation: 'createRegulation',
	scope: 'workspace',
	regulationType: 'SUPPRESS_WITH_DELETE',
	subjectType: 'USER_ID',
	subjectIds: '={{ $json.userId }}',
	...extra,
});

describe('Create Regulation', () => {
	test('a GDPR request per input item: one regulation each, its regulateId paired to the item', async () => {
		const result = await runAdmin(collector(), gdpr(), {
			items: [{ userId: 'user-4711', email: 'ada@example.com' }, { userId: 102 }],
		});
		const output = result.output();
		expect(output.map(({ json, pairedItem }) => [json.subjectIds, pairedItem])).toEqual([
			[['user-4711'], { item: 0 }],
			[['102'], { item: 1 }],
		]);
		expect(output[0].json).toEqual({
			regulateId: expect.stringMatching(/^1kReg/),
			regulationType: 'SUPPRESS_WITH_DELETE',
			subjectType: 'USER_ID',
			subjectIds: ['user-4711'],
			request: 1,
			requests: 1,
		});
		expect(
			posts().map(({ path, headers, body }) => [path, headers.accept, JSON.parse(body)]),
		).toEqual([
			[
				'/regulations',
				'application/vnd.segment.v1+json',
				{
					regulationType: 'SUPPRESS_WITH_DELETE',
					subjectType: 'USER_ID',
					subjectIds: ['user-4711'],
				},
			],
			[
				'/regulations',
				'application/vnd.segment.v1+json',
				{ regulationType: 'SUPPRESS_WITH_DELETE', subjectType: 'USER_ID', subjectIds: ['102'] },
			],
		]);
		const created = state().regulations.slice(-2);
		expect(created.map(({ id }) => id)).toEqual(output.map(({ json }) => json.regulateId));
	});

	test('IDs one per line, or a list from an expression: trimmed, blank lines dropped, each once, commas kept', async () => {
		const [fromLines] = outputJson(
			await runAdmin(
				collector(),
				gdpr({ subjectIds: ' user-1 \n\nuser-2\r\nuser-1\nSmith, John' }),
			),
		);
		expect(fromLines.subjectIds).toEqual(['user-1', 'user-2', 'Smith, John']);
		const [fromList] = outputJson(
			await runAdmin(collector(), gdpr({ subjectIds: '={{ $json.ids }}' }), {
				items: [{ ids: ['a', 7, 'b', 'a'] }],
			}),
		);
		expect(fromList.subjectIds).toEqual(['a', '7', 'b']);
	});

	test('a source, or a cloud source collection: its own path, subject type and body', async () => {
		const [forSource] = outputJson(
			await runAdmin(collector(), {
				...gdpr({ subjectIds: 'user-9' }),
				scope: 'source',
				source: locator(SEED.websiteSource),
				regulationType: 'DELETE_ONLY',
			}),
		);
		expect(forSource).toMatchObject({
			sourceId: SEED.websiteSource,
			regulationType: 'DELETE_ONLY',
			subjectType: 'USER_ID',
		});
		expect(lastPublicApiRequest(collector()).path).toBe(
			`/regulations/sources/${SEED.websiteSource}`,
		);

		const [forCollection] = outputJson(
			await runAdmin(collector(), {
				...gdpr({ subjectIds: 'contact-77' }),
				scope: 'cloudSource',
				source: locator(HUBSPOT_SOURCE),
				collection: 'contacts',
			}),
		);
		expect(forCollection).toMatchObject({ subjectType: 'OBJECT_ID', collection: 'contacts' });
		expect(lastPublicApiRequest(collector())).toMatchObject({
			path: `/regulations/cloudsources/${HUBSPOT_SOURCE}`,
		});
		expect(JSON.parse(lastPublicApiRequest(collector()).body)).toEqual({
			regulationType: 'SUPPRESS_WITH_DELETE',
			subjectType: 'OBJECT_ID',
			subjectIds: ['contact-77'],
			collection: 'contacts',
		});
	});

	test('12,001 IDs go in three requests of at most 5,000, each its own output item saying which IDs it covered', async () => {
		const all = ids(12_001);
		const result = await runAdmin(collector(), gdpr({ subjectIds: '={{ $json.ids }}' }), {
			items: [{ ids: all }],
		});
		const output = result.output();
		expect(
			output.map(({ json, pairedItem }) => [
				json.request,
				json.requests,
				(json.subjectIds as string[]).length,
				pairedItem,
			]),
		).toEqual([
			[1, 3, 5000, { item: 0 }],
			[2, 3, 5000, { item: 0 }],
			[3, 3, 2001, { item: 0 }],
		]);
		expect(output.flatMap(({ json }) => json.subjectIds as string[])).toEqual(all);
		expect(new Set(output.map(({ json }) => json.regulateId)).size).toBe(3);
		expect(posts().map(({ body }) => JSON.parse(body).subjectIds.length)).toEqual([
			5000, 5000, 2001,
		]);
	});

	test('IDs that fit 5,000 but not 4 MB are split by size, each request within 4 MB', async () => {
		const long = ids(4200, 'x'.repeat(1000));
		const output = outputJson(
			await runAdmin(collector(), gdpr({ subjectIds: '={{ $json.ids }}' }), {
				items: [{ ids: long }],
			}),
		);
		expect(output.length).toBe(2);
		expect(output.flatMap(({ subjectIds }) => subjectIds as string[])).toEqual(long);
		for (const request of posts()) expect(request.bodyBytes).toBeLessThanOrEqual(4_000_000);
		expect(posts().every(({ status }) => status === 200)).toBe(true);
	});

	describe('a request that fails after others succeeded', () => {
		const tenThousandAndOne = { items: [{ ids: ids(10_001) }] };

		test('with Continue On Fail: the created ones, then an error item for the failed one and the IDs not sent', async () => {
			collector().injectFault({
				api: 'publicApi',
				path: '/regulations',
				skip: 1,
				respond: { status: 500, body: { errors: [{ type: 'server', message: 'Internal error' }] } },
			});
			const result = await runAdmin(collector(), gdpr({ subjectIds: '={{ $json.ids }}' }), {
				...tenThousandAndOne,
				continueOnFail: true,
			});
			const [created, failed] = result.output();
			expect(result.output()).toHaveLength(2);
			expect(created.json).toMatchObject({
				request: 1,
				requests: 3,
				regulateId: expect.any(String),
			});
			expect(failed.pairedItem).toEqual({ item: 0 });
			expect(failed.json).toMatchObject({
				error: expect.stringMatching(/^Segment's Public API failed on its side \(500\)/),
				httpCode: '500',
				request: 2,
				requests: 3,
				mayHaveSucceeded: true,
			});
			expect(failed.json.subjectIds).toEqual(ids(10_001).slice(5000, 10_000));
			expect(failed.json.notSentSubjectIds).toEqual(['user-10000']);
			// A create is not repeated after a server error: Segment may have created it.
			expect(posts().map(({ status }) => status)).toEqual([200, 500]);
		});

		test('without: the error names the failed request and lists the regulations created before it', async () => {
			collector().injectFault({
				api: 'publicApi',
				path: '/regulations',
				skip: 1,
				respond: { status: 500, body: { errors: [{ type: 'server', message: 'Internal error' }] } },
			});
			const result = await runAdmin(
				collector(),
				gdpr({ subjectIds: '={{ $json.ids }}' }),
				tenThousandAndOne,
			);
			const [first] = state().regulations.slice(-1);
			expect(result.error?.message).toBe(
				"Segment's Public API failed on its side (500): try again later (item 0, request 2 of 3; 1 earlier request succeeded, listed in the details)",
			);
			expect(result.error?.description).toContain(
				`Done before this failure (created; Segment processes them): item 0, request 1 of 3: regulation ${first.id} (5,000 IDs).`,
			);
			expect(result.error?.description).toContain(
				'Get Many Regulations before sending its IDs again',
			);
			expect(result.error?.context?.done).toEqual([
				expect.objectContaining({ item: 0, regulateId: first.id, request: 1, requests: 3 }),
			]);
		});

		test('an earlier item’s regulation is named too; a refusal (4xx) says Segment did not act', async () => {
			collector().injectFault({
				api: 'publicApi',
				path: '/regulations',
				skip: 1,
				respond: {
					status: 422,
					body: {
						errors: [{ type: 'validation', message: 'subjectIds is invalid', field: 'subjectIds' }],
					},
				},
			});
			const failed = await runAdmin(collector(), gdpr(), {
				items: [{ userId: 'a' }, { userId: 'b' }],
			});
			expect(failed.error?.message).toBe(
				'Segment refused the input (422): subjectIds is invalid (field: subjectIds) (1 earlier request succeeded, listed in the details)',
			);
			expect(failed.error?.description).toMatch(/item 0: regulation 1kReg\w+ \(1 ID\)\./);
			expect(failed.error?.description).not.toContain('may have created');

			collector().reset();
			collector().injectFault({
				api: 'publicApi',
				path: '/regulations',
				respond: { status: 422, body: { errors: [{ type: 'validation', message: 'no' }] } },
			});
			const [item] = outputJson(
				await runAdmin(collector(), gdpr(), { items: [{ userId: 'a' }], continueOnFail: true }),
			);
			expect(item).toMatchObject({
				request: 1,
				requests: 1,
				mayHaveSucceeded: false,
				subjectIds: ['a'],
			});
		});
	});

	test('a lost answer (Segment created it, the connection dropped) is not sent again and may have succeeded; a refused connection did not', async () => {
		collector().injectFault({ api: 'publicApi', path: '/regulations', destroyAfterHandling: true });
		const [lost] = outputJson(
			await runAdmin(collector(), gdpr(), { items: [{ userId: 'u-lost' }], continueOnFail: true }),
		);
		expect(lost).toMatchObject({ mayHaveSucceeded: true, subjectIds: ['u-lost'] });
		expect(lost.error).toMatch(/^Could not reach the Segment Public API/);
		expect(posts()).toHaveLength(1);
		expect(state().regulations.filter(({ subjectIds }) => subjectIds[0] === 'u-lost')).toHaveLength(
			1,
		);

		// A refused connection is retried (it did nothing); quickly here.
		const [refused] = outputJson(
			await runAdmin(collector(), gdpr({ options: { maxRetries: 1, retryDelay: 10 } }), {
				items: [{ userId: 'u-refused' }],
				continueOnFail: true,
				credentials: collectorCredentials(collector(), {
					publicApiBaseUrl: `http://127.0.0.1:${await closedPort()}`,
				}),
			}),
		);
		expect(refused).toMatchObject({ mayHaveSucceeded: false, subjectIds: ['u-refused'] });
	});

	describe('pacing and rate limits', () => {
		const saved = { ...ENDPOINT_RATE_LIMITS.regulationCreate };
		afterEach(() => {
			ENDPOINT_RATE_LIMITS.regulationCreate = { ...saved };
		});

		test("creates start only as Segment's limit allows: with it lowered (2 per 500 ms at the collector, 2 per 600 ms in the node, the node's margin), 5 creates never get a 429", async () => {
			state().rateLimits.regulationCreate = { requests: 2, windowMs: 500 };
			ENDPOINT_RATE_LIMITS.regulationCreate = { requests: 2, windowMs: 600 };
			const started = Date.now();
			const output = outputJson(
				await runAdmin(collector(), gdpr(), { items: ids(5).map((userId) => ({ userId })) }),
			);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
			expect(output).toHaveLength(5);
			expect(posts().map(({ status }) => status)).toEqual([200, 200, 200, 200, 200]);
		});

		test("a 429 (another run used the limit) waits Segment's msBeforeNext and is sent again, creating once", async () => {
			state().rateLimits.regulationCreate = { requests: 1, windowMs: 400 };
			const output = outputJson(
				await runAdmin(collector(), gdpr(), { items: [{ userId: 'a' }, { userId: 'b' }] }),
			);
			expect(output.map(({ subjectIds }) => subjectIds)).toEqual([['a'], ['b']]);
			expect(posts().map(({ status }) => status)).toEqual([200, 429, 200]);
			expect(posts()[1].status).toBe(429);
			expect(
				state()
					.regulations.slice(-2)
					.map(({ subjectIds }) => subjectIds),
			).toEqual([['a'], ['b']]);
		});
	});
});

describe('Get Regulation, Get Many Regulations, Get Many Suppressions, Delete Regulation', () => {
	test('Get Regulation: the overall status and each destination’s, as Segment moves it along', async () => {
		state().regulationStepMs = 0;
		const [created] = outputJson(
			await runAdmin(collector(), gdpr(), { items: [{ userId: 'user-4711' }] }),
		);
		const [regulation] = outputJson(
			await runAdmin(collector(), {
				resource: 'privacy',
				operation: 'getRegulation',
				regulation: locator(String(created.regulateId)),
			}),
		);
		expect(regulation).toMatchObject({
			id: created.regulateId,
			overallStatus: 'FINISHED',
			createdAt: expect.any(String),
			finishedAt: expect.any(String),
		});
		const website = (regulation.streamStatus as IDataObject[]).find(
			({ id }) => id === SEED.websiteSource,
		);
		expect(website?.destinationStatus).toEqual([
			expect.objectContaining({ name: 'Amplitude (web)', status: 'FINISHED' }),
			expect.objectContaining({ name: 'Mixpanel (web)', status: 'NOT_SUPPORTED' }),
		]);
		expect(lastPublicApiRequest(collector()).path).toBe(
			`/regulations/${String(created.regulateId)}`,
		);
	});

	test('a regulation older than 90 days is not found, and the error says Segment keeps them 90 days', async () => {
		const result = await runAdmin(collector(), {
			resource: 'privacy',
			operation: 'getRegulation',
			regulation: locator('1kOldSuppress0000000000001'),
		});
		expect(result.error?.message).toBe(
			'Regulation "1kOldSuppress0000000000001" was not found (Segment keeps regulations for 90 days) (404): check the ID, and that the token and Region belong to the workspace that has it',
		);
	});

	test('Get Many Regulations: the workspace’s of the last 90 days, newest first, by status and type', async () => {
		const all = outputJson(
			await runAdmin(collector(), {
				resource: 'privacy',
				operation: 'getManyRegulations',
				scope: 'workspace',
				returnAll: true,
			}),
		);
		expect(all.map(({ id }) => id)).toEqual([
			'1kSeedDelete00000000000001',
			'1kSeedSuppress000000000001',
		]);
		const filtered = outputJson(
			await runAdmin(collector(), {
				resource: 'privacy',
				operation: 'getManyRegulations',
				scope: 'workspace',
				returnAll: true,
				filters: { status: 'FINISHED', regulationTypes: ['SUPPRESS_ONLY'] },
			}),
		);
		expect(filtered).toEqual([
			expect.objectContaining({
				id: '1kSeedSuppress000000000001',
				regulationType: 'SUPPRESS_ONLY',
				subjects: ['user-suppressed-1', 'user-suppressed-2'],
				status: 'FINISHED',
			}),
		]);
		expect(lastPublicApiRequest(collector()).query).toEqual({
			'pagination[count]': '1000',
			status: 'FINISHED',
			'regulationTypes[0]': 'SUPPRESS_ONLY',
		});
	});

	test("Get Many Regulations of one source; an unknown source's 404 says so", async () => {
		const [entry, ...rest] = outputJson(
			await runAdmin(collector(), {
				resource: 'privacy',
				operation: 'getManyRegulations',
				scope: 'source',
				source: locator(SEED.websiteSource),
				returnAll: true,
			}),
		);
		expect(rest).toEqual([]);
		expect(entry).toMatchObject({ id: '1kSeedSourceDelete00000001', status: 'RUNNING' });
		const missing = await runAdmin(collector(), {
			resource: 'privacy',
			operation: 'getManyRegulations',
			scope: 'source',
			source: locator('noSuchSource'),
			returnAll: true,
		});
		expect(missing.error?.message).toBe(
			'Source "noSuchSource" was not found (Segment also answers 404 to a list with no regulation of the last 90 days) (404): check the ID, and that the token and Region belong to the workspace that has it',
		);
	});

	test('Get Many Suppressions follows SUPPRESS and UNSUPPRESS, old suppressions included', async () => {
		const suppressions = async () =>
			outputJson(
				await runAdmin(collector(), {
					resource: 'privacy',
					operation: 'getManySuppressions',
					returnAll: true,
				}),
			).flatMap(({ subjectIds }) => subjectIds as string[]);
		expect(await suppressions()).toEqual([
			'user-suppressed-long-ago',
			'user-suppressed-1',
			'user-suppressed-2',
			'user-deleted-1',
		]);
		await runAdmin(collector(), gdpr({ regulationType: 'SUPPRESS_ONLY', subjectIds: 'user-new' }));
		await runAdmin(
			collector(),
			gdpr({ regulationType: 'UNSUPPRESS', subjectIds: 'user-suppressed-1' }),
		);
		expect(await suppressions()).toEqual([
			'user-suppressed-long-ago',
			'user-suppressed-2',
			'user-deleted-1',
			'user-new',
		]);
	});

	test('Delete Regulation cancels one still Initialized; a finished one is refused with Segment’s reason', async () => {
		state().regulationStepMs = 60_000;
		const [created] = outputJson(
			await runAdmin(collector(), gdpr(), { items: [{ userId: 'oops' }] }),
		);
		const [deleted] = outputJson(
			await runAdmin(collector(), {
				resource: 'privacy',
				operation: 'deleteRegulation',
				regulation: locator(String(created.regulateId)),
			}),
		);
		expect(deleted).toEqual({ regulateId: created.regulateId, deleted: true, status: 'SUCCESS' });
		expect(state().regulations.some(({ id }) => id === created.regulateId)).toBe(false);
		const finished = await runAdmin(collector(), {
			resource: 'privacy',
			operation: 'deleteRegulation',
			regulation: locator('1kSeedDelete00000000000001'),
		});
		expect(finished.error?.message).toBe(
			'Segment refused the input (422): Regulation "1kSeedDelete00000000000001" is FINISHED: only an INITIALIZED regulation can be deleted (field: regulateId)',
		);
	});
});

describe('input Create Regulation refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'an unknown regulation type (from an expression)',
			parameters: gdpr({ regulationType: '={{ "DELETE_EVERYTHING" }}', subjectIds: 'u1' }),
			message:
				'Item 0, field "Regulation Type" (regulationType): expected one of DELETE_INTERNAL, DELETE_ONLY, SUPPRESS_ONLY, SUPPRESS_WITH_DELETE, SUPPRESS_WITH_DELETE_INTERNAL, UNSUPPRESS; got "DELETE_EVERYTHING"',
		},
		{
			name: 'more than 5,000 IDs with splitting off',
			parameters: gdpr({ subjectIds: ids(5001).join('\n'), options: { splitLongLists: false } }),
			message:
				'Item 0, field "Subject IDs" (subjectIds): 5,001 IDs are more than Segment takes in one call (5,000, and 4 MB); turn on Options › Split Lists Over 5,000 IDs to send them in 2 requests',
		},
		{
			name: 'no ID at all',
			parameters: gdpr({ subjectIds: ' \n ' }),
			message:
				'Item 0, field "Subject IDs" (subjectIds): must not be empty: give the user ID (or object ID) whose data to delete or suppress',
		},
		{
			name: 'a list holding something that is not an ID',
			parameters: gdpr({ subjectIds: '={{ ["u1", { "id": "u2" }] }}' }),
			message:
				'Item 0, field "Subject IDs" (subjectIds): expected each ID to be text or a number; entry 1 is object',
		},
		{
			name: 'a subject type the workspace scope does not take',
			parameters: gdpr({ subjectIds: 'u1', subjectType: '={{ "ANONYMOUS_ID" }}' }),
			message:
				'Item 0, field "Subject Type" (subjectType): expected USER_ID or OBJECT_ID; got "ANONYMOUS_ID"',
		},
		{
			name: 'a cloud source collection without a collection',
			parameters: {
				...gdpr({ subjectIds: 'c1' }),
				scope: 'cloudSource',
				source: locator(HUBSPOT_SOURCE),
				collection: ' ',
			},
			message: 'Item 0, field "Collection" (collection): must not be empty',
		},
		{
			name: 'a source scope without a source',
			parameters: { ...gdpr({ subjectIds: 'u1' }), scope: 'source', source: locator('={{ "" }}') },
			message: 'Item 0, field "Source" (sourceId): choose a source from the list, or enter its ID',
		},
		{
			name: 'a status filter Segment does not have',
			parameters: {
				resource: 'privacy',
				operation: 'getManyRegulations',
				scope: 'workspace',
				returnAll: true,
				filters: { status: '={{ "DONE" }}' },
			},
			message:
				'Item 0, field "Status" (status): expected one of FAILED, FINISHED, INITIALIZED, INVALID, NOT_SUPPORTED, PARTIAL_SUCCESS, RUNNING; got "DONE"',
		},
	]);
});
