import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit, sourceLocator } from '../common.descriptions';
import { adminList, apiPath, resourceId, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [
	sourceLocator('The source whose connected warehouses to list'),
	...returnAllOrLimit,
	adminOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['listConnectedWarehouses'] } },
	properties,
);

/** SourcesApi.listConnectedWarehousesFromSource: GET /sources/{sourceId}/connected-warehouses, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		return await adminList.call(this, itemIndex, {
			path: apiPath('/sources/{sourceId}/connected-warehouses', { sourceId }),
			listKey: 'warehouses',
			version: 'v1',
		});
	});
}
