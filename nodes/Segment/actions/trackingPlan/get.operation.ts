import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get',
	description: 'Get a Tracking Plan: name, type, description, dates (its rules: Get Rules)',
	action: 'Get a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan to get'),
	adminOptions(),
];

/** TrackingPlansApi.getTrackingPlan: GET /tracking-plans/{trackingPlanId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: apiPath('/tracking-plans/{trackingPlanId}', { trackingPlanId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.trackingPlan);
	});
}
