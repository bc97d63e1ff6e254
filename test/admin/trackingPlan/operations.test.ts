import type { IDataObject } from 'n8n-workflow';

import { ENDPOINT_RATE_LIMITS } from '../../../nodes/Segment/transport/rateLimit';
import { collectorCredentials, PUBLIC_API_TOKEN, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
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
 * The Tracking Plan operations through n8n's engine against the collector: plans, their rules
 * (checked before sending, 200 per request, a long Replace that still ends with exactly the list
 * given, Get Rules' output accepted as input, rule reads paced to Segment's 200 a minute), the
 * sources connected to them, and a workspace without Protocols told so.
 */
const collector = useCollector();
const state = () => collector().publicApiState;
const PLAN = 'tp_2Ul5HjMaqBiKkNHUsG8tEUNwQ9v';
const plan = locator(PLAN);

const rule = (n: number, extra: IDataObject = {}) => ({
	type: 'TRACK',
	key: `Event ${n}`,
	version: 1,
	jsonSchema: { type: 'object', properties: { properties: { type: 'object' } } },
	...extra,
});
const rules = (count: number) => Array.from({ length: count }, (_, n) => rule(n));
const planRules = () =>
	state().trackingPlanRules[PLAN].map(
		({ type, key, version }) => `${type}:${key ?? ''}:${version}`,
	);

describe('Tracking Plans', () => {
	test('Get Many (by type), Get, Create, Update and Delete change the workspace as Segment would', async () => {
		const live = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'getMany',
				returnAll: true,
				filters: { type: 'LIVE' },
			}),
		);
		expect(live.map(({ id }) => id)).toEqual([PLAN]);

		const [created] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'create',
				name: 'Mobile',
				type: 'LIVE',
				options: { description: 'Events of the apps' },
			}),
		);
		expect(created).toMatchObject({
			name: 'Mobile',
			type: 'LIVE',
			description: 'Events of the apps',
		});

		const [updated] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'update',
				trackingPlan: locator(String(created.id)),
				updateFields: { name: 'Mobile apps' },
			}),
		);
		expect(updated).toEqual({ trackingPlanId: created.id, name: 'Mobile apps', status: 'SUCCESS' });
		const [read] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'get',
				trackingPlan: locator(String(created.id)),
			}),
		);
		expect(read).toMatchObject({ id: created.id, name: 'Mobile apps' });

		const [deleted] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'delete',
				trackingPlan: locator(String(created.id)),
			}),
		);
		expect(deleted).toEqual({ trackingPlanId: created.id, deleted: true, status: 'SUCCESS' });
		const gone = await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'get',
			trackingPlan: locator(String(created.id)),
		});
		expect(gone.error?.message).toBe(
			`Tracking Plan "${String(created.id)}" was not found (404): check the ID, and that the token and Region belong to the workspace that has it`,
		);
	});

	test('Get Rules gives one item per rule; Limit asks for no more than it needs', async () => {
		const all = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'getRules',
				trackingPlan: plan,
				returnAll: true,
			}),
		);
		expect(all.map(({ type, key }) => `${String(type)}:${String(key ?? '')}`)).toEqual([
			'TRACK:Order Completed',
			'TRACK:Product Viewed',
			'IDENTIFY:',
		]);
		expect(all[0]).toMatchObject({
			version: 1,
			jsonSchema: expect.any(Object),
			createdAt: expect.any(String),
		});
		await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'getRules',
			trackingPlan: plan,
			returnAll: false,
			limit: 2,
		});
		expect(lastPublicApiRequest(collector()).query).toEqual({ 'pagination[count]': '2' });
	});

	test('Add or Update Rules adds new rules, updates those with the same type, key and version, renames with newKey', async () => {
		const [output] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'addOrUpdateRules',
				trackingPlan: plan,
				rules: JSON.stringify([
					rule(1),
					{
						type: 'TRACK',
						key: 'Product Viewed',
						newKey: 'Product Seen',
						version: 1,
						jsonSchema: {},
					},
				]),
			}),
		);
		expect(output).toEqual({
			trackingPlanId: PLAN,
			status: 'SUCCESS',
			action: 'addOrUpdate',
			rules: [
				{ type: 'TRACK', key: 'Event 1', version: 1 },
				{ type: 'TRACK', key: 'Product Viewed', version: 1 },
			],
			request: 1,
			requests: 1,
		});
		expect(planRules()).toEqual([
			'TRACK:Order Completed:1',
			'TRACK:Product Seen:1',
			'IDENTIFY::1',
			'TRACK:Event 1:1',
		]);
	});

	test('Replace Rules with 450: a replace of 200 then upserts, one output item each; the plan ends with exactly the 450', async () => {
		const result = await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'replaceRules',
			trackingPlan: plan,
			rules: JSON.stringify(rules(450)),
		});
		expect(
			result
				.output()
				.map(({ json, pairedItem }) => [
					json.action,
					(json.rules as unknown[]).length,
					json.request,
					json.requests,
					pairedItem,
				]),
		).toEqual([
			['replace', 200, 1, 3, { item: 0 }],
			['addOrUpdate', 200, 2, 3, { item: 0 }],
			['addOrUpdate', 50, 3, 3, { item: 0 }],
		]);
		expect(publicApiRequests(collector()).map(({ method }) => method)).toEqual([
			'PUT',
			'PATCH',
			'PATCH',
		]);
		expect(planRules()).toEqual(rules(450).map(({ key }) => `TRACK:${key}:1`));
	});

	test("Get Rules' output can be given as it is: the read-only dates are dropped (copying a plan's rules)", async () => {
		const copied = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'getRules',
				trackingPlan: plan,
				returnAll: true,
			}),
		);
		const target = 'tp_2Ul5L0ibraryPr0pert1es01';
		const [output] = outputJson(
			await runAdmin(
				collector(),
				{
					resource: 'trackingPlan',
					operation: 'replaceRules',
					trackingPlan: locator(target),
					rules: '={{ $json.rules }}',
				},
				{ items: [{ rules: copied }] },
			),
		);
		expect(output).toMatchObject({ status: 'SUCCESS', request: 1, requests: 1 });
		const sent = JSON.parse(lastPublicApiRequest(collector()).body) as { rules: IDataObject[] };
		expect(sent.rules.map((entry) => Object.keys(entry).sort())).toEqual([
			['jsonSchema', 'key', 'type', 'version'],
			['jsonSchema', 'key', 'type', 'version'],
			['jsonSchema', 'type', 'version'],
		]);
		expect(state().trackingPlanRules[target].map(({ key }) => key)).toEqual([
			'Order Completed',
			'Product Viewed',
			undefined,
		]);
	});

	test("copying a plan: Get Rules' items into one Replace, with the documented expression and Execute Once", async () => {
		const copied = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'getRules',
				trackingPlan: plan,
				returnAll: true,
			}),
		);
		collector().requests.length = 0;
		const target = 'tp_2Ul5L0ibraryPr0pert1es01';
		const output = outputJson(
			await runAdmin(
				collector(),
				{
					resource: 'trackingPlan',
					operation: 'replaceRules',
					trackingPlan: locator(target),
					rules: '={{ $input.all().map(item => item.json) }}',
				},
				{ items: copied, executeOnce: true },
			),
		);
		expect(output).toHaveLength(1);
		expect(publicApiRequests(collector()).map(({ method }) => method)).toEqual(['PUT']);
		expect(state().trackingPlanRules[target]).toHaveLength(3);
	});

	test('Remove Rules sends each rule by type, key and version in the query; 250 go in requests of at most 8 KB of query', async () => {
		const [removed] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'removeRules',
				trackingPlan: plan,
				rules: JSON.stringify([
					rule(0, { key: 'Order Completed', createdAt: '2024-01-15T09:00:00.000Z' }),
					{ type: 'IDENTIFY', version: 1 },
				]),
			}),
		);
		expect(removed).toMatchObject({ action: 'remove', status: 'SUCCESS' });
		expect(lastPublicApiRequest(collector())).toMatchObject({
			method: 'DELETE',
			query: {
				'rules[0][type]': 'TRACK',
				'rules[0][key]': 'Order Completed',
				'rules[0][version]': '1',
				'rules[1][type]': 'IDENTIFY',
				'rules[1][version]': '1',
			},
		});
		expect(planRules()).toEqual(['TRACK:Product Viewed:1']);

		await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'replaceRules',
			trackingPlan: plan,
			rules: JSON.stringify(rules(260)),
		});
		collector().requests.length = 0;
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'removeRules',
				trackingPlan: plan,
				rules: JSON.stringify(rules(250)),
			}),
		);
		// About 100 bytes a rule in the query: requests of some 80 rules, each within 8 KB.
		expect(output.map(({ rules: covered }) => (covered as unknown[]).length)).toEqual([
			83, 82, 82, 3,
		]);
		for (const request of publicApiRequests(collector())) {
			expect(request.status).toBe(200);
			const query = new URLSearchParams(request.query as Record<string, string>).toString();
			expect(query.length).toBeLessThanOrEqual(8000);
		}
		expect(planRules()).toEqual(
			rules(260)
				.slice(250)
				.map(({ key }) => `TRACK:${key}:1`),
		);
	});

	test('long keys: a Remove is split before its query passes 8 KB', async () => {
		const long = Array.from({ length: 60 }, (_, n) => rule(n, { key: `${'k'.repeat(200)} ${n}` }));
		await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'replaceRules',
			trackingPlan: plan,
			rules: JSON.stringify(long),
		});
		collector().requests.length = 0;
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'removeRules',
				trackingPlan: plan,
				rules: JSON.stringify(long),
			}),
		);
		expect(output.length).toBeGreaterThan(1);
		for (const request of publicApiRequests(collector())) {
			const query = new URLSearchParams(request.query as Record<string, string>).toString();
			expect(query.length).toBeLessThanOrEqual(8000);
		}
		expect(planRules()).toEqual([]);
	});

	test('a Replace that fails half way says what the plan holds now, and what was applied', async () => {
		collector().injectFault({
			api: 'publicApi',
			path: `/tracking-plans/${PLAN}/rules`,
			skip: 1,
			respond: { status: 503, body: { errors: [{ type: 'server', message: 'Unavailable' }] } },
		});
		const result = await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'replaceRules',
			trackingPlan: plan,
			rules: JSON.stringify(rules(450)),
		});
		expect(result.error?.message).toBe(
			"Segment's Public API failed on its side (503): try again later (item 0, request 2 of 3; 1 earlier request succeeded, listed in the details)",
		);
		expect(result.error?.description).toContain(
			'Done before this failure (applied to the plan): item 0, request 1 of 3: 200 rules replaced.',
		);
		expect(result.error?.description).toContain(
			'The replacement is half made: the plan holds the rules of requests 1 to 1 only; run Replace Rules again with the whole list.',
		);
		expect(planRules()).toHaveLength(200);

		collector().reset();
		collector().injectFault({
			api: 'publicApi',
			path: `/tracking-plans/${PLAN}/rules`,
			skip: 1,
			respond: { status: 503, body: { errors: [{ type: 'server', message: 'Unavailable' }] } },
		});
		const items = outputJson(
			await runAdmin(
				collector(),
				{
					resource: 'trackingPlan',
					operation: 'replaceRules',
					trackingPlan: plan,
					rules: JSON.stringify(rules(450)),
				},
				{ continueOnFail: true },
			),
		);
		expect(items.map(({ request, error }) => [request, typeof error])).toEqual([
			[1, 'undefined'],
			[2, 'string'],
		]);
		expect(items[1]).toMatchObject({ mayHaveSucceeded: true, trackingPlanId: PLAN });
		expect((items[1].rules as unknown[]).length).toBe(200);
		expect((items[1].notSentRules as unknown[]).length).toBe(50);
	});

	test('rule reads are paced: with the limit lowered (2 per 500 ms at the collector, 2 per 600 ms in the node), 5 Get Rules never get a 429', async () => {
		const saved = { ...ENDPOINT_RATE_LIMITS.trackingPlanRulesRead };
		state().rateLimits.trackingPlanRulesRead = { requests: 2, windowMs: 500 };
		ENDPOINT_RATE_LIMITS.trackingPlanRulesRead = { requests: 2, windowMs: 600 };
		try {
			const started = Date.now();
			const output = await runAdmin(
				collector(),
				{ resource: 'trackingPlan', operation: 'getRules', trackingPlan: plan, returnAll: true },
				{ items: Array.from({ length: 5 }, () => ({})) },
			);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
			expect(output.output()).toHaveLength(15);
			expect(publicApiRequests(collector()).map(({ status }) => status)).toEqual([
				200, 200, 200, 200, 200,
			]);
		} finally {
			ENDPOINT_RATE_LIMITS.trackingPlanRulesRead = saved;
		}
	});

	test('Get Sources, Connect Source and Disconnect Source; a source has one plan at most', async () => {
		const sources = async () =>
			outputJson(
				await runAdmin(collector(), {
					resource: 'trackingPlan',
					operation: 'getSources',
					trackingPlan: plan,
					returnAll: true,
				}),
			).map(({ id }) => id);
		expect(await sources()).toEqual([SEED.nodeSource]);
		const [connected] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'connectSource',
				trackingPlan: plan,
				source: locator(SEED.iosSource),
			}),
		);
		expect(connected).toEqual({
			trackingPlanId: PLAN,
			sourceId: SEED.iosSource,
			connected: true,
			status: 'SUCCESS',
		});
		expect(await sources()).toEqual([SEED.iosSource, SEED.nodeSource]);
		const [source] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator(SEED.iosSource),
			}),
		);
		expect(source.trackingPlanId).toBe(PLAN);

		const elsewhere = await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'connectSource',
			trackingPlan: locator('tp_2Ul5L0ibraryPr0pert1es01'),
			source: locator(SEED.iosSource),
		});
		expect(elsewhere.error?.message).toBe(
			`Segment refused the input (422): Source "${SEED.iosSource}" is already connected to Tracking Plan "${PLAN}": a source has one Tracking Plan at most (field: sourceId)`,
		);

		const [disconnected] = outputJson(
			await runAdmin(collector(), {
				resource: 'trackingPlan',
				operation: 'disconnectSource',
				trackingPlan: plan,
				source: locator(SEED.nodeSource),
			}),
		);
		expect(disconnected).toMatchObject({ connected: false, status: 'SUCCESS' });
		expect(lastPublicApiRequest(collector())).toMatchObject({
			method: 'DELETE',
			path: `/tracking-plans/${PLAN}/sources`,
			query: { sourceId: SEED.nodeSource },
		});
		expect(await sources()).toEqual([SEED.iosSource]);
	});
});

