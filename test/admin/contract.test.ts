import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	APICallsApi,
	DestinationsApi,
	LabelsApi,
	SourcesApi,
	WarehousesApi,
	WorkspacesApi,
} from '@segment/public-api-sdk-typescript';
import type { INodeParameters } from 'n8n-workflow';

import { addGeneratedSources } from '../../collector/publicApi';
import type { RecordedRequest } from '../../collector';
import { collectorCredentials, PUBLIC_API_TOKEN, useCollector } from '../harness/collector';
import { runListSearch, runLoadOptions } from '../harness/loadOptions';
import { locator, publicApiRequests, runAdmin, SEED } from './helpers';

/**
 * The contract: for each operation, Segment's official client (@segment/public-api-sdk-typescript,
 * generated from Segment's Public API definition), pointed at the same collector with the same
 * token and inputs, sends the same requests as the node: method, path, query and JSON body. Any
 * difference fails. The `Accept` header is checked apart: the SDK sends `application/json` (it
 * gives that precedence), the node pins the version, which must be one the SDK lists for the
 * operation in its `produces`.
 */
const collector = useCollector();

const SDK_ROOT = dirname(require.resolve('@segment/public-api-sdk-typescript/package.json'));

/** The media types the SDK's generated code lists for one operation (its `produces`). */
function sdkProduces(file: string, method: string): string[] {
	const source = readFileSync(join(SDK_ROOT, 'api', file), 'utf8');
	const start = source.indexOf(`public async ${method}(`);
	if (start === -1) throw new Error(`The SDK has no ${method} in ${file}`);
	const produces = /const produces = \[([^\]]*)\]/.exec(source.slice(start));
	if (!produces) throw new Error(`No produces for ${method}`);
	return [...produces[1].matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

function sdk<T extends { accessToken: string | (() => string) }>(
	Api: new (basePath: string) => T,
): T {
	const api = new Api(collector().publicApiBaseUrl);
	api.accessToken = PUBLIC_API_TOKEN;
	return api;
}

interface ComparableRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	authorization: string | undefined;
	contentType: string | undefined;
}

function comparable(request: RecordedRequest): ComparableRequest {
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		body: request.body === '' ? undefined : JSON.parse(request.body),
		authorization: request.headers.authorization,
		contentType:
			request.body === '' ? undefined : String(request.headers['content-type']).split(';')[0],
	};
}

interface ContractCase {
	name: string;
	/** SDK file and method, for the versions it offers. */
	sdkMethod: [file: string, method: string];
	/** Prepares the collector's workspace (runs before each side). */
	setUp?: () => void;
	/** What the node does. */
	node: () => Promise<unknown>;
	/** What the SDK does with the same inputs. */
	sdk: () => Promise<unknown>;
}

const admin = (parameters: INodeParameters) => async () => {
	const result = await runAdmin(collector(), parameters, { continueOnFail: true });
	return result.output();
};

/** Runs SDK calls one after the other; an error answer (HttpError) still sent its request. */
const calls =
	(...steps: Array<() => Promise<unknown>>) =>
	async () => {
		for (const step of steps) await step().catch(() => undefined);
	};

const generatedSources = () => addGeneratedSources(collector().publicApiState, 1100);

