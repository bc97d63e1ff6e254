import type { IDataObject } from 'n8n-workflow';

import { PUBLIC_API_TOKEN, useCollector } from '../harness/collector';
import { locator, outputJson, publicApiRequests, runAdmin, SEED } from './helpers';

/**
 * Every admin operation through n8n's engine against the collector: what is sent (method, path,
 * version, token) and what comes out (the useful object, or one item per element, paired to its
 * input), and that the workspace really changes (Delete deletes, Update shows on Get, labels
 * added are listed).
 */
const collector = useCollector();

const V1 = 'application/vnd.segment.v1+json';

function lastRequest() {
	const requests = publicApiRequests(collector());
	return requests[requests.length - 1];
}

describe('Workspace', () => {
	test("Get returns the token's workspace, read with the Bearer token and the v1 version", async () => {
		const output = outputJson(
			await runAdmin(collector(), { resource: 'workspace', operation: 'get' }),
		);
		expect(output).toEqual([
			{ id: 'ws_local_collector', name: 'Local Collector', slug: 'local-collector' },
		]);
		expect(lastRequest()).toMatchObject({ method: 'GET', path: '/', status: 200 });
		expect(lastRequest().headers).toMatchObject({
			authorization: `Bearer ${PUBLIC_API_TOKEN}`,
			accept: V1,
		});
	});
});

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

