import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchPublicApiPage, PUBLIC_API_MAX_PAGE_SIZE } from '../transport/pagination';
import { apiPath } from '../transport/publicApi';
import {
	locatableObjects,
	WORKSPACE_OBJECTS,
	type Locator,
	type WorkspaceObject,
	type WorkspaceObjectName,
} from '../workspaceObjects';

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

/**
 * The list's path: `/<collection>`, or the object's list path with the ID chosen in its parent's
 * locator (a destination's filters need the destination), which must be chosen first.
 */
function listPath(context: ILoadOptionsFunctions, object: WorkspaceObject): string {
	const { list, collection, label } = object;
	if (!list?.parent) return list?.path ?? `/${collection}`;
	const parent = WORKSPACE_OBJECTS[list.parent as WorkspaceObjectName] as WorkspaceObject;
	const idField = parent.locator?.idField ?? `${list.parent}Id`;
	let chosen: unknown;
	try {
		chosen = context.getCurrentNodeParameter(list.parent, { extractValue: true });
	} catch {
		// An expression the editor cannot resolve without input data: nothing chosen to list under.
		chosen = undefined;
	}
	const value =
		typeof chosen === 'object' && chosen !== null
			? (chosen as INodeParameterResourceLocator).value
			: chosen;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!/^[A-Za-z0-9_-]+$/.test(id)) {
		throw new NodeOperationError(
			context.getNode(),
			`Choose the ${parent.label.toLowerCase()} first (from the list or by ID): the ${label.toLowerCase()} list is its own`,
		);
	}
	return apiPath(list.path ?? `/${collection}`, { [idField]: id });
}

function searchFor(object: WorkspaceObject & { locator: Locator }): ListSearchMethod {
	const { collection, locator, list } = object;
	return async function (this: ILoadOptionsFunctions, filter, paginationToken) {
		const wanted = (filter ?? '').trim();
		const path = listPath(this, object);
		const results: INodeListSearchItems[] = [];
		let cursor = paginationToken || undefined;
		const seen = new Set<string>();
		do {
			const page = await fetchPublicApiPage.call(
				this,
				{ path, listKey: list?.key ?? collection, version: 'v1' },
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
