import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { fetchPublicApiPage, PUBLIC_API_MAX_PAGE_SIZE } from '../transport/pagination';
import { locatableObjects, type Locator, type WorkspaceObject } from '../workspaceObjects';

/**
 * "From list" of every resource locator (../workspaceObjects.ts): pages of the Public API's
 * list, with n8n's pagination token carrying the API's cursor. The API has no search, so a filter
 * is matched here (name, slug, ID, type), reading on until a page has matches.
 */
type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

function matches(item: INodeListSearchItems, filter: string): boolean {
	const needle = filter.toLowerCase();
	return [item.name, String(item.value), item.description ?? ''].some((field) =>
		field.toLowerCase().includes(needle),
	);
}

function searchFor({
	collection,
	listKey = collection,
	locator,
}: WorkspaceObject & { locator: Locator }): ListSearchMethod {
	return async function (this: ILoadOptionsFunctions, filter, paginationToken) {
		const wanted = (filter ?? '').trim();
		const results: INodeListSearchItems[] = [];
		let cursor = paginationToken || undefined;
		const seen = new Set<string>();
		do {
			const page = await fetchPublicApiPage.call(
				this,
				{ path: `/${collection}`, listKey, version: 'v1' },
				PUBLIC_API_MAX_PAGE_SIZE,
				cursor,
			);
			const items = page.items.map(locator.listItem).filter((item) => item.value !== '');
			results.push(...(wanted === '' ? items : items.filter((item) => matches(item, wanted))));
			cursor = page.next !== undefined && !seen.has(page.next) ? page.next : undefined;
			if (cursor !== undefined) seen.add(cursor);
		} while (cursor !== undefined && wanted !== '' && results.length === 0);
		return { results, paginationToken: cursor };
	};
}

/** One method per locatable kind, named as its locator's `searchListMethod` (e.g. searchSources). */
export const listSearch: Record<string, ListSearchMethod> = Object.fromEntries(
	locatableObjects().map(({ object }) => [object.locator.searchListMethod, searchFor(object)]),
);
