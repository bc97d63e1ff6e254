import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commonFields, identityFields, payloadFields } from './fields';
import { readCallFields, readPayload } from './message';
import { sendTrackingCalls } from './send';
import { readParameter } from '../../helpers/parameters';

const properties: INodeProperties[] = [
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
		'What you know about the group, like {"name": "Acme Inc", "industry": "Technology", "employees": 420}.',
	),
	...commonFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tracking'], operation: ['group'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTrackingCalls.call(this, 'group', function (itemIndex) {
		const fields = readCallFields.call(this, itemIndex, true);
		fields.groupId = readParameter.call(this, 'groupId', itemIndex, '');
		fields.traits = readPayload.call(this, itemIndex, 'traits');
		return fields;
	});
}
