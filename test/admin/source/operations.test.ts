import { useCollector } from '../../harness/collector';
import {
	lastPublicApiRequest,
	locator,
	outputJson,
	runAdmin,
	SEED,
	testRefusals,
} from '../helpers';

/**
 * The Source operations through n8n's engine against the collector: what is sent (method, path,
 * version) and what comes out (the source itself, or one item per element, paired to its input),
 * that the workspace really changes (Delete deletes, Update shows on Get, labels added are listed),
 * and the input they refuse before sending anything.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Source', () => {
	test('Get returns the source itself, not the data envelope', async () => {
		const [source] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator(SEED.websiteSource),
			}),
		);
		expect(source).toMatchObject({
			id: SEED.websiteSource,
			slug: 'website-prod',
			name: 'Website (production)',
			enabled: true,
			writeKeys: [SEED.websiteKey],
			labels: [{ key: 'environment', value: 'prod', description: 'Production data' }],
			trackingPlanId: null,
		});
		expect(source.data).toBeUndefined();
		expect(lastRequest()).toMatchObject({ method: 'GET', path: `/sources/${SEED.websiteSource}` });
	});

	test("Raw Response keeps Segment's response as it came", async () => {
		const [raw] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator(SEED.websiteSource),
				options: { rawResponse: true },
			}),
		);
		expect(raw).toEqual({
			data: { source: expect.objectContaining({ id: SEED.websiteSource }), trackingPlanId: null },
		});
	});

	test('"From list" and "By ID" give the same source; each input item gets its own, paired to it', async () => {
		const result = await runAdmin(
			collector(),
			{
				resource: 'source',
				operation: 'get',
				source: { __rl: true, mode: 'list', value: '={{ $json.id }}' },
			},
			{ items: [{ id: SEED.iosSource }, { id: SEED.nodeSource }, { id: SEED.iosSource }] },
		);
		expect(result.output().map(({ json, pairedItem }) => [json.id, pairedItem])).toEqual([
			[SEED.iosSource, { item: 0 }],
			[SEED.nodeSource, { item: 1 }],
			[SEED.iosSource, { item: 2 }],
		]);
	});

	test('Get Many gives one item per source', async () => {
		const output = outputJson(
			await runAdmin(collector(), { resource: 'source', operation: 'getMany', returnAll: true }),
		);
		expect(output).toHaveLength(8);
		expect(output[0]).toMatchObject({ id: SEED.websiteSource, slug: 'website-prod' });
		expect(
			output.every((source) => typeof source.id === 'string' && source.pagination === undefined),
		).toBe(true);
	});

	test('Update changes only the fields given, and Get then shows them', async () => {
		const [updated] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'update',
				source: locator(SEED.iosSource),
				updateFields: {
					name: 'iOS App v2',
					slug: 'ios-app-v2',
					enabled: false,
					settings: '{"trackScreens": true}',
				},
			}),
		);
		expect(updated).toMatchObject({
			id: SEED.iosSource,
			name: 'iOS App v2',
			slug: 'ios-app-v2',
			enabled: false,
			settings: { trackScreens: true },
		});
		expect(lastRequest()).toMatchObject({ method: 'PATCH', path: `/sources/${SEED.iosSource}` });
		expect(JSON.parse(lastRequest().body)).toEqual({
			name: 'iOS App v2',
			slug: 'ios-app-v2',
			enabled: false,
			settings: { trackScreens: true },
		});

		const [renamedOnly] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'update',
				source: locator(SEED.iosSource),
				updateFields: { name: 'iOS App v3' },
			}),
		);
		expect(JSON.parse(lastRequest().body)).toEqual({ name: 'iOS App v3' });
		expect(renamedOnly).toMatchObject({ name: 'iOS App v3', slug: 'ios-app-v2', enabled: false });

		const [got] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator(SEED.iosSource),
			}),
		);
		expect(got).toMatchObject({
			name: 'iOS App v3',
			slug: 'ios-app-v2',
			enabled: false,
			settings: { trackScreens: true },
		});
	});

	test('Delete deletes: the output says so, Get then answers not found and Get Many no longer lists it', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'delete',
				source: locator(SEED.stagingSource),
			}),
		);
		expect(output).toEqual([{ sourceId: SEED.stagingSource, deleted: true, status: 'SUCCESS' }]);
		expect(lastRequest()).toMatchObject({
			method: 'DELETE',
			path: `/sources/${SEED.stagingSource}`,
		});

		const again = await runAdmin(collector(), {
			resource: 'source',
			operation: 'get',
			source: locator(SEED.stagingSource),
		});
		expect(again.error?.message).toBe(
			`Source "${SEED.stagingSource}" was not found (404): check the ID, and that the token and Region belong to the workspace that has it`,
		);
		const all = outputJson(
			await runAdmin(collector(), { resource: 'source', operation: 'getMany', returnAll: true }),
		);
		expect(all.map(({ id }) => id)).not.toContain(SEED.stagingSource);
		expect(all).toHaveLength(7);
	});

	test('Add Labels adds workspace labels, and Get then lists them', async () => {
		const [output] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'addLabels',
				source: locator(SEED.iosSource),
				labels: ['team:growth', 'environment:prod'],
			}),
		);
		expect(JSON.parse(lastRequest().body)).toEqual({
			labels: [
				{ key: 'team', value: 'growth' },
				{ key: 'environment', value: 'prod' },
			],
		});
		expect(output).toEqual({
			sourceId: SEED.iosSource,
			labels: [
				{ key: 'team', value: 'growth' },
				{ key: 'environment', value: 'prod', description: 'Production data' },
			],
		});
		const [source] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator(SEED.iosSource),
			}),
		);
		expect(source.labels).toEqual(output.labels);
	});

	test('Labels can come from an expression, as key:value text', async () => {
		const result = await runAdmin(
			collector(),
			{
				resource: 'source',
				operation: 'addLabels',
				source: locator(SEED.iosSource),
				labels: '={{ $json.labels }}',
			},
			{ items: [{ labels: 'team:data, environment:dev' }] },
		);
		expect(outputJson(result)[0].labels).toEqual([
			{ key: 'team', value: 'data' },
			{ key: 'environment', value: 'dev' },
		]);
	});

	test('Create Write Key adds a key; Remove Write Key removes it, and Get shows the keys left', async () => {
		const [created] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'createWriteKey',
				source: locator(SEED.websiteSource),
			}),
		);
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: `/sources/${SEED.websiteSource}/writekey`,
		});
		expect(lastRequest().headers.accept).toBe('application/vnd.segment.v1alpha+json');
		const writeKeys = created.writeKeys as string[];
		expect(writeKeys).toHaveLength(2);
		const newKey = writeKeys.find((key) => key !== SEED.websiteKey) as string;

		const [removed] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'removeWriteKey',
				source: locator(SEED.websiteSource),
				writeKey: SEED.websiteKey,
			}),
		);
		expect(removed).toEqual({ sourceId: SEED.websiteSource, removed: true, status: 'SUCCESS' });
		expect(lastRequest()).toMatchObject({
			method: 'DELETE',
			path: `/sources/${SEED.websiteSource}/writekey/${SEED.websiteKey}`,
		});
		expect(lastRequest().headers.accept).toBe('application/vnd.segment.v1alpha+json');

		const [source] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator(SEED.websiteSource),
			}),
		);
		expect(source.writeKeys).toEqual([newKey]);
	});

	test('List Schema Settings returns the source ID and its settings', async () => {
		const [output] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'listSchemaSettings',
				source: locator(SEED.websiteSource),
			}),
		);
		expect(output).toEqual({
			sourceId: SEED.websiteSource,
			settings: expect.objectContaining({
				track: expect.objectContaining({ allowUnplannedEvents: true }),
			}),
		});
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/sources/${SEED.websiteSource}/settings`,
		});
	});

	test('List Connected Warehouses gives one item per warehouse', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'listConnectedWarehouses',
				source: locator(SEED.websiteSource),
				returnAll: true,
			}),
		);
		expect(output.map(({ id }) => id)).toEqual([SEED.snowflake, SEED.bigquery]);
		expect(lastRequest()).toMatchObject({
			path: `/sources/${SEED.websiteSource}/connected-warehouses`,
			query: { 'pagination[count]': '1000' },
		});
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'an empty source (from an expression)',
			parameters: { resource: 'source', operation: 'get', source: locator('={{ $json.missing }}') },
			message: 'Item 0, field "Source" (sourceId): choose a source from the list, or enter its ID',
		},
		{
			name: 'a URL given as an ID (from an expression)',
			parameters: {
				resource: 'source',
				operation: 'get',
				source: locator('={{ "https://app.segment.com/ws/sources/web/overview" }}'),
			},
			message:
				'Item 0, field "Source" (sourceId): expected a source ID (letters and digits, as in Segment\'s settings or its API); got "https://app.segment.com/ws/sources/web/overview"',
		},
		{
			name: 'an Update without fields',
			parameters: {
				resource: 'source',
				operation: 'update',
				source: locator(SEED.iosSource),
				updateFields: {},
			},
			message:
				'Item 0, field "Update Fields" (updateFields): add at least one field to change (Name, Slug, Enabled or Settings)',
		},
		{
			name: 'settings that are not a JSON object',
			parameters: {
				resource: 'source',
				operation: 'update',
				source: locator(SEED.iosSource),
				updateFields: { settings: '[1, 2]' },
			},
			message: 'Item 0, field "Settings (JSON)" (settings): expected a JSON object',
		},
		{
			name: 'a label that is not key:value',
			parameters: {
				resource: 'source',
				operation: 'addLabels',
				source: locator(SEED.iosSource),
				labels: ['prod'],
			},
			message:
				'Item 0, field "Labels" (labels): expected labels as key:value, like environment:prod; got "prod"',
		},
	]);
});
