import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, sourceLocator } from '../common.descriptions';
import { adminOutput, adminRequest, apiPath, resourceId, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [
	sourceLocator('The source to give a new write key'),
	adminOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['createWriteKey'] } },
	properties,
);

/** SourcesApi.createWriteKeyForSource: POST /sources/{sourceId}/writekey (alpha). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await adminRequest.call(this, itemIndex, {
			method: 'POST',
			path: apiPath('/sources/{sourceId}/writekey', { sourceId }),
			version: 'alpha',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.source);
	});
}
