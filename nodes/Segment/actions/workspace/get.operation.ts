import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions } from '../common.descriptions';
import { adminOutput, adminRequest, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [adminOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['workspace'], operation: ['get'] } },
	properties,
);

/** WorkspacesApi.getWorkspace: GET / (the token's workspace). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const body = await adminRequest.call(this, itemIndex, {
			method: 'GET',
			path: '/',
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.workspace);
	});
}
