import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator, returnAllOrLimit } from '../common.descriptions';
import { apiPath } from '../../transport/publicApi';
import { adminList, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Connected Sources',
	description: 'Get the sources a warehouse loads',
	action: 'Get sources connected to a warehouse',
};

export const properties: INodeProperties[] = [
	resourceLocator('warehouse', 'The warehouse whose connected sources to get'),
	...returnAllOrLimit,
	adminOptions(),
];

/** WarehousesApi.listConnectedSourcesFromWarehouse: GET /warehouses/{warehouseId}/connected-sources, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const warehouseId = resourceId.call(this, 'warehouse', itemIndex);
		return await adminList.call(this, itemIndex, {
			path: apiPath('/warehouses/{warehouseId}/connected-sources', { warehouseId }),
			listKey: 'sources',
			version: 'v1',
		});
	});
}
