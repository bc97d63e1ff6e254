import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ACCEPT } from '../actions/admin';
import { segmentApiRequest } from '../transport';

/** The workspace's labels for the Labels multi-select, each as `key:value` (LabelsApi.listLabels). */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await segmentApiRequest.call(this, {
		api: 'publicApi',
		method: 'GET',
		path: '/labels',
		headers: { Accept: ACCEPT.v1 },
	});
	const data = ((body as IDataObject | undefined)?.data ?? {}) as IDataObject;
	const labels = Array.isArray(data.labels) ? (data.labels as IDataObject[]) : [];
	return labels
		.filter((label) => typeof label.key === 'string' && typeof label.value === 'string')
		.map((label) => ({
			name: `${label.key}:${label.value}`,
			value: `${label.key}:${label.value}`,
			...(typeof label.description === 'string' && label.description !== '' ? { description: label.description } : {}),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
