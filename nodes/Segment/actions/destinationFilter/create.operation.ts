import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, booleanValue, requiredText, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { actionsField, ifField, readActions, readIf } from './filter';

export const option: OperationModule['option'] = {
	name: 'Create',
	description: 'Add a filter to a destination: drop, sample or trim the events that match',
	action: 'Create a destination filter',
};

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination to filter events for'),
	resourceLocator(
		'source',
		"The destination's source, whose events the filter applies to (Destination › Get shows it as sourceId)",
	),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Drop internal traffic',
		description: 'The name of the filter in the Segment app',
	},
	{ ...ifField, required: true },
	{ ...actionsField, required: true },
	{
		displayName: 'Enabled',
		name: 'enabled',
		type: 'boolean',
		default: true,
		description: 'Whether the filter applies from the start',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'Fields left out are not sent',
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the filter is for',
			},
		],
	},
	adminOptions(),
];

/** The CreateFilterForDestinationV1Input body. */
function readCreate(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const input: IDataObject = {
		sourceId: resourceId.call(this, 'source', itemIndex),
		title: requiredText.call(this, itemIndex, { name: 'title', label: 'Title' }),
		if: readIf.call(this, itemIndex, this.getNodeParameter('if', itemIndex, '')),
		actions: readActions.call(this, itemIndex, this.getNodeParameter('actions', itemIndex, '')),
	};
	input.enabled = booleanValue.call(
		this,
		itemIndex,
		{ label: 'Enabled', path: 'enabled' },
		this.getNodeParameter('enabled', itemIndex, true),
	);
	const { description } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (description !== undefined) input.description = String(description);
	return input;
}

/** DestinationFiltersApi.createFilterForDestination: POST /destination/{destinationId}/filters. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: apiPath('/destination/{destinationId}/filters', { destinationId }),
			version: 'v1',
			body: readCreate.call(this, itemIndex),
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.filter);
	});
}
