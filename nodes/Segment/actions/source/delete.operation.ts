import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Delete',
	description: 'Delete a source permanently (one-way: it cannot be restored)',
	action: 'Permanently delete a source',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a source is permanent: Segment cannot restore it, its write keys stop working and data sent to them is lost',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	resourceLocator('source', 'The source to delete, permanently'),
	adminOptions(),
];

/** SourcesApi.deleteSource: DELETE /sources/{sourceId}. One-way. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'DELETE',
			path: apiPath('/sources/{sourceId}', { sourceId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			sourceId,
			deleted: true,
			...data,
		}));
	});
}
