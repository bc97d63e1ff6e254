import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'List Schema Settings',
	description: "Get a source's schema (Protocols) settings",
	action: 'List schema settings of a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source whose schema settings to read'),
	adminOptions(),
];

/** SourcesApi.listSchemaSettingsInSource: GET /sources/{sourceId}/settings. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: apiPath('/sources/{sourceId}/settings', { sourceId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data);
	});
}
