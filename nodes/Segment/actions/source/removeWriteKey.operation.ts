import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, requiredText, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Remove Write Key',
	description: 'Remove a write key from a source permanently (one-way: it cannot be restored)',
	action: 'Permanently remove a write key from a source',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Removing a write key is permanent: the key cannot be restored, and anything still sending with it is refused from then on',
		name: 'removeWriteKeyNotice',
		type: 'notice',
		default: '',
	},
	resourceLocator('source', 'The source the write key belongs to'),
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

/** SourcesApi.removeWriteKeyFromSource: DELETE /sources/{sourceId}/writekey/{writeKey} (alpha). One-way. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const writeKey = requiredText.call(this, itemIndex, { name: 'writeKey', label: 'Write Key' });
		const body = await publicApiRequest.call(this, {
			itemIndex,
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
