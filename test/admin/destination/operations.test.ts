import { addGeneratedCatalogDestinations } from '../../../collector/publicApi';
import { collectorCredentials, useCollector } from '../../harness/collector';
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
 * The Destination operations through n8n's engine against the collector: what is sent (method,
 * path, version, query, body) and what comes out, that the workspace changes (Create shows on Get,
 * Delete deletes), the catalog picker of Create, the "By URL" mode, and the input they refuse
 * before sending anything.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

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

describe('Destination › Create, Update, Delete', () => {
	test('Create connects a destination of the chosen catalog kind to the source; Get then returns it', async () => {
		const [created] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'create',
				source: locator(SEED.iosSource),
				destinationMetadata: locator(SEED.amplitudeKind),
				settings: '{"apiKey": "amp_dummy_key"}',
				additionalFields: { name: 'Amplitude (iOS, v2)', enabled: true },
			}),
		);
		expect(lastRequest()).toMatchObject({ method: 'POST', path: '/destinations' });
		expect(lastRequest().headers.accept).toBe('application/vnd.segment.v1+json');
		expect(JSON.parse(lastRequest().body)).toEqual({
			sourceId: SEED.iosSource,
			metadataId: SEED.amplitudeKind,
			name: 'Amplitude (iOS, v2)',
			enabled: true,
			settings: { apiKey: 'amp_dummy_key' },
		});
		expect(created).toMatchObject({
			id: expect.any(String),
			name: 'Amplitude (iOS, v2)',
			enabled: true,
			sourceId: SEED.iosSource,
			settings: { apiKey: 'amp_dummy_key' },
			metadata: expect.objectContaining({ id: SEED.amplitudeKind, name: 'Amplitude' }),
		});
		const [got] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'get',
				destination: locator(created.id as string),
			}),
		);
		expect(got).toEqual(created);
	});

	test("Create sends only what was set: without name and enabled, Segment's defaults apply", async () => {
		const [created] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'create',
				source: locator(SEED.nodeSource),
				destinationMetadata: locator(SEED.webhooksKind),
				settings: '{}',
			}),
		);
		expect(JSON.parse(lastRequest().body)).toEqual({
			sourceId: SEED.nodeSource,
			metadataId: SEED.webhooksKind,
			settings: {},
		});
		expect(created).toMatchObject({ name: 'Webhooks (Actions)', enabled: false });
	});

	test("a setting the catalog kind requires, missing: Segment's 422, with its words", async () => {
		const result = await runAdmin(collector(), {
			resource: 'destination',
			operation: 'create',
			source: locator(SEED.iosSource),
			destinationMetadata: locator(SEED.amplitudeKind),
			settings: '{}',
		});
		expect(result.error).toMatchObject({
			message:
				'Segment refused the input (422): settings.apiKey is required by Amplitude (field: settings.apiKey)',
			httpCode: '422',
		});
		expect(publicApiRequests(collector())).toHaveLength(1);
	});

	test.each([
		[' FALSE ', false],
		['true', true],
	])(
		'Update takes Enabled as the text %j an expression or an AI tool gives, as %j',
		async (enabled, sent) => {
			const result = await runAdmin(collector(), {
				resource: 'destination',
				operation: 'update',
				destination: locator(SEED.mixpanelWeb),
				updateFields: { enabled: `={{ ${JSON.stringify(enabled)} }}` },
			});
			expect(result.error).toBeUndefined();
			expect(JSON.parse(lastRequest().body)).toEqual({ enabled: sent });
		},
	);

	test('Update changes only the fields given; Delete deletes, and Get then answers not found', async () => {
		const [updated] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'update',
				destination: locator(SEED.mixpanelWeb),
				updateFields: { enabled: false },
			}),
		);
		expect(lastRequest()).toMatchObject({
			method: 'PATCH',
			path: `/destinations/${SEED.mixpanelWeb}`,
		});
		expect(JSON.parse(lastRequest().body)).toEqual({ enabled: false });
		expect(updated).toMatchObject({ id: SEED.mixpanelWeb, name: 'Mixpanel (web)', enabled: false });

		const deleted = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'delete',
				destination: locator(SEED.mixpanelWeb),
			}),
		);
		expect(deleted).toEqual([
			{ destinationId: SEED.mixpanelWeb, deleted: true, status: 'SUCCESS' },
		]);
		expect(lastRequest()).toMatchObject({
			method: 'DELETE',
			path: `/destinations/${SEED.mixpanelWeb}`,
		});
		const again = await runAdmin(collector(), {
			resource: 'destination',
			operation: 'get',
			destination: locator(SEED.mixpanelWeb),
		});
		expect(again.error?.message).toBe(
			`Destination "${SEED.mixpanelWeb}" was not found (404): check the ID, and that the token and Region belong to the workspace that has it`,
		);
	});

	test('a Delete answered 500 is not repeated: Segment may have deleted it', async () => {
		collector().injectFault({
			api: 'publicApi',
			path: `/destinations/${SEED.mixpanelWeb}`,
			respond: { status: 500, body: { errors: [{ type: 'internal', message: 'boom' }] } },
		});
		const result = await runAdmin(collector(), {
			resource: 'destination',
			operation: 'delete',
			destination: locator(SEED.mixpanelWeb),
			options: { retryDelay: 1 },
		});
		expect(result.error?.httpCode).toBe('500');
		expect(publicApiRequests(collector())).toHaveLength(1);
	});
});

