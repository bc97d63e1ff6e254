import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Many',
	description: 'Get many destinations of the workspace',
	action: 'Get many destinations',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** DestinationsApi.listDestinations: GET /destinations, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await adminList.call(this, itemIndex, {
			path: '/destinations',
			listKey: 'destinations',
			version: 'v1',
		});
	});
}
