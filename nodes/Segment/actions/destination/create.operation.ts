import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { adminOptions, resourceLocator, sortedByDisplayName } from '../common.descriptions';
import { publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { enabledField, nameField, readDestinationFields, settingsField } from './fields';

export const option: OperationModule['option'] = {
	name: 'Create',
	description: "Connect a new destination, of a kind from Segment's catalog, to a source",
	action: 'Create a destination',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source whose events the new destination receives'),
	resourceLocator('destinationMetadata', "The kind of destination, from Segment's catalog"),
	{
		...settingsField,
		required: true,
		description: `${settingsField.description}; {} when it needs none`,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: "Fields left out get Segment's defaults",
		options: sortedByDisplayName([enabledField, nameField]),
	},
	adminOptions(),
];

/** DestinationsApi.createDestination: POST /destinations with CreateDestinationV1Input. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const input: IDataObject = {
			sourceId: resourceId.call(this, 'source', itemIndex),
			metadataId: resourceId.call(this, 'destinationMetadata', itemIndex),
			...readDestinationFields.call(this, itemIndex, {
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
				settings: this.getNodeParameter('settings', itemIndex, '{}'),
			}),
		};
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: '/destinations',
			version: 'v1',
			body: input,
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.destination);
	});
}
