import { CatalogApi } from '@segment/public-api-sdk-typescript';

import { addGeneratedCatalogDestinations } from '../../../collector/publicApi';
import { useCollector } from '../../harness/collector';
import { calls, contractHarness, type ContractCase } from '../contract';
import { locator, SEED } from '../helpers';

/** The Catalog operations: the node sends what Segment's official SDK sends (../contract.ts). */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const CASES: ContractCase[] = [
	{
		name: 'Catalog › Get Many Destinations (Limit)',
		sdkMethod: ['catalogApi.ts', 'getDestinationsCatalog'],
		node: admin({
			resource: 'catalog',
			operation: 'getManyDestinations',
			returnAll: false,
			limit: 3,
		}),
		sdk: calls(() => sdk(CatalogApi).getDestinationsCatalog({ count: 3 })),
	},
	{
		name: 'Catalog › Get Many Destinations (Return All, two pages)',
		sdkMethod: ['catalogApi.ts', 'getDestinationsCatalog'],
		setUp: () => addGeneratedCatalogDestinations(collector().publicApiState, 1200),
		node: admin({ resource: 'catalog', operation: 'getManyDestinations', returnAll: true }),
		sdk: async () => {
			const first = await sdk(CatalogApi).getDestinationsCatalog({ count: 1000 });
			const next = first.body.data?.pagination.next ?? undefined;
			await sdk(CatalogApi).getDestinationsCatalog({ count: 1000, cursor: next });
		},
	},
	{
		name: 'Catalog › Get Destination',
		sdkMethod: ['catalogApi.ts', 'getDestinationMetadata'],
		node: admin({
			resource: 'catalog',
			operation: 'getDestination',
			destinationMetadata: locator(SEED.webhooksKind),
		}),
		sdk: calls(() => sdk(CatalogApi).getDestinationMetadata(SEED.webhooksKind)),
	},
	{
		name: 'Catalog › Get Many Sources',
		sdkMethod: ['catalogApi.ts', 'getSourcesCatalog'],
		node: admin({ resource: 'catalog', operation: 'getManySources', returnAll: true }),
		sdk: calls(() => sdk(CatalogApi).getSourcesCatalog({ count: 1000 })),
	},
	{
		name: 'Catalog › Get Source',
		sdkMethod: ['catalogApi.ts', 'getSourceMetadata'],
		node: admin({
			resource: 'catalog',
			operation: 'getSource',
			sourceMetadata: locator(SEED.javascriptKind),
		}),
		sdk: calls(() => sdk(CatalogApi).getSourceMetadata(SEED.javascriptKind)),
	},
	{
		name: 'Catalog › Get Many Warehouses',
		sdkMethod: ['catalogApi.ts', 'getWarehousesCatalog'],
		node: admin({
			resource: 'catalog',
			operation: 'getManyWarehouses',
			returnAll: false,
			limit: 2,
		}),
		sdk: calls(() => sdk(CatalogApi).getWarehousesCatalog({ count: 2 })),
	},
	{
		name: 'Catalog › Get Warehouse',
		sdkMethod: ['catalogApi.ts', 'getWarehouseMetadata'],
		node: admin({
			resource: 'catalog',
			operation: 'getWarehouse',
			warehouseMetadata: locator(SEED.snowflakeKind),
		}),
		sdk: calls(() => sdk(CatalogApi).getWarehouseMetadata(SEED.snowflakeKind)),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
