import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, destinationLocator } from '../common.descriptions';
import { adminOutput, adminRequest, apiPath, resourceId, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [
	destinationLocator('The destination to get'),
	adminOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['destination'], operation: ['get'] } },
	properties,
);

/** DestinationsApi.getDestination: GET /destinations/{destinationId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const body = await adminRequest.call(this, itemIndex, {
			method: 'GET',
			path: apiPath('/destinations/{destinationId}', { destinationId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.destination);
	});
}
