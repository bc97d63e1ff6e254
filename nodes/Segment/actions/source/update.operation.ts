import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { isBlank } from '../../helpers/values';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, booleanValue, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Update',
	description: "Update a source's name, slug, enabled state or settings",
	action: 'Update a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field to update',
		default: {},
		description:
			'The fields to change; the others stay as they are. A field left empty (by an expression or an AI tool) changes nothing.',
		options: [
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether the source accepts data. A disabled source drops what is sent to it.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The name shown in the Segment app',
			},
			{
				displayName: 'Settings (JSON)',
				name: 'settings',
				type: 'json',
				default: '{}',
				description:
					"The source's settings as a JSON object, as its catalog entry defines them (Source › Get shows the current ones)",
			},
			{
				displayName: 'Slug',
				name: 'slug',
				type: 'string',
				default: '',
				description:
					'The short name in Segment app URLs and warehouse schemas. Changing it changes where warehouses load its data.',
			},
		],
	},
	adminOptions(),
];

/**
 * The UpdateSourceV1Input body: only the fields the user set. A field left empty changes nothing,
 * so one workflow (or one AI tool) can change any subset of them.
 */
function readUpdate(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	const update: IDataObject = {};
	for (const key of ['name', 'slug'] as const) {
		if (isBlank(fields[key])) continue;
		update[key] = String(fields[key]).trim();
	}
	if (!isBlank(fields.enabled)) {
		update.enabled = booleanValue.call(
			this,
			itemIndex,
			{ label: 'Enabled', path: 'enabled' },
			fields.enabled,
		);
	}
	if (!isBlank(fields.settings)) {
		let settings: unknown = fields.settings;
		if (typeof settings === 'string') {
			try {
				settings = JSON.parse(settings);
			} catch (error) {
				throw fieldError(
					node,
					itemIndex,
					{ label: 'Settings (JSON)', path: 'settings' },
					`expected a JSON object, but the text is not valid JSON (${(error as Error).message})`,
				);
			}
		}
		if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
			throw fieldError(
				node,
				itemIndex,
				{ label: 'Settings (JSON)', path: 'settings' },
				'expected a JSON object',
			);
		}
		update.settings = settings as IDataObject;
	}
	if (Object.keys(update).length === 0) {
		throw fieldError(
			node,
			itemIndex,
			{ label: 'Update Fields', path: 'updateFields' },
			'add at least one field to change (Name, Slug, Enabled or Settings)',
		);
	}
	return update;
}

/** SourcesApi.updateSource: PATCH /sources/{sourceId} with UpdateSourceV1Input (name, enabled, slug, settings). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const update = readUpdate.call(this, itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'PATCH',
			path: apiPath('/sources/{sourceId}', { sourceId }),
			version: 'v1',
			body: update,
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.source);
	});
}
