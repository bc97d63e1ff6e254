import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, sourceLocator } from '../common.descriptions';
import { adminOutput, adminRequest, apiPath, resourceId, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a source is permanent: Segment cannot restore it, its write keys stop working and data sent to them is lost',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	sourceLocator('The source to delete, permanently'),
	adminOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['delete'] } },
	properties,
);

/** SourcesApi.deleteSource: DELETE /sources/{sourceId}. One-way. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await adminRequest.call(this, itemIndex, {
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
