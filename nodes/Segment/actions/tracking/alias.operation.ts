import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonFields } from './fields';
import { readCallFields } from './message';
import { sendTrackingCalls } from './send';
import { readParameter } from '../../helpers/parameters';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Alias',
	description: 'Merge two user identities: a previous ID into a user ID',
	action: 'Alias a user',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Previous ID',
		name: 'previousId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 507f191e810c19729de860ea',
		description:
			"The user's earlier ID: usually the anonymous ID, or an old user ID being replaced",
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 97980cfea0067',
		description: "The user's new, permanent ID, which the Previous ID is merged into",
	},
	...commonFields,
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTrackingCalls.call(this, 'alias', function (itemIndex) {
		const fields = readCallFields.call(this, itemIndex, false);
		fields.previousId = readParameter.call(this, 'previousId', itemIndex, '');
		fields.userId = readParameter.call(this, 'userId', itemIndex, '');
		return fields;
	});
}
