import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { ACCEPT } from '../actions/admin';
import { fetchPublicApiPage, PUBLIC_API_MAX_PAGE_SIZE } from '../transport/pagination';

/**
 * "From list" for the source, destination and warehouse resource locators: pages of the Public
 * API's list, with n8n's pagination token carrying the API's cursor. The API has no search, so a
 * filter is matched here (name, slug, ID, type), reading on until a page has matches.
 */
interface ListSpec {
	path: string;
	listKey: string;
	toItem: (entry: IDataObject) => INodeListSearchItems;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function metadataName(entry: IDataObject): string {
	return text((entry.metadata as IDataObject | undefined)?.name);
}

const SOURCES: ListSpec = {
	path: '/sources',
	listKey: 'sources',
	toItem: (source) => ({
		name: text(source.name) || text(source.slug) || text(source.id),
		value: text(source.id),
		description: [metadataName(source), text(source.slug)].filter(Boolean).join(' · '),
	}),
};

const DESTINATIONS: ListSpec = {
	path: '/destinations',
	listKey: 'destinations',
	toItem: (destination) => ({
		name: text(destination.name) || metadataName(destination) || text(destination.id),
		value: text(destination.id),
		description: [
			metadataName(destination),
			text(destination.sourceId) && `source ${text(destination.sourceId)}`,
		]
			.filter(Boolean)
			.join(' · '),
	}),
};

const WAREHOUSES: ListSpec = {
	path: '/warehouses',
	listKey: 'warehouses',
	toItem: (warehouse) => {
		const settingsName = text((warehouse.settings as IDataObject | undefined)?.name);
		return {
			name: settingsName || metadataName(warehouse) || text(warehouse.id),
			value: text(warehouse.id),
			description: metadataName(warehouse),
		};
	},
};

function matches(item: INodeListSearchItems, filter: string): boolean {
	const needle = filter.toLowerCase();
	return [item.name, String(item.value), item.description ?? ''].some((field) =>
		field.toLowerCase().includes(needle),
	);
}

async function search(
	this: ILoadOptionsFunctions,
	spec: ListSpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim();
	const results: INodeListSearchItems[] = [];
	let cursor = paginationToken || undefined;
	const seen = new Set<string>();
	do {
		const page = await fetchPublicApiPage.call(
			this,
			{ path: spec.path, listKey: spec.listKey, headers: { Accept: ACCEPT.v1 } },
			PUBLIC_API_MAX_PAGE_SIZE,
			cursor,
		);
		const items = page.items.map(spec.toItem).filter((item) => item.value !== '');
		results.push(...(wanted === '' ? items : items.filter((item) => matches(item, wanted))));
		cursor = page.next !== undefined && !seen.has(page.next) ? page.next : undefined;
		if (cursor !== undefined) seen.add(cursor);
	} while (cursor !== undefined && wanted !== '' && results.length === 0);
	return { results, paginationToken: cursor };
}

export async function searchSources(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search.call(this, SOURCES, filter, paginationToken);
}

export async function searchDestinations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search.call(this, DESTINATIONS, filter, paginationToken);
}

export async function searchWarehouses(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search.call(this, WAREHOUSES, filter, paginationToken);
}
