import type { IDataObject } from 'n8n-workflow';

import { spaceIdOf } from '../../../credentials/segmentHosts';
import { asRecord } from '../helpers/values';
import { getSegmentCredentials, segmentApiRequest, type SegmentFunctions } from './index';

/** The two kinds of profile: people (`users`) and companies (`accounts`, from Group calls). */
export type ProfileCollection = 'users' | 'accounts';

/** What the Profile API serves about one profile. */
export type ProfileRoute = 'traits' | 'external_ids' | 'events' | 'metadata' | 'links';

/**
 * The most elements one page may hold, per route: "between 1 and 100" for lists, up to 200
 * traits, and at most 20 links (Segment's Profile API documentation).
 */
export const PROFILE_PAGE_SIZE: Record<Exclude<ProfileRoute, 'metadata'>, number> = {
	traits: 200,
	external_ids: 100,
	events: 100,
	links: 20,
};

/** An external ID that names a profile, e.g. `email` and `ada+test@example.com`. */
export interface ProfileIdentifier {
	type: string;
	value: string;
}

/**
 * The identifier as one path segment, `type:value`, each part percent-encoded. Segment decodes
 * the segment like a form value, so a raw `+` would arrive as a space (its documentation's classic
 * failure); `@`, `/`, `%`, spaces and non-ASCII letters are encoded too.
 */
export function encodeIdentifier({ type, value }: ProfileIdentifier): string {
	return `${encodeURIComponent(type)}:${encodeURIComponent(value)}`;
}

/** The identifier as Segment names it, unencoded. */
export function identifierText({ type, value }: ProfileIdentifier): string {
	return `${type}:${value}`;
}

export interface ProfileRequest {
	collection: ProfileCollection;
	identifier: ProfileIdentifier;
	route: ProfileRoute;
	qs?: IDataObject;
	itemIndex?: number;
}

/** GET one route of one profile: `/v1/spaces/{spaceId}/collections/{collection}/profiles/{id}/{route}`. */
export async function profileApiRequest(
	this: SegmentFunctions,
	{ collection, identifier, route, qs, itemIndex }: ProfileRequest,
): Promise<IDataObject> {
	const spaceId = spaceIdOf(await getSegmentCredentials.call(this));
	const response = await segmentApiRequest.call(this, {
		api: 'profileApi',
		method: 'GET',
		path: `/v1/spaces/${encodeURIComponent(spaceId)}/collections/${collection}/profiles/${encodeIdentifier(identifier)}/${route}`,
		qs,
		itemIndex,
	});
	return asRecord(response.body) ?? {};
}

/**
 * Follows the Profile API's cursor (`limit` and `next` in; `cursor.has_more` and `cursor.next`
 * out) from the first page: to the end (`limit` undefined) or until `limit` elements are in,
 * asking each page for no more than is still needed. `count` says how many elements a page
 * added. Stops if the API hands back a cursor it already gave. Returns every page's body.
 */
export async function followProfileCursor(
	this: SegmentFunctions,
	request: ProfileRequest & { route: keyof typeof PROFILE_PAGE_SIZE },
	limit: number | undefined,
	count: (page: IDataObject) => number,
): Promise<IDataObject[]> {
	const pageSize = PROFILE_PAGE_SIZE[request.route];
	const pages: IDataObject[] = [];
	const seen = new Set<string>();
	let taken = 0;
	let next: string | undefined;
	do {
		const wanted = limit === undefined ? pageSize : Math.min(pageSize, limit - taken);
		const page = await profileApiRequest.call(this, {
			...request,
			qs: { ...request.qs, limit: wanted, ...(next !== undefined ? { next } : {}) },
		});
		pages.push(page);
		taken += count(page);
		const cursor = asRecord(page.cursor);
		const more = cursor?.has_more === true && typeof cursor.next === 'string' && cursor.next !== '';
		if (!more || seen.has(cursor.next as string)) break;
		next = cursor.next as string;
		seen.add(next);
	} while (limit === undefined || taken < limit);
	return pages;
}
