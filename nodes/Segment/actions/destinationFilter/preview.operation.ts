import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonObjectParameter } from '../../helpers/jsonParameter';
import { adminOptions } from '../common.descriptions';
import { publicApiRequest } from '../../transport/publicApi';
import { adminOutput, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { actionsField, ifField, readActions, readIf } from './filter';

export const option: OperationModule['option'] = {
	name: 'Preview',
	description: 'Run a filter over a sample event and see what the destination would receive',
	action: 'Preview a destination filter',
};

export const properties: INodeProperties[] = [
	{ ...ifField, required: true },
	{ ...actionsField, required: true },
	{
		displayName: 'Payload (JSON)',
		name: 'payload',
		type: 'json',
		required: true,
		default: '{ "type": "track", "event": "Order Completed", "properties": { "total": 42 } }',
		description:
			'A sample event as a JSON object; an expression can take it from an earlier node. Nothing is sent to any destination.',
	},
	adminOptions(),
];

/**
 * DestinationFiltersApi.previewDestinationFilter: POST /destination/filters/preview with
 * `{ filter: { if, actions }, payload }`. The output is Segment's `inputPayload` and `result` (null
 * when the filter drops the event), and `dropped` saying which.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const input: IDataObject = {
			filter: {
				if: readIf.call(this, itemIndex, this.getNodeParameter('if', itemIndex, '')),
				actions: readActions.call(this, itemIndex, this.getNodeParameter('actions', itemIndex, '')),
			},
			payload: jsonObjectParameter(
				this.getNode(),
				itemIndex,
				{ label: 'Payload (JSON)', path: 'payload' },
				this.getNodeParameter('payload', itemIndex, ''),
			),
		};
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: '/destination/filters/preview',
			version: 'v1',
			body: input,
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			...data,
			dropped: data.result === null,
		}));
	});
}
