import { WarehousesApi } from '@segment/public-api-sdk-typescript';

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
