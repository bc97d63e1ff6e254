import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, labelsField, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Add Labels',
	description: 'Add workspace labels to a source',
	action: 'Add labels to a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source to label'),
	labelsField,
	adminOptions(),
];

/** Reads `key:value` labels (a list, or one comma-separated text from an expression). */
export function readLabels(
	this: IExecuteFunctions,
	itemIndex: number,
): Array<{ key: string; value: string }> {
	const raw = this.getNodeParameter('labels', itemIndex, []) as unknown;
	const entries = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw])
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '');
	const field = { label: 'Labels', path: 'labels' };
	if (entries.length === 0) {
		throw fieldError(this.getNode(), itemIndex, field, 'choose at least one label');
	}
	return entries.map((entry) => {
		const text = typeof entry === 'string' ? entry : JSON.stringify(entry);
		const separator = text.indexOf(':');
		const key = separator === -1 ? '' : text.slice(0, separator).trim();
		const value = separator === -1 ? '' : text.slice(separator + 1).trim();
		if (key === '' || value === '') {
			throw fieldError(
				this.getNode(),
				itemIndex,
				field,
				`expected labels as key:value, like environment:prod; got "${text}"`,
			);
		}
		return { key, value };
	});
}

/** SourcesApi.addLabelsToSource: POST /sources/{sourceId}/labels with `{ labels: [{ key, value }] }`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const labels = readLabels.call(this, itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'POST',
			path: apiPath('/sources/{sourceId}/labels', { sourceId }),
			version: 'v1',
			body: { labels },
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({ sourceId, ...data }));
	});
}
