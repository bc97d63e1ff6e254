import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonFields, identityFields, payloadFields } from './fields';
import { readCallFields, readPayload } from './message';
import { sendTrackingCalls } from './send';
import { readParameter } from '../../helpers/parameters';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Track',
	description: 'Record an action the user performed, with its properties',
	action: 'Track an event',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Order Completed',
		description:
			'Name of the action the user performed. Segment recommends Object Action names in past tense, like "Order Completed".',
	},
	...identityFields,
	...payloadFields(
		'properties',
		'Facts about the event, like {"revenue": 42.5, "currency": "EUR"}. Numbers, booleans, lists and nested objects keep their types.',
	),
	...commonFields,
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTrackingCalls.call(this, 'track', function (itemIndex) {
		const fields = readCallFields.call(this, itemIndex, true);
		fields.event = readParameter.call(this, 'event', itemIndex, '');
		fields.properties = readPayload.call(this, itemIndex, 'properties');
		return fields;
	});
}
