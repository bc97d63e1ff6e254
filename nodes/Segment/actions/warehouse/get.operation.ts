import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get',
	description: 'Get a warehouse by ID',
	action: 'Get a warehouse',
};

export const properties: INodeProperties[] = [
	resourceLocator('warehouse', 'The warehouse to get'),
	adminOptions(),
];

/** WarehousesApi.getWarehouse: GET /warehouses/{warehouseId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const warehouseId = resourceId.call(this, 'warehouse', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: apiPath('/warehouses/{warehouseId}', { warehouseId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.warehouse);
	});
}
