import type { EndpointRateLimitName, PublicApiState } from './state';

/** What a route handler gets: the workspace and the parts of the request it may read. */
export interface RouteRequest {
	state: PublicApiState;
	method: string;
	query: URLSearchParams;
	body: Buffer;
	/** The path's captured segments, URL-decoded. */
	params: string[];
}

/** One Public API route: its answer is `{ data: <what the handler returns> }`. */
export interface Route {
	method: string;
	pattern: RegExp;
	/** The success status; 200 unless the definition says otherwise (201 for a created label). */
	status?: number;
	/** The endpoint's own rate limit, when it has one (./rateLimits.ts). */
	rateLimit?: EndpointRateLimitName;
	handler: (request: RouteRequest) => unknown;
}

/** One path segment, captured (an ID, a write key). */
export const SEGMENT = '([^/]+)';

/** A request that breaks a rule: answered with Segment's envelope. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
		readonly field?: string,
	) {
		super(message);
	}
}

export const notFound = (what: string): ApiError =>
	new ApiError(404, 'not-found', `${what} not found`);
// The definition names no status for invalid input; the collector answers 422 with the field.
export const invalid = (message: string, field?: string): ApiError =>
	new ApiError(422, 'validation', message, field);

const NOT_JSON = Symbol('not JSON');

/** The request body as a JSON object, or the 400 Segment answers for anything else. */
export function jsonBody(body: Buffer): Record<string, unknown> {
	if (body.length === 0) throw new ApiError(400, 'bad-request', 'The request body is missing');
	let parsed: unknown = NOT_JSON;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		// Answered below: a catch block here only notes the failure.
	}
	if (parsed === NOT_JSON)
		throw new ApiError(400, 'bad-request', 'The request body is not valid JSON');
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ApiError(400, 'bad-request', 'The request body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}
