import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport/publicApi';
import { adminOptions, resourceLocator, returnAllOrLimit } from '../common.descriptions';
import { adminList, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Rules',
	description: "Get a Tracking Plan's rules: each event's type, key, version and JSON Schema",
	action: 'Get the rules of a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan whose rules to get'),
	...returnAllOrLimit,
	adminOptions(),
];

/**
 * TrackingPlansApi.listRulesFromTrackingPlan: GET /tracking-plans/{trackingPlanId}/rules,
 * paginated; Segment serves it 200 times a minute, so the pages of a run are paced to that.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
		return await adminList.call(this, itemIndex, {
			path: apiPath('/tracking-plans/{trackingPlanId}/rules', { trackingPlanId }),
			listKey: 'rules',
			version: 'v1',
			rateLimit: 'trackingPlanRulesRead',
		});
	});
}
