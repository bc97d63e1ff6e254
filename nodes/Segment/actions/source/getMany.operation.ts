import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Many',
	description: 'Get many sources of the workspace',
	action: 'Get many sources',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** SourcesApi.listSources: GET /sources, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await adminList.call(this, itemIndex, {
			path: '/sources',
			listKey: 'sources',
			version: 'v1',
		});
	});
}