describe('a workspace without Protocols', () => {
	beforeEach(() => {
		state().features.protocols = false;
	});

	test('every Tracking Plan operation fails saying Protocols is missing, not blaming the token', async () => {
		for (const parameters of [
			{ resource: 'trackingPlan', operation: 'getMany', returnAll: true },
			{ resource: 'trackingPlan', operation: 'getRules', trackingPlan: plan, returnAll: true },
			{ resource: 'trackingPlan', operation: 'create', name: 'Mobile', type: 'LIVE' },
		]) {
			const result = await runAdmin(collector(), parameters);
			expect(result.error?.message).toBe(
				'This workspace does not have Protocols, which Tracking Plans need (403): ask Segment to enable Protocols for the workspace',
			);
			expect(result.error?.httpCode).toBe('403');
			expect(result.error?.description).toContain(
				'Segment said: "This workspace does not have the Protocols feature enabled.',
			);
		}
	});

	test('"From list" says so too', async () => {
		await expect(
			runListSearch('searchTrackingPlans', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.trackingPlan',
			}),
		).rejects.toThrow('This workspace does not have Protocols, which Tracking Plans need (403)');
	});

	test("a 403 that does not name Protocols (a read-only token's write) names both causes", async () => {
		state().features.protocols = true;
		state().readOnlyTokens.add(PUBLIC_API_TOKEN);
		const result = await runAdmin(collector(), {
			resource: 'trackingPlan',
			operation: 'delete',
			trackingPlan: plan,
		});
		expect(result.error?.message).toBe(
			'Segment refused Tracking Plans to this token or workspace (403): the token needs a role with Tracking Plan access, and the workspace needs Protocols',
		);
	});
});

