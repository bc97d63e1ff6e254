import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator, returnAllOrLimit } from '../common.descriptions';
import { apiPath } from '../../transport/publicApi';
import { adminList, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'List Connected Warehouses',
	description: 'List the warehouses a source syncs to',
	action: 'List warehouses connected to a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source whose connected warehouses to list'),
	...returnAllOrLimit,
	adminOptions(),
];

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
