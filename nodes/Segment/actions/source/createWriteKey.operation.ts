import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Create Write Key',
	description: 'Create a new write key for a source',
	action: 'Create a write key for a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source to give a new write key'),
	adminOptions(),
];

/** SourcesApi.createWriteKeyForSource: POST /sources/{sourceId}/writekey (alpha). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: apiPath('/sources/{sourceId}/writekey', { sourceId }),
			version: 'alpha',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.source);
	});
}
