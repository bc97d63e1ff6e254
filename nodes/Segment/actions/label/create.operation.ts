import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions } from '../common.descriptions';
import { publicApiRequest } from '../../transport/publicApi';
import { adminOutput, requiredText, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Create',
	description: 'Create a workspace label (key:value)',
	action: 'Create a label',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. environment',
		description: 'What the label classifies, like environment or team',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. prod',
		description: 'The label value, like prod or growth',
	},
	adminOptions([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'What the label is for, shown in the Segment app',
		},
	]),
];

/** LabelsApi.createLabel: POST /labels with `{ label: { key, value, description? } }`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const key = requiredText.call(this, itemIndex, { name: 'key', label: 'Key' });
		const value = requiredText.call(this, itemIndex, { name: 'value', label: 'Value' });
		if (key.includes(':')) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Key', path: 'key' },
				'must not contain ":" (labels are written key:value)',
			);
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const label: IDataObject = { key, value };
		const labelDescription =
			typeof options.description === 'string' ? options.description.trim() : '';
		if (labelDescription !== '') label.description = labelDescription;
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: '/labels',
			version: 'v1',
			body: { label },
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.label);
	});
}
