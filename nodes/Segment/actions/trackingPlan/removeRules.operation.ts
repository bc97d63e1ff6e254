import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { rulesField, writeRules } from './rules';

export const option: OperationModule['option'] = {
	name: 'Remove Rules',
	description: 'Remove rules from a Tracking Plan (one-way: Segment cannot restore them)',
	action: 'Remove rules from a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan to remove the rules from'),
	rulesField(
		'The rules to remove, each by its type, key and version (a JSON Schema given with it is ignored). More than 200 go in several requests, each its own output item.',
	),
	adminOptions(),
];

/** TrackingPlansApi.removeRulesFromTrackingPlan: DELETE /tracking-plans/{trackingPlanId}/rules?rules[…]. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await writeRules.call(this, itemIndex, 'remove');
	});
}
