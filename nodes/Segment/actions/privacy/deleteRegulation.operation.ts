import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Delete Regulation',
	description:
		'Cancel a regulation Segment has not started on (status Initialized); once running it cannot be stopped',
	action: 'Delete a regulation',
};

export const properties: INodeProperties[] = [
	resourceLocator('regulation', 'The regulation to cancel; only one still Initialized can be'),
	adminOptions(),
];

/** DeletionAndSuppressionApi.deleteRegulation: DELETE /regulations/{regulateId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const regulateId = resourceId.call(this, 'regulation', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'DELETE',
			path: apiPath('/regulations/{regulateId}', { regulateId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			regulateId,
			deleted: true,
			...data,
		}));
	});
}
