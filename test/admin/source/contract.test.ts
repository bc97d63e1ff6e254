import { CatalogApi, SourcesApi } from '@segment/public-api-sdk-typescript';

import { addGeneratedSources } from '../../../collector/publicApi';
import { collectorCredentials, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';
import { locator, SEED } from '../helpers';

/**
 * The Source operations and the source list ("From list"): the node sends what Segment's official
 * SDK sends (../contract.ts).
 */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const generatedSources = () => addGeneratedSources(collector().publicApiState, 1100);

const CASES: ContractCase[] = [
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
		name: 'Source › Create (with settings)',
		sdkMethod: ['sourcesApi.ts', 'createSource'],
		node: admin({
			resource: 'source',
			operation: 'create',
			sourceMetadata: locator(SEED.javascriptKind),
			slug: 'checkout-web',
			enabled: false,
			additionalFields: { settings: '{"website": "https://shop.example.com"}' },
		}),
		sdk: calls(() =>
			sdk(SourcesApi).createSource({
				slug: 'checkout-web',
				enabled: false,
				metadataId: SEED.javascriptKind,
				settings: { website: 'https://shop.example.com' },
			}),
		),
	},
	{
		name: 'Source › Create (no settings)',
		sdkMethod: ['sourcesApi.ts', 'createSource'],
		node: admin({
			resource: 'source',
			operation: 'create',
			sourceMetadata: locator(SEED.javascriptKind),
			slug: 'landing-pages',
		}),
		sdk: calls(() =>
			sdk(SourcesApi).createSource({
				slug: 'landing-pages',
				enabled: true,
				metadataId: SEED.javascriptKind,
			}),
		),
	},
	{
		name: 'Source › Get Connected Destinations',
		sdkMethod: ['sourcesApi.ts', 'listConnectedDestinationsFromSource'],
		node: admin({
			resource: 'source',
			operation: 'getConnectedDestinations',
			source: locator(SEED.websiteSource),
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(SourcesApi).listConnectedDestinationsFromSource(SEED.websiteSource, { count: 1000 }),
		),
	},
	{
		name: 'Source › Replace Labels',
		sdkMethod: ['sourcesApi.ts', 'replaceLabelsInSource'],
		node: admin({
			resource: 'source',
			operation: 'replaceLabels',
			source: locator(SEED.websiteSource),
			labels: ['team:growth', 'pii:restricted'],
		}),
		sdk: calls(() =>
			sdk(SourcesApi).replaceLabelsInSource(SEED.websiteSource, {
				labels: [
					{ key: 'team', value: 'growth' },
					{ key: 'pii', value: 'restricted' },
				],
			}),
		),
	},
	{
		name: 'Source › Replace Labels (Remove All Labels: the empty list)',
		sdkMethod: ['sourcesApi.ts', 'replaceLabelsInSource'],
		node: admin({
			resource: 'source',
			operation: 'replaceLabels',
			source: locator(SEED.websiteSource),
			removeAllLabels: true,
		}),
		sdk: calls(() => sdk(SourcesApi).replaceLabelsInSource(SEED.websiteSource, { labels: [] })),
	},
	{
		name: 'Catalog source "From list" (list search, for Create)',
		sdkMethod: ['catalogApi.ts', 'getSourcesCatalog'],
		node: () =>
			runListSearch('searchCatalogSources', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.sourceMetadata',
			}),
		sdk: calls(() => sdk(CatalogApi).getSourcesCatalog({ count: 1000 })),
	},
	{
		name: 'Source "From list" (list search)',
		sdkMethod: ['sourcesApi.ts', 'listSources'],
		node: () => runListSearch('searchSources', { credentials: collectorCredentials(collector()) }),
		sdk: calls(() => sdk(SourcesApi).listSources({ count: 1000 })),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
