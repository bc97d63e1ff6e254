import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get',
	description: 'Get a destination by ID',
	action: 'Get a destination',
};

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination to get'),
	adminOptions(),
];

/** DestinationsApi.getDestination: GET /destinations/{destinationId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: apiPath('/destinations/{destinationId}', { destinationId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.destination);
	});
}
