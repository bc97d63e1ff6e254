import type { IDataObject } from 'n8n-workflow';

import { asRecord } from '../helpers/values';
import type { SegmentFunctions } from './index';
import { publicApiRequest, type ApiVersion } from './publicApi';
import type { EndpointRateLimit } from './rateLimit';

/**
 * The largest page the Public API serves: the official definition's `PaginationInput.count` is
 * "between 1 and 1000" (`@segment/public-api-sdk-typescript`, model/paginationInput.ts).
 */
export const PUBLIC_API_MAX_PAGE_SIZE = 1000;

/** A list request to the Public API; the pagination query is added per page. */
export interface PublicApiListRequest {
	path: string;
	/** The key under `data` that holds the list, e.g. `sources`. */
	listKey: string;
	version: ApiVersion;
	qs?: IDataObject;
	itemIndex?: number;
	/** The endpoint's own rate limit, which every page counts toward. */
	rateLimit?: EndpointRateLimit;
}

export interface PublicApiPage {
	items: IDataObject[];
	/** The whole response body, as Segment sent it. */
	body: IDataObject;
	/** The cursor of the next page; undefined on the last page. */
	next?: string;
}

/**
 * The pagination query as the official SDK sends it: a `pagination` object, which n8n's request
 * helper (like the SDK's `request` client) serialises as `pagination[count]=…&pagination[cursor]=…`.
 */
export function paginationQuery(count: number, cursor?: string): IDataObject {
	return { pagination: cursor === undefined ? { count } : { cursor, count } };
}

/** Fetches one page of a Public API list. */
export async function fetchPublicApiPage(
	this: SegmentFunctions,
	request: PublicApiListRequest,
	count: number,
	cursor?: string,
): Promise<PublicApiPage> {
	const body = await publicApiRequest.call(this, {
		method: 'GET',
		path: request.path,
		version: request.version,
		qs: { ...request.qs, ...paginationQuery(count, cursor) },
		itemIndex: request.itemIndex,
		rateLimit: request.rateLimit,
	});
	const data = asRecord(body.data) ?? {};
	const list = data[request.listKey];
	const next = asRecord(data.pagination)?.next;
	return {
		items: Array.isArray(list) ? (list as IDataObject[]) : [],
		body,
		next: typeof next === 'string' && next !== '' ? next : undefined,
	};
}

/**
 * Follows the `pagination.next` cursor from the first page: to the end (`limit` undefined) or
 * until `limit` elements are in, asking each page for no more than is still needed, up to the
 * largest page size. Stops if the API hands back a cursor it already gave.
 */
export async function fetchPublicApiList(
	this: SegmentFunctions,
	request: PublicApiListRequest,
	limit?: number,
): Promise<{ items: IDataObject[]; pages: IDataObject[] }> {
	const items: IDataObject[] = [];
	const pages: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	do {
		const wanted = limit === undefined ? PUBLIC_API_MAX_PAGE_SIZE : limit - items.length;
		const count = Math.max(1, Math.min(PUBLIC_API_MAX_PAGE_SIZE, wanted));
		const page = await fetchPublicApiPage.call(this, request, count, cursor);
		pages.push(page.body);
		items.push(...page.items);
		if (page.next === undefined || seen.has(page.next)) break;
		seen.add(page.next);
		cursor = page.next;
	} while (limit === undefined || items.length < limit);
	return { items: limit === undefined ? items : items.slice(0, limit), pages };
}
