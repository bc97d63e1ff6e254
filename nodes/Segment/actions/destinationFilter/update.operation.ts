import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, resourceLocator, sortedByDisplayName } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, booleanValue, nonEmptyText, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { actionsField, ifField, readActions, readIf } from './filter';

export const option: OperationModule['option'] = {
	name: 'Update',
	description:
		"Update a destination filter's condition, actions, title, description or enabled state",
	action: 'Update a destination filter',
};

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination the filter belongs to'),
	resourceLocator('destinationFilter', 'The filter to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field to update',
		default: {},
		description: 'The fields to change; the others stay as they are',
		options: sortedByDisplayName([
			actionsField,
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the filter is for; empty removes it',
			},
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether the filter applies',
			},
			ifField,
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'The name of the filter in the Segment app',
			},
		]),
	},
	adminOptions(),
];

/** The UpdateFilterForDestinationV1Input body: only the fields the user set. */
function readUpdate(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const update: IDataObject = {};
	if (fields.if !== undefined) update.if = readIf.call(this, itemIndex, fields.if);
	if (fields.actions !== undefined)
		update.actions = readActions.call(this, itemIndex, fields.actions);
	if (fields.title !== undefined) {
		update.title = nonEmptyText.call(
			this,
			itemIndex,
			{ label: 'Title', path: 'title' },
			fields.title,
		);
	}
	if (fields.description !== undefined) {
		const description = String(fields.description).trim();
		update.description = description === '' ? null : description;
	}
	if (fields.enabled !== undefined) {
		update.enabled = booleanValue.call(
			this,
			itemIndex,
			{ label: 'Enabled', path: 'enabled' },
			fields.enabled,
		);
	}
	if (Object.keys(update).length === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Update Fields', path: 'updateFields' },
			'add at least one field to change (Actions, Description, Enabled, If or Title)',
		);
	}
	return update;
}

/** DestinationFiltersApi.updateFilterForDestination: PATCH /destination/{destinationId}/filters/{filterId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const filterId = resourceId.call(this, 'destinationFilter', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'PATCH',
			path: apiPath('/destination/{destinationId}/filters/{filterId}', { destinationId, filterId }),
			version: 'v1',
			body: readUpdate.call(this, itemIndex),
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.filter);
	});
}
