import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, resourceLocator, sortedByDisplayName } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { enabledField, nameField, readDestinationFields, settingsField } from './fields';

export const option: OperationModule['option'] = {
	name: 'Update',
	description: "Update a destination's name, enabled state or settings",
	action: 'Update a destination',
};

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field to update',
		default: {},
		description: 'The fields to change; the others stay as they are',
		options: sortedByDisplayName([enabledField, nameField, settingsField]),
	},
	adminOptions(),
];

/** DestinationsApi.updateDestination: PATCH /destinations/{destinationId} with UpdateDestinationV1Input. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const update = readDestinationFields.call(
			this,
			itemIndex,
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		);
		if (Object.keys(update).length === 0) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Update Fields', path: 'updateFields' },
				'add at least one field to change (Name, Enabled or Settings)',
			);
		}
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'PATCH',
			path: apiPath('/destinations/{destinationId}', { destinationId }),
			version: 'v1',
			body: update,
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.destination);
	});
}
