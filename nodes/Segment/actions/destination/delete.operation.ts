import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Delete',
	description: 'Delete a destination permanently (one-way: it cannot be restored)',
	action: 'Delete a destination',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a destination is permanent: Segment cannot restore it, its settings and filters are lost, and it receives no more data',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	resourceLocator('destination', 'The destination to delete, permanently'),
	adminOptions(),
];

/** DestinationsApi.deleteDestination: DELETE /destinations/{destinationId}. One-way. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'DELETE',
			path: apiPath('/destinations/{destinationId}', { destinationId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			destinationId,
			deleted: true,
			...data,
		}));
	});
}
