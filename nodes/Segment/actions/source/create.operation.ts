import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonObjectParameter } from '../../helpers/jsonParameter';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { publicApiRequest } from '../../transport/publicApi';
import { adminOutput, booleanValue, requiredText, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Create',
	description: "Create a source of a kind from Segment's catalog (name it with Update)",
	action: 'Create a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('sourceMetadata', "The kind of source, from Segment's catalog"),
	{
		displayName: 'Slug',
		name: 'slug',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. website-prod',
		description:
			'The short name that identifies the source in Segment app URLs and warehouse schemas. The v1 API takes no name at creation: set one with Source › Update.',
	},
	{
		displayName: 'Enabled',
		name: 'enabled',
		type: 'boolean',
		default: true,
		description: 'Whether the source accepts data from the start',
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
				displayName: 'Settings (JSON)',
				name: 'settings',
				type: 'json',
				default: '{}',
				description:
					"The source's settings as a JSON object, as its catalog entry's options define them (Catalog › Get Source lists them)",
			},
		],
	},
	adminOptions(),
];

/** The CreateSourceV1Input body: slug, enabled, catalog entry and, when given, settings. */
function readCreate(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const metadataId = resourceId.call(this, 'sourceMetadata', itemIndex);
	const slug = requiredText.call(this, itemIndex, { name: 'slug', label: 'Slug' });
	const enabled = booleanValue.call(
		this,
		itemIndex,
		{ label: 'Enabled', path: 'enabled' },
		this.getNodeParameter('enabled', itemIndex, true),
	);
	const input: IDataObject = { slug, enabled, metadataId };
	const { settings } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (settings !== undefined) {
		input.settings = jsonObjectParameter(
			node,
			itemIndex,
			{ label: 'Settings (JSON)', path: 'settings' },
			settings,
		);
	}
	return input;
}

/** SourcesApi.createSource: POST /sources with CreateSourceV1Input (201). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: '/sources',
			version: 'v1',
			body: readCreate.call(this, itemIndex),
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.source);
	});
}
