import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { callListFields } from './fields';
import { sendCallLists } from './callLists';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Import Historical Data',
	description: 'Backfill past calls, each with the timestamp of when it happened',
	action: 'Import historical data',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Every call must carry the "timestamp" of when it happened (ISO-8601 with a timezone); calls without one are refused. Some destinations, such as Google Analytics, cannot take historical data and ignore old timestamps.',
		name: 'importNotice',
		type: 'notice',
		default: '',
	},
	...callListFields('Every call needs its own timestamp: the node never stamps the current time'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendCallLists.call(this, { requireTimestamp: true });
}
