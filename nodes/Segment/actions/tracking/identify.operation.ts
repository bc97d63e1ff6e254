import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonFields, identityFields, payloadFields } from './fields';
import { readCallFields, readPayload } from './message';
import { sendTrackingCalls } from './send';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Identify',
	description: 'Record who a user is and their traits (email, name, plan)',
	action: 'Identify a user',
};

export const properties: INodeProperties[] = [
	...identityFields,
	...payloadFields(
		'traits',
		'What you know about the user, like {"email": "ada@example.com", "plan": "pro", "logins": 5}. Numbers, booleans, lists and nested objects keep their types.',
	),
	...commonFields,
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTrackingCalls.call(this, 'identify', function (itemIndex) {
		const fields = readCallFields.call(this, itemIndex, true);
		fields.traits = readPayload.call(this, itemIndex, 'traits');
		return fields;
	});
}
