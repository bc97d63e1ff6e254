import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { rulesField, writeRules } from './rules';

export const option: OperationModule['option'] = {
	name: 'Replace Rules',
	description: "Replace all of a Tracking Plan's rules with these: the rules not given are removed",
	action: 'Replace the rules of a tracking plan',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'The plan keeps only the rules given here: every other rule of it is removed, and Segment cannot restore them',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
	},
	resourceLocator('trackingPlan', 'The Tracking Plan whose rules to replace'),
	rulesField(
		"The plan's whole new set of rules. More than 200: the first 200 replace the plan's rules and the others are added in further requests, each its own output item.",
	),
	adminOptions(),
];

/**
 * TrackingPlansApi.replaceRulesInTrackingPlan: PUT /tracking-plans/{trackingPlanId}/rules; past 200
 * rules, the rest with updateRulesInTrackingPlan (PATCH), so the plan ends with the whole list.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await writeRules.call(this, itemIndex, 'replace');
	});
}
