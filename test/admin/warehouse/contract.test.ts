import { CatalogApi, WarehousesApi } from '@segment/public-api-sdk-typescript';

import { collectorCredentials, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';
import { locator, SEED } from '../helpers';

/**
 * The Warehouse operations and the warehouse list ("From list"): the node sends what Segment's
 * official SDK sends (../contract.ts).
 */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const CASES: ContractCase[] = [
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
		name: 'Warehouse › Connect Source',
		sdkMethod: ['warehousesApi.ts', 'addConnectionFromSourceToWarehouse'],
		node: admin({
			resource: 'warehouse',
			operation: 'connectSource',
			warehouse: locator(SEED.postgres),
			source: locator(SEED.iosSource),
		}),
		sdk: calls(() =>
			sdk(WarehousesApi).addConnectionFromSourceToWarehouse(SEED.postgres, SEED.iosSource),
		),
	},
	{
		name: 'Warehouse › Disconnect Source',
		sdkMethod: ['warehousesApi.ts', 'removeSourceConnectionFromWarehouse'],
		node: admin({
			resource: 'warehouse',
			operation: 'disconnectSource',
			warehouse: locator(SEED.snowflake),
			source: locator(SEED.websiteSource),
		}),
		sdk: calls(() =>
			sdk(WarehousesApi).removeSourceConnectionFromWarehouse(SEED.snowflake, SEED.websiteSource),
		),
	},
	{
		name: 'Warehouse › Get Connected Sources',
		sdkMethod: ['warehousesApi.ts', 'listConnectedSourcesFromWarehouse'],
		node: admin({
			resource: 'warehouse',
			operation: 'getConnectedSources',
			warehouse: locator(SEED.snowflake),
			returnAll: false,
			limit: 20,
		}),
		sdk: calls(() =>
			sdk(WarehousesApi).listConnectedSourcesFromWarehouse(SEED.snowflake, { count: 20 }),
		),
	},
	{
		name: 'Catalog warehouse "From list" (list search)',
		sdkMethod: ['catalogApi.ts', 'getWarehousesCatalog'],
		node: () =>
			runListSearch('searchCatalogWarehouses', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.warehouseMetadata',
			}),
		sdk: calls(() => sdk(CatalogApi).getWarehousesCatalog({ count: 1000 })),
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
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
