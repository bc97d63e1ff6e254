import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get',
	description: 'Get a filter of a destination by ID',
	action: 'Get a destination filter',
};

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination the filter belongs to'),
	resourceLocator('destinationFilter', 'The filter to get'),
	adminOptions(),
];

/** DestinationFiltersApi.getFilterInDestination: GET /destination/{destinationId}/filters/{filterId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const filterId = resourceId.call(this, 'destinationFilter', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: apiPath('/destination/{destinationId}/filters/{filterId}', { destinationId, filterId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.filter);
	});
}
