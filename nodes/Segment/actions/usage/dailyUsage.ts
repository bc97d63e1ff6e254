import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isCalendarDate } from '../../helpers/dateTime';
import { fieldError } from '../../helpers/fieldError';
import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, requiredText, type AdminOutput } from '../admin';

/**
 * The daily usage reports (API calls and MTUs, for the workspace or per source): one usage month
 * (`period`), one output item per day (and source), each count as the big-number string Segment
 * sends (a bigint does not fit a JSON number), kept as it came.
 */

export const dailyUsageProperties: INodeProperties[] = [
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

/** The Period parameter: an ISO-8601 date. */
function readPeriod(this: IExecuteFunctions, itemIndex: number): string {
	const period = requiredText.call(this, itemIndex, { name: 'period', label: 'Period' });
	if (!ISO_DATE.test(period) || !isCalendarDate(period) || Number.isNaN(Date.parse(period))) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Period', path: 'period' },
			`expected the first day of a month in ISO-8601, like 2024-05-01; got "${period}"`,
		);
	}
	return period;
}

/** One item's report: `GET <path>?period&pagination`, the list under `data.<listKey>`. */
export async function dailyUsage(
	this: IExecuteFunctions,
	itemIndex: number,
	{ path, listKey }: { path: string; listKey: string },
): Promise<AdminOutput> {
	const period = readPeriod.call(this, itemIndex);
	return await adminList.call(this, itemIndex, { path, listKey, qs: { period }, version: 'v1' });
}
