import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonFields, identityFields, payloadFields } from './fields';
import { readCallFields, readPayload } from './message';
import { sendTrackingCalls } from './send';
import { readParameter } from '../../helpers/parameters';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Screen',
	description: 'Record a mobile app screen view',
	action: 'Record a screen view',
};

export const properties: INodeProperties[] = [
	...identityFields,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Checkout',
		description: 'Name of the app screen',
	},
	...payloadFields(
		'properties',
		'Facts about the screen, like {"variation": "blue signup button"}. Numbers, booleans, lists and nested objects keep their types.',
	),
	...commonFields,
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTrackingCalls.call(this, 'screen', function (itemIndex) {
		const fields = readCallFields.call(this, itemIndex, true);
		fields.name = readParameter.call(this, 'name', itemIndex, '');
		fields.properties = readPayload.call(this, itemIndex, 'properties');
		return fields;
	});
}
