import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport/publicApi';
import { adminOptions, resourceLocator, returnAllOrLimit } from '../common.descriptions';
import { adminList, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Sources',
	description: 'Get the sources connected to a Tracking Plan (checked against its rules)',
	action: 'Get the sources of a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan whose sources to get'),
	...returnAllOrLimit,
	adminOptions(),
];

/** TrackingPlansApi.listSourcesFromTrackingPlan: GET /tracking-plans/{trackingPlanId}/sources, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
		return await adminList.call(this, itemIndex, {
			path: apiPath('/tracking-plans/{trackingPlanId}/sources', { trackingPlanId }),
			listKey: 'sources',
			version: 'v1',
		});
	});
}
