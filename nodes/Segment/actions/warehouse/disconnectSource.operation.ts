import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Disconnect Source',
	description:
		"Disconnect a source from a warehouse: the warehouse stops loading the source's data",
	action: 'Disconnect a source from a warehouse',
};

export const properties: INodeProperties[] = [
	resourceLocator('warehouse', 'The warehouse to stop loading the source into'),
	resourceLocator('source', 'The source to disconnect'),
	adminOptions(),
];

/**
 * WarehousesApi.removeSourceConnectionFromWarehouse:
 * DELETE /warehouses/{warehouseId}/connected-sources/{sourceId}.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const warehouseId = resourceId.call(this, 'warehouse', itemIndex);
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'DELETE',
			path: apiPath('/warehouses/{warehouseId}/connected-sources/{sourceId}', {
				warehouseId,
				sourceId,
			}),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			warehouseId,
			sourceId,
			disconnected: true,
			...data,
		}));
	});
}
