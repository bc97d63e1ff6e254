import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asRecord } from '../helpers/values';
import { secondsToWait } from './publicApiErrors';

/** A Profile API answer outside 2xx, with every secret already redacted. */
export interface ProfileApiFailure {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** Segment's own words, from its error body. */
	segmentMessage: string;
	cause: JsonObject;
	method: string;
	/** The request path under the Profile API base URL, e.g. `/v1/spaces/…/traits`. */
	path: string;
	/** The full URL, without user info. */
	url: string;
	itemIndex?: number;
	attempts?: number;
	stopReason?: string;
}

/** The error codes Segment's Profile API answers with, in `{ "error": { "code", "message" } }`. */
export type ProfileApiErrorCode =
	| 'authentication_error'
	| 'invalid_request_error'
	| 'not_found'
	| 'rate_limit_error'
	| 'validation_error';

const TOKEN_PAGE = 'Unify › Unify settings › API access';

/** Segment's error code in a Profile API answer, or undefined when the body is not Segment's. */
export function profileApiErrorCode(body: unknown): string | undefined {
	const code = asRecord(asRecord(body)?.error)?.code;
	return typeof code === 'string' && code !== '' ? code : undefined;
}

/** What a Profile API request path was about: the collection, the identifier and the space. */
export function profileRequestSubject(
	path: string,
): { spaceId: string; collection: string; identifier: string } | undefined {
	const match = /^\/v1\/spaces\/([^/]+)\/collections\/([^/]+)\/profiles\/([^/]+)/.exec(
		path.split('?')[0],
	);
	if (!match) return undefined;
	const decode = (text: string) => {
		try {
			return decodeURIComponent(text);
		} catch {
			return text;
		}
	};
	return { spaceId: decode(match[1]), collection: match[2], identifier: decode(match[3]) };
}

function wording(failure: ProfileApiFailure): { message: string; hint: string } {
	const { statusCode: status, segmentMessage, path, headers, body } = failure;
	const code = profileApiErrorCode(body);
	const label = code ? `${status} ${code}` : String(status);
	if (code === undefined && status >= 400 && status < 500) {
		return {
			message: `The Profile API request was answered ${status} by something other than Segment (no Segment error in the answer): check Region, the Profile API Base URL and any proxy between n8n and Segment`,
			hint: '',
		};
	}
	if (code === 'authentication_error' || (code === undefined && status === 401)) {
		const space = profileRequestSubject(path)?.spaceId;
		return {
			message: `Segment rejected the Profile API Access Token${space ? ` for space ${space}` : ''} (${label}): check that it is complete and not revoked, that the Space ID is the space it was generated in, and that Region matches the workspace`,
			hint: `Generate a token in ${TOKEN_PAGE} and copy the space ID shown there.`,
		};
	}
	if (code === 'not_found') {
		const subject = profileRequestSubject(path);
		const what = subject
			? `No ${subject.collection === 'accounts' ? 'account' : 'user'} profile has the identifier ${subject.identifier} in space ${subject.spaceId}`
			: 'Segment found no profile at this address';
		return {
			message: `${what} (${label})`,
			hint: 'Segment matches the identifier type and value exactly. To get an item saying so instead of an error, turn on the option "Output Not Found as Item".',
		};
	}
	if (code === 'validation_error' || code === 'invalid_request_error') {
		return {
			message: `Segment refused the request (${label}): ${segmentMessage}`,
			hint: 'Correct the parameter named in the message and run the node again.',
		};
	}
	if (code === 'rate_limit_error' || status === 429) {
		const wait = secondsToWait(headers, body);
		return {
			message: `Segment's Profile API rate limit of 100 requests per second per space was reached (${label}): ${wait !== undefined ? `wait ${wait} s, then` : 'wait a moment, then'} run the node again`,
			hint: 'Everything that reads this space shares its limit: other workflows or services reading it at the same time count too.',
		};
	}
	if (status >= 500) {
		return {
			message: `Segment's Profile API failed on its side (${label}): try again later`,
			hint: 'If it persists, check https://status.segment.com.',
		};
	}
	return { message: `Segment Profile API answered ${label}: ${segmentMessage}`, hint: '' };
}

/**
 * A Profile API error worded by Segment's error code for the person who has to fix it, with the
 * HTTP status, Segment's own message and the request, and never the token (the caller passes
 * everything already redacted). `context.profileApiCode` keeps Segment's code, so an operation
 * can tell Segment's "no such profile" from any other 404.
 */
export function profileApiError(node: INode, failure: ProfileApiFailure): NodeApiError {
	const { message, hint } = wording(failure);
	const code = profileApiErrorCode(failure.body);
	const said = `${code ? 'Segment' : 'It'} said: "${failure.segmentMessage}".`;
	const request = `${failure.method} ${failure.url}${failure.stopReason ?? ''}`;
	const attempts = (failure.attempts ?? 1) > 1 ? ` (after ${failure.attempts} attempts)` : '';
	const error = new NodeApiError(node, failure.cause, {
		message: `${message}${attempts}`,
		description: [hint, said, request].filter(Boolean).join(' '),
		httpCode: String(failure.statusCode),
		itemIndex: failure.itemIndex,
	});
	if (code) error.context.profileApiCode = code;
	return error;
}

/** Whether an error is Segment's answer that the profile does not exist. */
export function isProfileNotFound(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '404' &&
		error.context.profileApiCode === 'not_found'
	);
}
