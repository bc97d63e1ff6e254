import type { IncomingMessage, ServerResponse } from 'node:http';

import { basicAuthUser, sendJson, sendText } from '../http';
import type { Collection, Profile, ProfileApiState, Space } from './state';

export {
	createProfileApiState,
	LARGE_PROFILE,
	PROFILE_SPACE_ID,
	resetProfileApiState,
	TRICKY_IDENTIFIERS,
	type Profile,
	type ProfileApiState,
} from './state';

/**
 * The collector's Profile API, answered as Segment's Profile API documentation describes it
 * (profiles.segment.com): HTTP Basic with the access token as user name, the five routes under
 * `/v1/spaces/{space}/collections/{users|accounts}/profiles/{type:value}/`, `limit` and `next`
 * in and `cursor` out, errors as `{ "error": { "code", "message" } }`, and 100 requests per
 * second per space, beyond which it answers 429. Where the documentation says nothing, the
 * collector's choice is noted.
 */

type Json = Record<string, unknown>;

/** The most a page may hold, per route ("between 1 and 100"; up to 200 traits; 20 links). */
export const PROFILE_MAX_LIMIT = { traits: 200, external_ids: 100, events: 100, links: 20 };

/** Segment's answer to `limit` when none is given ("By default, the response includes 10 traits"). */
const DEFAULT_LIMIT = 10;

const ROUTE = /^\/v1\/spaces\/([^/]+)\/collections\/([^/]+)\/profiles\/([^/]+)\/([^/]+)$/;

class ProfileApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

const validation = (message: string) => new ProfileApiError(400, 'validation_error', message);

/**
 * A path segment decoded as Segment decodes it: like a form value, so a `+` the client did not
 * encode arrives as a space (Segment's documentation asks for `%2B`), and a `%` not followed by
 * two hex digits is refused.
 */
function decodeSegment(segment: string, name: string): string {
	try {
		return decodeURIComponent(segment.replace(/\+/g, ' '));
	} catch {
		throw validation(`The parameter \`${name}\` is not a valid URL-encoded value`);
	}
}

/** `type:value`: the type up to the first colon, the value after it. */
function parseIdentifier(segment: string): { type: string; value: string } {
	const decoded = decodeSegment(segment, 'id');
	const colon = decoded.indexOf(':');
	if (colon < 1 || colon === decoded.length - 1) {
		throw validation('The parameter `id` must be an external ID as <type>:<value>');
	}
	return { type: decoded.slice(0, colon), value: decoded.slice(colon + 1) };
}

function findProfile(space: Space, collection: Collection, segment: string): Profile {
	const { type, value } = parseIdentifier(segment);
	const profile = space.profiles.find(
		(candidate) =>
			candidate.collection === collection &&
			candidate.externalIds.some((id) => id.type === type && id.id === value),
	);
	if (!profile) throw new ProfileApiError(404, 'not_found', 'Profile was not found.');
	return profile;
}

function readLimit(query: URLSearchParams, max: number): number {
	const text = query.get('limit');
	if (text === null || text === '') return DEFAULT_LIMIT;
	const limit = Number(text);
	// The documentation gives the range; what Segment does outside it is the collector's choice.
	if (!Number.isInteger(limit) || limit < 1 || limit > max) {
		throw validation(`The parameter \`limit\` must be between 1 and ${max}`);
	}
	return limit;
}

