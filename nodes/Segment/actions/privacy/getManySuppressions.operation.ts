import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Many Suppressions',
	description: 'Get the users whose data the workspace suppresses (does not collect)',
	action: 'Get many suppressions',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** DeletionAndSuppressionApi.listSuppressions: GET /suppressions, paginated; `{ subjectType, subjectIds }` each. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await adminList.call(this, itemIndex, {
			path: '/suppressions',
			listKey: 'suppressed',
			version: 'v1',
		});
	});
}
