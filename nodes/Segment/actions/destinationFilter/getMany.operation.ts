import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator, returnAllOrLimit } from '../common.descriptions';
import { apiPath } from '../../transport/publicApi';
import { adminList, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Many',
	description: 'Get the filters of a destination',
	action: 'Get many filters of a destination',
};

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination whose filters to get'),
	...returnAllOrLimit,
	adminOptions(),
];

/** DestinationFiltersApi.listFiltersFromDestination: GET /destination/{destinationId}/filters, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		return await adminList.call(this, itemIndex, {
			path: apiPath('/destination/{destinationId}/filters', { destinationId }),
			listKey: 'filters',
			version: 'v1',
		});
	});
}
