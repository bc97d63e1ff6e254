import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Connect Source',
	description: "Connect a source to a warehouse: the warehouse loads the source's data",
	action: 'Connect a source to a warehouse',
};

export const properties: INodeProperties[] = [
	resourceLocator('warehouse', 'The warehouse to load the source into'),
	resourceLocator('source', 'The source to connect'),
	adminOptions(),
];

/**
 * WarehousesApi.addConnectionFromSourceToWarehouse:
 * POST /warehouses/{warehouseId}/connected-sources/{sourceId} (201, `{ status }`).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const warehouseId = resourceId.call(this, 'warehouse', itemIndex);
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: apiPath('/warehouses/{warehouseId}/connected-sources/{sourceId}', {
				warehouseId,
				sourceId,
			}),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({ warehouseId, sourceId, ...data }));
	});
}
