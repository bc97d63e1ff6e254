import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions } from '../common.descriptions';
import { publicApiRequest } from '../../transport/publicApi';
import { adminOutput, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get',
	description: "Get the token's workspace (ID, name, slug)",
	action: 'Get the workspace',
};

export const properties: INodeProperties[] = [adminOptions()];

/** WorkspacesApi.getWorkspace: GET / (the token's workspace). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: '/',
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.workspace);
	});
}
