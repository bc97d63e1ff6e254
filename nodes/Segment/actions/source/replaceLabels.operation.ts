import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, labelsField, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, booleanValue, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { readLabels } from './addLabels.operation';

export const option: OperationModule['option'] = {
	name: 'Replace Labels',
	description:
		"Set a source's labels to exactly the ones given: the others are removed. Taking every label off needs Remove All Labels turned on.",
	action: 'Replace the labels of a source',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'The source keeps only the labels given here: any label it has that is not in the list is removed from it',
		name: 'replaceLabelsNotice',
		type: 'notice',
		default: '',
	},
	resourceLocator('source', 'The source whose labels to replace'),
	{
		displayName: 'Remove All Labels',
		name: 'removeAllLabels',
		type: 'boolean',
		default: false,
		description:
			'Whether to take every label off the source. Off: the source gets the labels chosen below, and an empty list is refused, so that no run removes them all by accident.',
	},
	{
		...labelsField,
		description:
			'The labels the source keeps, each as key:value (e.g. environment:prod); it loses any other. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { removeAllLabels: [false] } },
	},
	adminOptions(),
];

/**
 * SourcesApi.replaceLabelsInSource: PUT /sources/{sourceId}/labels with `{ labels }`, which replaces
 * them all: an empty list removes every label, so it is sent only with Remove All Labels on.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const removeAll = booleanValue.call(
			this,
			itemIndex,
			{ label: 'Remove All Labels', path: 'removeAllLabels' },
			this.getNodeParameter('removeAllLabels', itemIndex, false),
		);
		const labels = removeAll ? [] : readReplacement.call(this, itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'PUT',
			path: apiPath('/sources/{sourceId}/labels', { sourceId }),
			version: 'v1',
			body: { labels },
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({ sourceId, ...data }));
	});
}

/** The labels to keep: at least one (an empty list would remove them all). */
function readReplacement(
	this: IExecuteFunctions,
	itemIndex: number,
): Array<{ key: string; value: string }> {
	const raw = this.getNodeParameter('labels', itemIndex, []) as unknown;
	const empty =
		raw === undefined ||
		raw === null ||
		(Array.isArray(raw) && raw.every((entry) => String(entry).trim() === '')) ||
		(typeof raw === 'string' && raw.split(',').every((entry) => entry.trim() === ''));
	if (empty) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Labels', path: 'labels' },
			'choose at least one label to keep; to take every label off the source, turn on Remove All Labels',
		);
	}
	return readLabels.call(this, itemIndex);
}
