import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, requiredText, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Daily Per-Source API Calls',
	description: "Get each source's API calls, day by day, for a usage month",
	action: 'Get daily API calls per source',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Period',
		name: 'period',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2024-05-01',
		description:
			"The first day of the usage month, in ISO-8601 (e.g. 2024-05-01, or {{ $now.startOf('month').toISODate() }})",
	},
	...returnAllOrLimit,
	adminOptions(),
];

const ISO_DATE =
	/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * APICallsApi.getDailyPerSourceAPICallsUsage: GET /usage/api-calls/sources/daily?period&pagination,
 * one output item per source and day.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const period = requiredText.call(this, itemIndex, { name: 'period', label: 'Period' });
		if (!ISO_DATE.test(period) || Number.isNaN(Date.parse(period))) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Period', path: 'period' },
				`expected the first day of a month in ISO-8601, like 2024-05-01; got "${period}"`,
			);
		}
		return await adminList.call(this, itemIndex, {
			path: '/usage/api-calls/sources/daily',
			listKey: 'dailyPerSourceAPICallsUsage',
			qs: { period },
			version: 'v1',
		});
	});
}
