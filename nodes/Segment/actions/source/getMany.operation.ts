import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['getMany'] } },
	properties,
);

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
