import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Many',
	description: 'Get many warehouses of the workspace',
	action: 'Get many warehouses',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** WarehousesApi.listWarehouses: GET /warehouses, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await adminList.call(this, itemIndex, {
			path: '/warehouses',
			listKey: 'warehouses',
			version: 'v1',
		});
	});
}
