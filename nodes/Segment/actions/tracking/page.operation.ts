import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonFields, identityFields, payloadFields } from './fields';
import { readCallFields, readPayload } from './message';
import { sendTrackingCalls } from './send';
import { readParameter } from '../../helpers/parameters';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Page',
	description: 'Record a website page view',
	action: 'Record a page view',
};

export const properties: INodeProperties[] = [
	...identityFields,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Pricing',
		description: 'Name of the page',
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'string',
		default: '',
		placeholder: 'e.g. Docs',
		description: 'Category of the page, when pages are grouped',
	},
	...payloadFields(
		'properties',
		'Facts about the page, like {"path": "/pricing", "title": "Pricing"}. Numbers, booleans, lists and nested objects keep their types.',
	),
	...commonFields,
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTrackingCalls.call(this, 'page', function (itemIndex) {
		const category = readParameter.call(this, 'category', itemIndex, '');
		const properties = readPayload.call(this, itemIndex, 'properties') ?? {};
		const fields = readCallFields.call(this, itemIndex, true);
		fields.name = readParameter.call(this, 'name', itemIndex, '');
		fields.category = category;
		// Segment's libraries repeat the category among the properties.
		fields.properties =
			category !== '' && properties.category === undefined
				? { ...properties, category }
				: properties;
		return fields;
	});
}
