import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { callListFields } from './fields';
import { sendCallLists } from './callLists';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Batch',
	description: 'Send a list of calls of any type together, in as few requests as Segment allows',
	action: 'Send a batch of calls',
};

export const properties: INodeProperties[] = callListFields(
	'Each call is checked on its own: an invalid call is reported for its item and the valid ones are still sent (with Continue On Fail)',
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendCallLists.call(this, { requireTimestamp: false });
}
