import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Disconnect Source',
	description: 'Disconnect a source from a Tracking Plan: its calls are no longer checked',
	action: 'Disconnect a source from a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan to disconnect the source from'),
	resourceLocator('source', 'The source to disconnect'),
	adminOptions(),
];

/** TrackingPlansApi.removeSourceFromTrackingPlan: DELETE /tracking-plans/{trackingPlanId}/sources?sourceId. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'DELETE',
			path: apiPath('/tracking-plans/{trackingPlanId}/sources', { trackingPlanId }),
			version: 'v1',
			qs: { sourceId },
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			trackingPlanId,
			sourceId,
			connected: false,
			...data,
		}));
	});
}
