import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Connect Source',
	description:
		'Connect a source to a Tracking Plan, so its calls are checked against the rules (a source has one plan at most)',
	action: 'Connect a source to a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan to connect the source to'),
	resourceLocator('source', 'The source to connect; it must not be connected to another plan'),
	adminOptions(),
];

/** TrackingPlansApi.addSourceToTrackingPlan: POST /tracking-plans/{trackingPlanId}/sources with `{ sourceId }`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: apiPath('/tracking-plans/{trackingPlanId}/sources', { trackingPlanId }),
			version: 'v1',
			body: { sourceId },
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			trackingPlanId,
			sourceId,
			connected: true,
			...data,
		}));
	});
}