describe('the catalog picker of Create ("From list")', () => {
	test('lists the catalog kinds with their categories, and finds one by name', async () => {
		const { results } = await runListSearch('searchCatalogDestinations', {
			credentials: collectorCredentials(collector()),
			path: 'parameters.destinationMetadata',
		});
		expect(results).toContainEqual({
			name: 'Webhooks (Actions)',
			value: SEED.webhooksKind,
			description: 'Raw Data · actions-webhook',
		});
		const found = await runListSearch('searchCatalogDestinations', {
			credentials: collectorCredentials(collector()),
			path: 'parameters.destinationMetadata',
			filter: 'mixpanel',
		});
		expect(found.results.map(({ name }) => name)).toEqual(['Mixpanel']);
	});

	test("pages through a catalog longer than one page with n8n's pagination token", async () => {
		addGeneratedCatalogDestinations(collector().publicApiState, 1200);
		const credentials = collectorCredentials(collector());
		const first = await runListSearch('searchCatalogDestinations', { credentials });
		expect(first.results).toHaveLength(1000);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await runListSearch('searchCatalogDestinations', {
			credentials,
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toHaveLength(207);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map(({ value }) => value)).size).toBe(
			1207,
		);
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'Create: settings that are not a JSON object',
			parameters: {
				resource: 'destination',
				operation: 'create',
				source: locator(SEED.iosSource),
				destinationMetadata: locator(SEED.amplitudeKind),
				settings: '["apiKey"]',
			},
			message: 'Item 0, field "Settings (JSON)" (settings): expected a JSON object',
		},
		{
			name: 'Create: settings that are not JSON',
			parameters: {
				resource: 'destination',
				operation: 'create',
				source: locator(SEED.iosSource),
				destinationMetadata: locator(SEED.amplitudeKind),
				settings: '{apiKey: 1}',
			},
			message: 'Item 0, field "Settings (JSON)" (settings): is not valid JSON',
		},
		{
			name: 'Create: no catalog kind (an empty expression)',
			parameters: {
				resource: 'destination',
				operation: 'create',
				source: locator(SEED.iosSource),
				destinationMetadata: locator('={{ $json.missing }}', 'list'),
				settings: '{}',
			},
			message:
				'Item 0, field "Catalog Destination" (metadataId): choose a catalog destination from the list, or enter its ID',
		},
		{
			name: 'Create: an empty name',
			parameters: {
				resource: 'destination',
				operation: 'create',
				source: locator(SEED.iosSource),
				destinationMetadata: locator(SEED.webhooksKind),
				settings: '{}',
				additionalFields: { name: '  ' },
			},
			message: 'Item 0, field "Name" (name): must not be empty',
		},
		{
			name: 'Update: Enabled that is neither true nor false',
			parameters: {
				resource: 'destination',
				operation: 'update',
				destination: locator(SEED.mixpanelWeb),
				updateFields: { enabled: '={{ "yes" }}' },
			},
			message: 'Item 0, field "Enabled" (enabled): expected true or false; got "yes"',
		},
		{
			name: 'Update without fields',
			parameters: {
				resource: 'destination',
				operation: 'update',
				destination: locator(SEED.mixpanelWeb),
				updateFields: {},
			},
			message:
				'Item 0, field "Update Fields" (updateFields): add at least one field to change (Name, Enabled or Settings)',
		},
		{
			name: 'Delivery metrics: an end time before the start time',
			parameters: {
				resource: 'destination',
				operation: 'getDeliveryMetricsSummary',
				destination: locator(SEED.amplitudeWeb),
				source: locator(SEED.websiteSource),
				granularity: 'DAY',
				startTime: '2024-05-08T00:00:00Z',
				endTime: '2024-05-01T00:00:00Z',
			},
			message:
				'Item 0, field "End Time" (endTime): must be after Start Time (2024-05-08T00:00:00Z); got "2024-05-01T00:00:00Z"',
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
	]);

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
});