const CASES: ContractCase[] = [
	{
		name: 'Workspace › Get',
		sdkMethod: ['workspacesApi.ts', 'getWorkspace'],
		node: admin({ resource: 'workspace', operation: 'get' }),
		sdk: calls(() => sdk(WorkspacesApi).getWorkspace()),
	},
	{
		name: 'Source › Get',
		sdkMethod: ['sourcesApi.ts', 'getSource'],
		node: admin({ resource: 'source', operation: 'get', source: locator(SEED.websiteSource) }),
		sdk: calls(() => sdk(SourcesApi).getSource(SEED.websiteSource)),
	},
	{
		name: 'Source › Get Many (Limit)',
		sdkMethod: ['sourcesApi.ts', 'listSources'],
		node: admin({ resource: 'source', operation: 'getMany', returnAll: false, limit: 5 }),
		sdk: calls(() => sdk(SourcesApi).listSources({ count: 5 })),
	},
	{
		name: 'Source › Get Many (Return All, two pages)',
		sdkMethod: ['sourcesApi.ts', 'listSources'],
		setUp: generatedSources,
		node: admin({ resource: 'source', operation: 'getMany', returnAll: true }),
		sdk: async () => {
			const first = await sdk(SourcesApi).listSources({ count: 1000 });
			const next = first.body.data?.pagination.next ?? undefined;
			await sdk(SourcesApi).listSources({ count: 1000, cursor: next });
		},
	},
	{
		name: 'Source › Update',
		sdkMethod: ['sourcesApi.ts', 'updateSource'],
		node: admin({
			resource: 'source',
			operation: 'update',
			source: locator(SEED.iosSource),
			updateFields: {
				name: 'iOS App (new)',
				slug: 'ios-app-new',
				enabled: false,
				settings: '{"a": 1, "nested": {"b": [true]}}',
			},
		}),
		sdk: calls(() =>
			sdk(SourcesApi).updateSource(SEED.iosSource, {
				name: 'iOS App (new)',
				slug: 'ios-app-new',
				enabled: false,
				settings: { a: 1, nested: { b: [true] } },
			}),
		),
	},
	{
		name: 'Source › Delete',
		sdkMethod: ['sourcesApi.ts', 'deleteSource'],
		node: admin({ resource: 'source', operation: 'delete', source: locator(SEED.stagingSource) }),
		sdk: calls(() => sdk(SourcesApi).deleteSource(SEED.stagingSource)),
	},
	{
		name: 'Source › Add Labels',
		sdkMethod: ['sourcesApi.ts', 'addLabelsToSource'],
		node: admin({
			resource: 'source',
			operation: 'addLabels',
			source: locator(SEED.iosSource),
			labels: ['environment:staging', 'team:growth'],
		}),
		sdk: calls(() =>
			sdk(SourcesApi).addLabelsToSource(SEED.iosSource, {
				labels: [
					{ key: 'environment', value: 'staging' },
					{ key: 'team', value: 'growth' },
				],
			}),
		),
	},
	{
		name: 'Source › Create Write Key',
		sdkMethod: ['sourcesApi.ts', 'createWriteKeyForSource'],
		node: admin({
			resource: 'source',
			operation: 'createWriteKey',
			source: locator(SEED.nodeSource),
		}),
		sdk: calls(() => sdk(SourcesApi).createWriteKeyForSource(SEED.nodeSource)),
	},
	{
		name: 'Source › Remove Write Key',
		sdkMethod: ['sourcesApi.ts', 'removeWriteKeyFromSource'],
		node: admin({
			resource: 'source',
			operation: 'removeWriteKey',
			source: locator(SEED.websiteSource),
			writeKey: SEED.websiteKey,
		}),
		sdk: calls(() => sdk(SourcesApi).removeWriteKeyFromSource(SEED.websiteSource, SEED.websiteKey)),
	},
	{
		name: 'Source › Remove Write Key (a key that needs encoding in the path)',
		sdkMethod: ['sourcesApi.ts', 'removeWriteKeyFromSource'],
		node: admin({
			resource: 'source',
			operation: 'removeWriteKey',
			source: locator(SEED.websiteSource),
			writeKey: 'key with/slash+plus?&#',
		}),
		sdk: calls(() =>
			sdk(SourcesApi).removeWriteKeyFromSource(SEED.websiteSource, 'key with/slash+plus?&#'),
		),
	},
	{
		name: 'Source › List Schema Settings',
		sdkMethod: ['sourcesApi.ts', 'listSchemaSettingsInSource'],
		node: admin({
			resource: 'source',
			operation: 'listSchemaSettings',
			source: locator(SEED.websiteSource),
		}),
		sdk: calls(() => sdk(SourcesApi).listSchemaSettingsInSource(SEED.websiteSource)),
	},
	{
		name: 'Source › List Connected Warehouses',
		sdkMethod: ['sourcesApi.ts', 'listConnectedWarehousesFromSource'],
		node: admin({
			resource: 'source',
			operation: 'listConnectedWarehouses',
			source: locator(SEED.websiteSource),
			returnAll: false,
			limit: 10,
		}),
		sdk: calls(() =>
			sdk(SourcesApi).listConnectedWarehousesFromSource(SEED.websiteSource, { count: 10 }),
		),
	},
	{
		name: 'Destination › Get',
		sdkMethod: ['destinationsApi.ts', 'getDestination'],
		node: admin({
			resource: 'destination',
			operation: 'get',
			destination: locator(SEED.amplitudeWeb),
		}),
		sdk: calls(() => sdk(DestinationsApi).getDestination(SEED.amplitudeWeb)),
	},
	{
		name: 'Destination › Get Many',
		sdkMethod: ['destinationsApi.ts', 'listDestinations'],
		node: admin({ resource: 'destination', operation: 'getMany', returnAll: false, limit: 3 }),
		sdk: calls(() => sdk(DestinationsApi).listDestinations({ count: 3 })),
	},
	{
		name: 'Destination › Get Delivery Metrics Summary (start, end, granularity)',
		sdkMethod: ['destinationsApi.ts', 'listDeliveryMetricsSummaryFromDestination'],
		node: admin({
			resource: 'destination',
			operation: 'getDeliveryMetricsSummary',
			destination: locator(SEED.amplitudeWeb),
			source: locator(SEED.websiteSource),
			granularity: 'HOUR',
			startTime: '2024-05-01T00:00:00+02:00',
			endTime: '2024-05-03T12:30:00Z',
		}),
		sdk: calls(() =>
			sdk(DestinationsApi).listDeliveryMetricsSummaryFromDestination(
				SEED.amplitudeWeb,
				SEED.websiteSource,
				'2024-05-01T00:00:00+02:00',
				'2024-05-03T12:30:00Z',
				'HOUR',
			),
		),
	},
	{
		name: "Destination › Get Delivery Metrics Summary (Segment's default times)",
		sdkMethod: ['destinationsApi.ts', 'listDeliveryMetricsSummaryFromDestination'],
		node: admin({
			resource: 'destination',
			operation: 'getDeliveryMetricsSummary',
			destination: locator(SEED.amplitudeWeb),
			source: locator(SEED.websiteSource),
			granularity: 'DAY',
		}),
		sdk: calls(() =>
			sdk(DestinationsApi).listDeliveryMetricsSummaryFromDestination(
				SEED.amplitudeWeb,
				SEED.websiteSource,
				undefined,
				undefined,
				'DAY',
			),
		),
	},
	{
		name: 'Usage › Get Daily Per-Source API Calls',
		sdkMethod: ['aPICallsApi.ts', 'getDailyPerSourceAPICallsUsage'],
		node: admin({
			resource: 'usage',
			operation: 'getDailyPerSourceApiCalls',
			period: '2024-05-01',
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(APICallsApi).getDailyPerSourceAPICallsUsage('2024-05-01', { count: 1000 }),
		),
	},
	{
		name: 'Label › Get Many',
		sdkMethod: ['labelsApi.ts', 'listLabels'],
		node: admin({ resource: 'label', operation: 'getMany', returnAll: true }),
		sdk: calls(() => sdk(LabelsApi).listLabels()),
	},
	{
		name: 'Label › Create',
		sdkMethod: ['labelsApi.ts', 'createLabel'],
		node: admin({
			resource: 'label',
			operation: 'create',
			key: 'region',
			value: 'emea',
			options: { description: 'Europe, Middle East and Africa' },
		}),
		sdk: calls(() =>
			sdk(LabelsApi).createLabel({
				label: { key: 'region', value: 'emea', description: 'Europe, Middle East and Africa' },
			}),
		),
	},
	{
		name: 'Warehouse › Get',
		sdkMethod: ['warehousesApi.ts', 'getWarehouse'],
		node: admin({ resource: 'warehouse', operation: 'get', warehouse: locator(SEED.bigquery) }),
		sdk: calls(() => sdk(WarehousesApi).getWarehouse(SEED.bigquery)),
	},
	{
		name: 'Warehouse › Get Many',
		sdkMethod: ['warehousesApi.ts', 'listWarehouses'],
		node: admin({ resource: 'warehouse', operation: 'getMany', returnAll: false, limit: 2 }),
		sdk: calls(() => sdk(WarehousesApi).listWarehouses({ count: 2 })),
	},
	{
		name: 'Source "From list" (list search)',
		sdkMethod: ['sourcesApi.ts', 'listSources'],
		node: () => runListSearch('searchSources', { credentials: collectorCredentials(collector()) }),
		sdk: calls(() => sdk(SourcesApi).listSources({ count: 1000 })),
	},
	{
		name: 'Destination "From list" (list search)',
		sdkMethod: ['destinationsApi.ts', 'listDestinations'],
		node: () =>
			runListSearch('searchDestinations', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.destination',
			}),
		sdk: calls(() => sdk(DestinationsApi).listDestinations({ count: 1000 })),
	},
	{
		name: 'Warehouse "From list" (list search)',
		sdkMethod: ['warehousesApi.ts', 'listWarehouses'],
		node: () =>
			runListSearch('searchWarehouses', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.warehouse',
			}),
		sdk: calls(() => sdk(WarehousesApi).listWarehouses({ count: 1000 })),
	},
	{
		name: 'Labels multi-select (load options)',
		sdkMethod: ['labelsApi.ts', 'listLabels'],
		node: () => runLoadOptions('getLabels', { credentials: collectorCredentials(collector()) }),
		sdk: calls(() => sdk(LabelsApi).listLabels()),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	test.each(CASES)('$name', async ({ setUp, node, sdk: viaSdk, sdkMethod }) => {
		setUp?.();
		await node();
		const fromNode = publicApiRequests(collector());
		collector().reset();

		setUp?.();
		await viaSdk();
		const fromSdk = publicApiRequests(collector());

		expect(fromNode.length).toBeGreaterThan(0);
		expect(fromNode.map(comparable)).toEqual(fromSdk.map(comparable));

		const produces = sdkProduces(...sdkMethod);
		for (const request of fromNode) expect(produces).toContain(request.headers.accept);
	});

	test('every operation of the node has a contract case', () => {
		const covered = new Set(CASES.map(({ sdkMethod }) => sdkMethod[1]));
		expect([...covered].sort()).toEqual(
			[
				'addLabelsToSource',
				'createLabel',
				'createWriteKeyForSource',
				'deleteSource',
				'getDailyPerSourceAPICallsUsage',
				'getDestination',
				'getSource',
				'getWarehouse',
				'getWorkspace',
				'listConnectedWarehousesFromSource',
				'listDeliveryMetricsSummaryFromDestination',
				'listDestinations',
				'listLabels',
				'listSchemaSettingsInSource',
				'listSources',
				'listWarehouses',
				'removeWriteKeyFromSource',
				'updateSource',
			].sort(),
		);
	});

	test("the EU host is the one the SDK's configureEuApis uses", async () => {
		const { configureEuApis, configureApis } = await import('@segment/public-api-sdk-typescript');
		const { SEGMENT_HOSTS } = await import('../../credentials/segmentHosts');
		expect(configureEuApis('t').sources.basePath).toBe(SEGMENT_HOSTS.eu.publicApi);
		expect(configureApis('t').sources.basePath).toBe(SEGMENT_HOSTS.us.publicApi);
	});
});
