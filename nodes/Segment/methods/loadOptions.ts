import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchPublicApiList } from '../transport/pagination';
import { publicApiRequest } from '../transport/publicApi';

/** The workspace's labels for the Labels multi-select, each as `key:value` (LabelsApi.listLabels). */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await publicApiRequest.call(this, { method: 'GET', path: '/labels', version: 'v1' });
	const data = (body.data ?? {}) as IDataObject;
	const labels = Array.isArray(data.labels) ? (data.labels as IDataObject[]) : [];
	return labels
		.filter((label) => typeof label.key === 'string' && typeof label.value === 'string')
		.map((label) => ({
			name: `${label.key}:${label.value}`,
			value: `${label.key}:${label.value}`,
			...(typeof label.description === 'string' && label.description !== ''
				? { description: label.description }
				: {}),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The names Segment knows the workspace's destinations by in a call's `integrations` (their catalog
 * names, e.g. "Mixpanel", "Google Analytics 4"), each once, for the tracking calls' destination
 * switches (DestinationsApi.listDestinations, every page).
 */
export async function getDestinationNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { items } = await fetchPublicApiList.call(this, {
		path: '/destinations',
		listKey: 'destinations',
		version: 'v1',
	});
	const names = new Map<string, string[]>();
	for (const destination of items) {
		const name = (destination.metadata as IDataObject | undefined)?.name;
		if (typeof name !== 'string' || name === '') continue;
		const instance = typeof destination.name === 'string' ? destination.name : '';
		names.set(name, [...(names.get(name) ?? []), ...(instance ? [instance] : [])]);
	}
	return [...names.entries()]
		.map(([name, instances]) => ({
			name,
			value: name,
			...(instances.length > 0
				? { description: `In this workspace: ${instances.join(', ')}` }
				: {}),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The workspace's sources for a multi-select of source IDs (event volume's source filter), every
 * page of SourcesApi.listSources, by name.
 */
export async function getSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { items } = await fetchPublicApiList.call(this, {
		path: '/sources',
		listKey: 'sources',
		version: 'v1',
	});
	return items
		.filter((source) => typeof source.id === 'string' && source.id !== '')
		.map((source) => {
			const id = source.id as string;
			const name = typeof source.name === 'string' && source.name !== '' ? source.name : id;
			const slug = typeof source.slug === 'string' ? source.slug : '';
			return { name, value: id, ...(slug ? { description: slug } : {}) };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
