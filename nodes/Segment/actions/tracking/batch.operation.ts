import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callListFields } from './fields';
import { sendCallLists } from './callLists';

export const description = updateDisplayOptions(
	{ show: { resource: ['tracking'], operation: ['batch'] } },
	callListFields(
		'Each call is checked on its own: an invalid call is reported for its item and the valid ones are still sent (with Continue On Fail)',
	),
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendCallLists.call(this, { requireTimestamp: false });
}
