import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { dailyUsage, dailyUsageProperties } from './dailyUsage';

export const option: OperationModule['option'] = {
	name: 'Get Daily Per-Source API Calls',
	description: "Get each source's API calls, day by day, for a usage month",
	action: 'Get daily API calls per source',
};

export const properties: INodeProperties[] = dailyUsageProperties;

/**
 * APICallsApi.getDailyPerSourceAPICallsUsage: GET /usage/api-calls/sources/daily?period&pagination,
 * one output item per source and day.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await dailyUsage.call(this, itemIndex, {
			path: '/usage/api-calls/sources/daily',
			listKey: 'dailyPerSourceAPICallsUsage',
		});
	});
}