describe('rules the node refuses before sending anything', () => {
	const write = (rulesJson: string, operation = 'addOrUpdateRules') => ({
		resource: 'trackingPlan',
		operation,
		trackingPlan: plan,
		rules: rulesJson,
	});
	testRefusals(collector, [
		{
			name: 'rules that are not objects',
			parameters: write('["Order Completed", 2]'),
			message:
				'Item 0, field "Rules (JSON)" (rules[0]): expected a rule object with type, key, version and jsonSchema; got "Order Completed"',
		},
		{
			name: 'a rule that is a list',
			parameters: write('[[{"type": "TRACK"}]]', 'removeRules'),
			message:
				'Item 0, field "Rules (JSON)" (rules[0]): expected a rule object with type, key, version; got a list',
		},
		{
			name: 'not JSON',
			parameters: write('{ type: TRACK }'),
			message: 'Item 0, field "Rules (JSON)" (rules): is not valid JSON',
		},
		{
			name: 'no rule',
			parameters: write('[]', 'replaceRules'),
			message:
				'Item 0, field "Rules (JSON)" (rules): expected at least one rule (to remove rules, use Remove Rules)',
		},
		{
			name: 'an unknown rule type',
			parameters: write('{"type": "EVENT", "key": "A", "version": 1, "jsonSchema": {}}'),
			message:
				'Item 0, field "Rules (JSON)" (rules.type): expected one of COMMON, GROUP, IDENTIFY, PAGE, SCREEN, TRACK; got "EVENT"',
		},
		{
			name: 'a version that is not a whole number of 1 or more',
			parameters: write('[{"type": "TRACK", "key": "A", "version": "1", "jsonSchema": {}}]'),
			message:
				'Item 0, field "Rules (JSON)" (rules[0].version): expected a whole number of 1 or more; got "1"',
		},
		{
			name: 'a JSON Schema that is not an object',
			parameters: write('[{"type": "TRACK", "key": "A", "version": 1, "jsonSchema": "{}"}]'),
			message:
				'Item 0, field "Rules (JSON)" (rules[0].jsonSchema): expected a JSON Schema object; got "{}"',
		},
		{
			name: 'no JSON Schema',
			parameters: write('[{"type": "TRACK", "key": "A", "version": 1}]', 'replaceRules'),
			message:
				'Item 0, field "Rules (JSON)" (rules[0].jsonSchema): is missing: give the JSON Schema the calls must match',
		},
		{
			name: 'a field a rule does not have (a typo)',
			parameters: write('[{"type": "TRACK", "key": "A", "version": 1, "json_schema": {}}]'),
			message:
				'Item 0, field "Rules (JSON)" (rules[0].json_schema): is not a field of a rule (expected type, key, jsonSchema, version, newKey)',
		},
		{
			name: 'newKey where a Replace takes none',
			parameters: write(
				'[{"type": "TRACK", "key": "A", "newKey": "B", "version": 1, "jsonSchema": {}}]',
				'replaceRules',
			),
			message:
				'Item 0, field "Rules (JSON)" (rules[0].newKey): is not a field of a rule (expected type, key, jsonSchema, version)',
		},
		{
			name: 'the same rule twice',
			parameters: write(
				'[{"type": "TRACK", "key": "A", "version": 1, "jsonSchema": {}}, {"type": "TRACK", "key": "A", "version": 1, "jsonSchema": {"type": "object"}}]',
			),
			message:
				'Item 0, field "Rules (JSON)" (rules[1]): is the same rule (type, key and version) as rules[0]; give each rule once',
		},
		{
			name: 'an empty key',
			parameters: write('[{"type": "TRACK", "key": " ", "version": 1}]', 'removeRules'),
			message: 'Item 0, field "Rules (JSON)" (rules[0].key): expected non-empty text; got " "',
		},
		{
			name: 'a Tracking Plan type Segment does not have',
			parameters: {
				resource: 'trackingPlan',
				operation: 'create',
				name: 'X',
				type: '={{ "DRAFT" }}',
			},
			message:
				'Item 0, field "Type" (type): expected one of ENGAGE, LIVE, PROPERTY_LIBRARY, RULE_LIBRARY, TEMPLATE; got "DRAFT"',
		},
		{
			name: 'an Update with nothing to change',
			parameters: {
				resource: 'trackingPlan',
				operation: 'update',
				trackingPlan: plan,
				updateFields: {},
			},
			message:
				'Item 0, field "Update Fields" (updateFields): add at least one field to change (Name or Description)',
		},
	]);
});
