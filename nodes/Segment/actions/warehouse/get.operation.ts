import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, warehouseLocator } from '../common.descriptions';
import { adminOutput, adminRequest, apiPath, resourceId, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [warehouseLocator('The warehouse to get'), adminOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['warehouse'], operation: ['get'] } },
	properties,
);

/** WarehousesApi.getWarehouse: GET /warehouses/{warehouseId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const warehouseId = resourceId.call(this, 'warehouse', itemIndex);
		const body = await adminRequest.call(this, itemIndex, {
			method: 'GET',
			path: apiPath('/warehouses/{warehouseId}', { warehouseId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.warehouse);
	});
}
