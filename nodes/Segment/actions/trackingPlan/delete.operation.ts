import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Delete',
	description: 'Delete a Tracking Plan and its rules permanently (one-way: it cannot be restored)',
	action: 'Delete a tracking plan',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a Tracking Plan is permanent: Segment cannot restore it or its rules, and its sources are no longer checked against it',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	resourceLocator('trackingPlan', 'The Tracking Plan to delete, permanently'),
	adminOptions(),
];

/** TrackingPlansApi.deleteTrackingPlan: DELETE /tracking-plans/{trackingPlanId}. One-way. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'DELETE',
			path: apiPath('/tracking-plans/{trackingPlanId}', { trackingPlanId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			trackingPlanId,
			deleted: true,
			...data,
		}));
	});
}
