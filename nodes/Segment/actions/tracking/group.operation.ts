import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonFields, identityFields, payloadFields } from './fields';
import { readCallFields, readPayload } from './message';
import { sendTrackingCalls } from './send';
import { readParameter } from '../../helpers/parameters';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Group',
	description: 'Associate a user with a group (company, account, team) and record its traits',
	action: 'Group a user',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. acme-inc',
		description: 'Your ID for the group: a company, organization, account or team',
	},
	...identityFields,
	...payloadFields(
		'traits',
		'What you know about the group, like {"name": "Acme Inc", "industry": "Technology", "employees": 420}. Numbers, booleans, lists and nested objects keep their types.',
	),
	...commonFields,
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTrackingCalls.call(this, 'group', function (itemIndex) {
		const fields = readCallFields.call(this, itemIndex, true);
		fields.groupId = readParameter.call(this, 'groupId', itemIndex, '');
		fields.traits = readPayload.call(this, itemIndex, 'traits');
		return fields;
	});
}
