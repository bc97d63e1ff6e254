import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { dailyUsage, dailyUsageProperties } from './dailyUsage';

export const option: OperationModule['option'] = {
	name: 'Get Daily API Calls',
	description: "Get the workspace's API calls, day by day (cumulative), for a usage month",
	action: 'Get daily API calls of the workspace',
};

export const properties: INodeProperties[] = dailyUsageProperties;

/**
 * APICallsApi.getDailyWorkspaceAPICallsUsage: GET /usage/api-calls/daily?period&pagination, one
 * output item per day.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await dailyUsage.call(this, itemIndex, {
			path: '/usage/api-calls/daily',
			listKey: 'dailyWorkspaceAPICallsUsage',
		});
	});
}
