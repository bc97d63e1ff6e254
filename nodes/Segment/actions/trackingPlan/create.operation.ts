import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { publicApiRequest } from '../../transport/publicApi';
import { adminOptions } from '../common.descriptions';
import { adminOutput, requiredText, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { TRACKING_PLAN_TYPE_OPTIONS, TRACKING_PLAN_TYPES } from './trackingPlans';

export const option: OperationModule['option'] = {
	name: 'Create',
	description: 'Create a Tracking Plan (add its rules with Add or Update Rules)',
	action: 'Create a tracking plan',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Website',
		description: 'The name shown in the Segment app',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: TRACKING_PLAN_TYPE_OPTIONS,
		default: 'LIVE',
		description: 'What kind of Tracking Plan',
	},
	adminOptions([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'What the Tracking Plan is for, shown in the Segment app',
		},
	]),
];

/** TrackingPlansApi.createTrackingPlan: POST /tracking-plans with `{ name, type, description? }`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const name = requiredText.call(this, itemIndex, { name: 'name', label: 'Name' });
		const type = this.getNodeParameter('type', itemIndex, 'LIVE') as unknown;
		if (!(TRACKING_PLAN_TYPES as readonly unknown[]).includes(type)) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Type', path: 'type' },
				`expected one of ${TRACKING_PLAN_TYPES.join(', ')}; got ${JSON.stringify(type)}`,
			);
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const input: IDataObject = { name, type: type as string };
		const description = typeof options.description === 'string' ? options.description.trim() : '';
		if (description !== '') input.description = description;
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: '/tracking-plans',
			version: 'v1',
			body: input,
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.trackingPlan);
	});
}