describe('Destination', () => {
	test('Get returns the destination', async () => {
		const [destination] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'get',
				destination: locator(SEED.amplitudeWeb),
			}),
		);
		expect(destination).toMatchObject({
			id: SEED.amplitudeWeb,
			name: 'Amplitude (web)',
			sourceId: SEED.websiteSource,
			enabled: true,
		});
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/destinations/${SEED.amplitudeWeb}`,
		});
	});

	test('"By URL" reads the ID from the Segment app URL of the destination', async () => {
		const url = `https://app.segment.com/local-collector/destinations/amplitude/sources/website-prod/instances/${SEED.amplitudeWeb}/configuration`;
		const [destination] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'get',
				destination: locator(url, 'url'),
			}),
		);
		expect(destination.id).toBe(SEED.amplitudeWeb);
	});

	test('Get Many gives one item per destination', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'getMany',
				returnAll: false,
				limit: 4,
			}),
		);
		expect(output).toHaveLength(4);
		expect(lastRequest().query).toEqual({ 'pagination[count]': '4' });
	});

	test('Get Delivery Metrics Summary sends the source, times and granularity, with the beta version', async () => {
		const [summary] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'getDeliveryMetricsSummary',
				destination: locator(SEED.amplitudeWeb),
				source: locator(SEED.websiteSource),
				granularity: 'HOUR',
				startTime: '2024-05-01T00:00:00Z',
				endTime: '2024-05-02T00:00:00Z',
			}),
		);
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/destinations/${SEED.amplitudeWeb}/delivery-metrics`,
			query: {
				sourceId: SEED.websiteSource,
				granularity: 'HOUR',
				startTime: '2024-05-01T00:00:00Z',
				endTime: '2024-05-02T00:00:00Z',
			},
		});
		expect(lastRequest().headers.accept).toBe('application/vnd.segment.v1beta+json');
		expect(summary).toMatchObject({
			destinationId: SEED.amplitudeWeb,
			sourceId: SEED.websiteSource,
			destinationMetadataId: expect.any(String),
			metrics: expect.arrayContaining([
				expect.objectContaining({ metricName: 'successes', total: expect.any(Number) }),
			]),
		});
	});

	test('without times, Segment picks its defaults: neither is sent', async () => {
		await runAdmin(collector(), {
			resource: 'destination',
			operation: 'getDeliveryMetricsSummary',
			destination: locator(SEED.amplitudeWeb),
			source: locator(SEED.websiteSource),
			granularity: 'MINUTE',
		});
		expect(lastRequest().query).toEqual({ sourceId: SEED.websiteSource, granularity: 'MINUTE' });
	});
});

describe('Usage', () => {
	test('Get Daily Per-Source API Calls gives one item per source and day of the month', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'usage',
				operation: 'getDailyPerSourceApiCalls',
				period: '2024-02-01',
				returnAll: true,
			}),
		);
		expect(output).toHaveLength(8 * 29);
		expect(output[0]).toEqual({
			sourceId: SEED.websiteSource,
			apiCalls: expect.any(String),
			timestamp: '2024-02-01T00:00:00.000Z',
		});
		expect(lastRequest()).toMatchObject({
			path: '/usage/api-calls/sources/daily',
			query: { period: '2024-02-01', 'pagination[count]': '1000' },
		});
	});
});

describe('Label', () => {
	test('Create adds a label, which Get Many then lists', async () => {
		const [label] = outputJson(
			await runAdmin(collector(), {
				resource: 'label',
				operation: 'create',
				key: 'region',
				value: 'emea',
				options: { description: 'EMEA' },
			}),
		);
		expect(label).toEqual({ key: 'region', value: 'emea', description: 'EMEA' });
		expect(lastRequest()).toMatchObject({ method: 'POST', path: '/labels', status: 201 });
		expect(JSON.parse(lastRequest().body)).toEqual({
			label: { key: 'region', value: 'emea', description: 'EMEA' },
		});

		const labels = outputJson(
			await runAdmin(collector(), { resource: 'label', operation: 'getMany', returnAll: true }),
		);
		expect(labels).toHaveLength(7);
		expect(labels).toContainEqual({ key: 'region', value: 'emea', description: 'EMEA' });
	});

	test('Get Many with a Limit returns that many labels', async () => {
		const labels = outputJson(
			await runAdmin(collector(), {
				resource: 'label',
				operation: 'getMany',
				returnAll: false,
				limit: 2,
			}),
		);
		expect(labels).toEqual([
			{ key: 'environment', value: 'prod', description: 'Production data' },
			{ key: 'environment', value: 'staging', description: 'Staging data' },
		]);
	});
});

describe('Warehouse', () => {
	test('Get returns the warehouse; "By URL" reads its ID from its Segment app URL', async () => {
		const byId = outputJson(
			await runAdmin(collector(), {
				resource: 'warehouse',
				operation: 'get',
				warehouse: locator(SEED.bigquery),
			}),
		);
		const url = `https://app.segment.com/local-collector/warehouses/${SEED.bigquery}/overview`;
		const byUrl = outputJson(
			await runAdmin(collector(), {
				resource: 'warehouse',
				operation: 'get',
				warehouse: locator(url, 'url'),
			}),
		);
		expect(byId).toEqual(byUrl);
		expect(byId[0]).toMatchObject({
			id: SEED.bigquery,
			enabled: true,
			settings: { name: 'BigQuery (marketing)' },
		});
		expect(lastRequest()).toMatchObject({ method: 'GET', path: `/warehouses/${SEED.bigquery}` });
	});

	test('Get Many gives one item per warehouse', async () => {
		const output = outputJson(
			await runAdmin(collector(), { resource: 'warehouse', operation: 'getMany', returnAll: true }),
		);
		expect(output.map(({ id, settings }) => [id, (settings as IDataObject).name])).toEqual([
			[SEED.snowflake, 'Snowflake (analytics)'],
			['7HgT2kLp9QwZx4VbN1cMsR', 'BigQuery (marketing)'],
			['9JkL3mNp5QrSt7VwX1yZaB', 'Postgres (ops)'],
		]);
	});
});

