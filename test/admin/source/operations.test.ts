import { useCollector } from '../../harness/collector';
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

describe('Source › Create, Get Connected Destinations, Replace Labels', () => {
	test('Create makes a source of the chosen catalog kind (201); Get Many then lists it', async () => {
		const [created] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'create',
				sourceMetadata: locator(SEED.javascriptKind),
				slug: 'checkout-web',
				enabled: false,
				additionalFields: { settings: '{"website": "https://shop.example.com"}' },
			}),
		);
		expect(lastRequest()).toMatchObject({ method: 'POST', path: '/sources', status: 201 });
		expect(JSON.parse(lastRequest().body)).toEqual({
			slug: 'checkout-web',
			enabled: false,
			metadataId: SEED.javascriptKind,
			settings: { website: 'https://shop.example.com' },
		});
		expect(created).toMatchObject({
			id: expect.any(String),
			slug: 'checkout-web',
			enabled: false,
			metadata: expect.objectContaining({ id: SEED.javascriptKind, name: 'Javascript' }),
			writeKeys: [expect.any(String)],
		});
		const all = outputJson(
			await runAdmin(collector(), { resource: 'source', operation: 'getMany', returnAll: true }),
		);
		expect(all.map(({ id }) => id)).toContain(created.id);
	});

	test("a slug another source has: Segment's 422", async () => {
		const result = await runAdmin(collector(), {
			resource: 'source',
			operation: 'create',
			sourceMetadata: locator(SEED.javascriptKind),
			slug: 'website-prod',
		});
		expect(result.error?.message).toBe(
			'Segment refused the input (422): slug "website-prod" is already used by another source (field: slug)',
		);
	});

	test('Get Connected Destinations gives one item per destination of the source', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'getConnectedDestinations',
				source: locator(SEED.websiteSource),
				returnAll: true,
			}),
		);
		expect(output.map(({ id }) => id)).toEqual([SEED.amplitudeWeb, SEED.mixpanelWeb]);
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/sources/${SEED.websiteSource}/connected-destinations`,
			query: { 'pagination[count]': '1000' },
		});
	});

	test('Replace Labels leaves the source with exactly the labels given (PUT)', async () => {
		const [output] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'replaceLabels',
				source: locator(SEED.websiteSource),
				labels: ['team:growth', 'pii:restricted'],
			}),
		);
		expect(lastRequest()).toMatchObject({
			method: 'PUT',
			path: `/sources/${SEED.websiteSource}/labels`,
		});
		expect(output).toEqual({
			sourceId: SEED.websiteSource,
			labels: [
				{ key: 'team', value: 'growth' },
				{ key: 'pii', value: 'restricted', description: 'Carries personal data' },
			],
		});
		const [source] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator(SEED.websiteSource),
			}),
		);
		// environment:prod, which the source had, is gone.
		expect(source.labels).toEqual(output.labels);
	});

	test('Remove All Labels sends the empty list, which takes every label off', async () => {
		const [output] = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'replaceLabels',
				source: locator(SEED.websiteSource),
				removeAllLabels: true,
				labels: ['team:growth'],
			}),
		);
		expect(JSON.parse(lastRequest().body)).toEqual({ labels: [] });
		expect(output).toEqual({ sourceId: SEED.websiteSource, labels: [] });
	});

	test('labels that come out empty from an expression are refused, for that item only', async () => {
		const result = await runAdmin(
			collector(),
			{
				resource: 'source',
				operation: 'replaceLabels',
				source: locator(SEED.websiteSource),
				labels: '={{ $json.labels }}',
			},
			{ items: [{ labels: 'team:data' }, { labels: '' }], continueOnFail: true },
		);
		const [first, second] = result.output();
		expect(first.json).toEqual({
			sourceId: SEED.websiteSource,
			labels: [{ key: 'team', value: 'data' }],
		});
		expect(second.json.error).toBe(
			'Item 1, field "Labels" (labels): choose at least one label to keep; to take every label off the source, turn on Remove All Labels',
		);
		expect(publicApiRequests(collector())).toHaveLength(1);
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'Replace Labels with no labels and Remove All Labels off',
			parameters: {
				resource: 'source',
				operation: 'replaceLabels',
				source: locator(SEED.websiteSource),
				labels: '={{ [] }}',
			},
			message:
				'Item 0, field "Labels" (labels): choose at least one label to keep; to take every label off the source, turn on Remove All Labels',
		},
		{
			name: 'Create without a slug (from an expression)',
			parameters: {
				resource: 'source',
				operation: 'create',
				sourceMetadata: locator(SEED.javascriptKind),
				slug: '={{ "  " }}',
			},
			message: 'Item 0, field "Slug" (slug): must not be empty',
		},
		{
			name: 'Create with settings that are not a JSON object',
			parameters: {
				resource: 'source',
				operation: 'create',
				sourceMetadata: locator(SEED.javascriptKind),
				slug: 'new-source',
				additionalFields: { settings: '"text"' },
			},
			message: 'Item 0, field "Settings (JSON)" (settings): expected a JSON object',
		},
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