function nameList(query: URLSearchParams, name: string): string[] | undefined {
	const text = query.get(name);
	if (text === null || text.trim() === '') return undefined;
	return text
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

function offsetCursor(offset: number): string {
	return Buffer.from(`offset:${offset}`).toString('base64');
}

function readOffset(query: URLSearchParams): number {
	const next = query.get('next');
	if (next === null || next === '') return 0;
	const match = /^offset:(\d+)$/.exec(Buffer.from(next, 'base64').toString('utf8'));
	if (!match || offsetCursor(Number(match[1])) !== next) {
		throw validation('The parameter `next` is not a cursor this API gave');
	}
	return Number(match[1]);
}

/** A page of a list, with Segment's `cursor`. */
function listPage(path: string, query: URLSearchParams, list: Json[], max: number): Json {
	const limit = readLimit(query, max);
	const offset = readOffset(query);
	const hasMore = offset + limit < list.length;
	return {
		data: list.slice(offset, offset + limit),
		cursor: {
			url: path,
			has_more: hasMore,
			next: hasMore ? offsetCursor(offset + limit) : '',
			limit,
		},
	};
}

function traitsPage(path: string, query: URLSearchParams, profile: Profile): Json {
	const limit = readLimit(query, PROFILE_MAX_LIMIT.traits);
	const traitClass = query.get('class');
	if (traitClass !== null && traitClass !== 'audience' && traitClass !== 'computed_trait') {
		throw validation('The parameter `class` must be audience or computed_trait');
	}
	const include = nameList(query, 'include');
	const verbose = query.get('verbose') === 'true';
	const keys = Object.keys(profile.traits).filter(
		(key) =>
			(traitClass === null || profile.traits[key].class === traitClass) &&
			(include === undefined || include.includes(key)),
	);
	// Segment's cursor for traits is the name of the next trait (its example: "next": "browser").
	const next = query.get('next');
	const start = next === null || next === '' ? 0 : keys.indexOf(next);
	if (start === -1) throw validation('The parameter `next` is not a cursor this API gave');
	const page = keys.slice(start, start + limit);
	const following = keys[start + limit];
	return {
		traits: Object.fromEntries(
			page.map((key) => {
				const { value, source_id, updated_at } = profile.traits[key];
				return [key, verbose ? { value, source_id, updated_at } : value];
			}),
		),
		cursor: { url: path, has_more: following !== undefined, next: following ?? '', limit },
	};
}

function timeParam(query: URLSearchParams, name: 'start' | 'end'): number | undefined {
	const text = query.get(name);
	if (text === null || text === '') return undefined;
	const time = Date.parse(text);
	if (Number.isNaN(time)) throw validation(`The parameter \`${name}\` must be an ISO 8601 time`);
	return time;
}

function eventsPage(path: string, query: URLSearchParams, profile: Profile): Json {
	const start = timeParam(query, 'start');
	const end = timeParam(query, 'end');
	const include = nameList(query, 'include');
	const exclude = nameList(query, 'exclude');
	const sort = query.get('sort') ?? 'desc';
	if (sort !== 'asc' && sort !== 'desc')
		throw validation('The parameter `sort` must be asc or desc');
	const events = profile.events
		.filter((event) => {
			const time = Date.parse(String(event.timestamp));
			const name = String(event.event);
			return (
				(start === undefined || time > start) &&
				(end === undefined || time < end) &&
				(include === undefined || include.includes(name)) &&
				(exclude === undefined || !exclude.includes(name))
			);
		})
		.sort((a, b) => {
			const order = Date.parse(String(a.timestamp)) - Date.parse(String(b.timestamp));
			return sort === 'asc' ? order : -order;
		});
	return listPage(path, query, events, PROFILE_MAX_LIMIT.events);
}

function route(
	space: Space,
	profile: Profile,
	name: string,
	path: string,
	query: URLSearchParams,
): Json | undefined {
	switch (name) {
		case 'traits':
			return traitsPage(path, query, profile);
		case 'external_ids': {
			const include = nameList(query, 'include');
			const ids = profile.externalIds.filter(
				({ type }) => include === undefined || include.includes(type),
			);
			return listPage(path, query, ids as unknown as Json[], PROFILE_MAX_LIMIT.external_ids);
		}
		case 'events':
			return eventsPage(path, query, profile);
		case 'metadata':
			return { metadata: profile.metadata };
		case 'links': {
			const linked = profile.links
				.map((segmentId) => space.profiles.find((candidate) => candidate.segmentId === segmentId))
				.filter((candidate): candidate is Profile => candidate !== undefined)
				.map((candidate) => ({
					to_collection: candidate.collection,
					external_ids: candidate.externalIds,
				}));
			return listPage(path, query, linked, PROFILE_MAX_LIMIT.links);
		}
		default:
			return undefined;
	}
}

/**
 * Counts the request against the space's limit, or refuses it with 429 and when to come back
 * (the headers are the collector's choice: the documentation names only the status and code).
 */
function admit(state: ProfileApiState, spaceId: string, now = Date.now()): void {
	const recent = (state.recentRequests.get(spaceId) ?? []).filter((time) => time > now - 1000);
	state.recentRequests.set(spaceId, recent);
	if (recent.length >= state.requestsPerSecond) {
		const waitMs = recent[0] + 1000 - now;
		throw new ProfileApiError(
			429,
			'rate_limit_error',
			'Too many requests hit the API too quickly.',
			{
				'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
				'X-RateLimit-Limit': String(state.requestsPerSecond),
				'X-RateLimit-Remaining': '0',
				'X-RateLimit-Reset': String(Math.ceil(waitMs / 1000)),
			},
		);
	}
	recent.push(now);
}

/** Handles one Profile API request the way profiles.segment.com does. */
export function handleProfileApiRequest(
	state: ProfileApiState,
	request: IncomingMessage,
	response: ServerResponse,
	path: string,
	query: URLSearchParams,
): void {
	const match = ROUTE.exec(path);
	if (request.method !== 'GET' || !match) {
		// No route: a Go server's default answer (the collector's choice; Segment's is not documented).
		sendText(response, 404, '404 page not found\n', {
			'Content-Type': 'text/plain; charset=utf-8',
		});
		return;
	}
	try {
		const [, spaceSegment, collection, identifier, routeName] = match;
		const token = basicAuthUser(request);
		const space = state.spaces.get(decodeSegment(spaceSegment, 'space_id'));
		// An access token belongs to one space; for any other space the collector answers as for a
		// wrong token (the documentation does not say).
		if (!token || !space || (space.tokens && !space.tokens.has(token))) {
			throw new ProfileApiError(
				401,
				'authentication_error',
				'Failure to properly authenticate yourself in the request.',
			);
		}
		admit(state, space.id);
		if (collection !== 'users' && collection !== 'accounts') {
			throw validation(`The parameter \`collection\` has invalid value \`${collection}\``);
		}
		const profile = findProfile(space, collection, identifier);
		const body = route(space, profile, routeName, path, query);
		if (body === undefined) {
			sendText(response, 404, '404 page not found\n', {
				'Content-Type': 'text/plain; charset=utf-8',
			});
			return;
		}
		sendJson(response, 200, body, { 'Request-Id': `req-${Date.now()}` });
	} catch (error) {
		if (!(error instanceof ProfileApiError)) throw error;
		sendJson(
			response,
			error.status,
			{ error: { code: error.code, message: error.message } },
			error.headers,
		);
	}
}