describe('input the node refuses before sending anything', () => {
	const CASES: Array<{ name: string; parameters: Record<string, unknown>; message: string }> = [
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
		{
			name: 'a start time without a timezone',
			parameters: {
				resource: 'destination',
				operation: 'getDeliveryMetricsSummary',
				destination: locator(SEED.amplitudeWeb),
				source: locator(SEED.websiteSource),
				granularity: 'DAY',
				startTime: '2024-05-01 10:00',
			},
			message:
				'Item 0, field "Start Time" (startTime): expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "2024-05-01 10:00"',
		},
		{
			name: 'a period that is not a date',
			parameters: {
				resource: 'usage',
				operation: 'getDailyPerSourceApiCalls',
				period: 'May',
				returnAll: true,
			},
			message:
				'Item 0, field "Period" (period): expected the first day of a month in ISO-8601, like 2024-05-01; got "May"',
		},
		{
			name: 'a limit of 0',
			parameters: { resource: 'warehouse', operation: 'getMany', returnAll: false, limit: 0 },
			message: 'Item 0, field "Limit" (limit): expected a whole number of 1 or more; got 0',
		},
	];

	test.each(CASES)('$name', async ({ parameters, message }) => {
		const result = await runAdmin(collector(), parameters as never);
		expect(result.error?.message).toBe(message);
		expect(publicApiRequests(collector())).toHaveLength(0);
	});

	test('"By URL" extracts the warehouse ID from its app URL, and nothing from a source\'s URL', async () => {
		const { WORKSPACE_OBJECTS } = await import('../../nodes/Segment/workspaceObjects');
		const warehouse = new RegExp(WORKSPACE_OBJECTS.warehouse.locator.appUrl.pattern);
		expect(
			warehouse.exec(`https://app.segment.com/ws/warehouses/${SEED.snowflake}/overview`)?.[1],
		).toBe(SEED.snowflake);
		expect(warehouse.exec(`https://app.eu1.segment.com/ws/warehouses/${SEED.snowflake}`)?.[1]).toBe(
			SEED.snowflake,
		);
		expect(warehouse.exec('https://app.segment.com/ws/sources/website/overview')).toBeNull();
	});

	test('a destination URL without the instance ID (from an expression)', async () => {
		const result = await runAdmin(
			collector(),
			{
				resource: 'destination',
				operation: 'get',
				destination: locator('={{ $json.url }}', 'url'),
			},
			{ items: [{ url: 'https://app.segment.com/ws/destinations/amplitude/overview' }] },
		);
		expect(result.error?.message).toBe(
			'Item 0, field "Destination" (destinationId): expected the URL of a destination page in the Segment app, which carries its ID; got "https://app.segment.com/ws/destinations/amplitude/overview"',
		);
		expect(publicApiRequests(collector())).toHaveLength(0);
	});

	test("n8n itself refuses to run a literal value that fails a mode's validation", async () => {
		await expect(
			runAdmin(collector(), {
				resource: 'destination',
				operation: 'get',
				destination: locator('https://app.segment.com/ws/destinations/amplitude/overview', 'url'),
			}),
		).rejects.toThrow('The workflow has issues');
		await expect(
			runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator('not an id!'),
			}),
		).rejects.toThrow('The workflow has issues');
		expect(publicApiRequests(collector())).toHaveLength(0);
	});

	test('with Continue On Fail, a refused item becomes an error item and the others still run', async () => {
		const result = await runAdmin(
			collector(),
			{ resource: 'source', operation: 'get', source: locator('={{ $json.id }}') },
			{
				items: [{ id: SEED.iosSource }, { id: '' }, { id: SEED.nodeSource }],
				continueOnFail: true,
			},
		);
		expect(
			result.output().map(({ json, pairedItem }) => [json.id ?? json.error, pairedItem]),
		).toEqual([
			[SEED.iosSource, { item: 0 }],
			[
				'Item 1, field "Source" (sourceId): choose a source from the list, or enter its ID',
				{ item: 1 },
			],
			[SEED.nodeSource, { item: 2 }],
		]);
		expect(result.output()[1].json).toMatchObject({ itemIndex: 1, field: 'sourceId' });
	});
});
