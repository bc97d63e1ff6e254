import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { dailyUsage, dailyUsageProperties } from './dailyUsage';

export const option: OperationModule['option'] = {
	name: 'Get Daily MTU',
	description:
		"Get the workspace's monthly tracked users, day by day (cumulative: anonymous, identified…), for a usage month",
	action: 'Get daily MTU of the workspace',
};

export const properties: INodeProperties[] = dailyUsageProperties;

/**
 * MonthlyTrackedUsersApi.getDailyWorkspaceMTUUsage: GET /usage/mtu/daily?period&pagination, one
 * output item per day.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await dailyUsage.call(this, itemIndex, {
			path: '/usage/mtu/daily',
			listKey: 'dailyWorkspaceMTUUsage',
		});
	});
}
