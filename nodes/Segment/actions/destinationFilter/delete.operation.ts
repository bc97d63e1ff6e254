import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Delete',
	description:
		'Delete a filter from a destination permanently (one-way: it cannot be restored); the events it held back flow again',
	action: 'Delete a destination filter',
};

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination the filter belongs to'),
	resourceLocator('destinationFilter', 'The filter to delete, permanently'),
	adminOptions(),
];

/** DestinationFiltersApi.removeFilterFromDestination: DELETE /destination/{destinationId}/filters/{filterId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const filterId = resourceId.call(this, 'destinationFilter', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'DELETE',
			path: apiPath('/destination/{destinationId}/filters/{filterId}', { destinationId, filterId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			destinationId,
			filterId,
			deleted: true,
			...data,
		}));
	});
}
