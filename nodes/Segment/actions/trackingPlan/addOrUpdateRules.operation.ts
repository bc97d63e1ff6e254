import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { rulesField, writeRules } from './rules';

export const option: OperationModule['option'] = {
	name: 'Add or Update Rules',
	description:
		'Add rules to a Tracking Plan, or update those it has (same type, key and version); its other rules stay',
	action: 'Add or update rules of a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan to add the rules to'),
	rulesField(
		'The rules to add, or to update where the plan has the same type, key and version ("newKey" renames one). More than 200 go in several requests, each its own output item.',
	),
	adminOptions(),
];

/** TrackingPlansApi.updateRulesInTrackingPlan: PATCH /tracking-plans/{trackingPlanId}/rules (upsert). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await writeRules.call(this, itemIndex, 'addOrUpdate');
	});
}
