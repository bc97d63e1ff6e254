import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, sourceLocator } from '../common.descriptions';
import {
	adminOutput,
	adminRequest,
	apiPath,
	requiredText,
	resourceId,
	runAdminOperation,
} from '../admin';

const properties: INodeProperties[] = [
	{
		displayName:
			'Removing a write key is permanent: the key cannot be restored, and anything still sending with it is refused from then on',
		name: 'removeWriteKeyNotice',
		type: 'notice',
		default: '',
	},
	sourceLocator('The source the write key belongs to'),
	{
		displayName: 'Write Key',
		name: 'writeKey',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			"The write key to remove, permanently. Source › Get lists a source's write keys (writeKeys).",
	},
	adminOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['removeWriteKey'] } },
	properties,
);

/** SourcesApi.removeWriteKeyFromSource: DELETE /sources/{sourceId}/writekey/{writeKey} (alpha). One-way. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const writeKey = requiredText.call(this, itemIndex, { name: 'writeKey', label: 'Write Key' });
		const body = await adminRequest.call(this, itemIndex, {
			method: 'DELETE',
			path: apiPath('/sources/{sourceId}/writekey/{writeKey}', { sourceId, writeKey }),
			version: 'alpha',
			secrets: [writeKey],
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			sourceId,
			removed: true,
			...data,
		}));
	});
}
