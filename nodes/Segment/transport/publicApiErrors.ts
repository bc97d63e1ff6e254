import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asRecord } from '../helpers/values';
import { objectOfCollection } from '../workspaceObjects';
import { requestedWaitMs } from './retry';

/** A Public API answer outside 2xx, with every secret already redacted. */
export interface PublicApiFailure {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** Segment's own words, from its error envelope. */
	segmentMessage: string;
	cause: JsonObject;
	method: string;
	/** The request path under the Public API base URL, e.g. `/sources/abc`. */
	path: string;
	/** The full URL, without user info. */
	url: string;
	itemIndex?: number;
	/** Attempts made (the request helper retries 429, and 5xx for reads). */
	attempts?: number;
	/** Why the retries stopped early, if they did. */
	stopReason?: string;
}

const TOKEN_PAGE = 'Segment › Settings › Workspace settings › Access Management › Tokens';

/** What a 404 on `path` means, in the user's terms: which resource, with which ID. */
function notFoundSubject(path: string): string {
	const [collection, id, sub] = path.split('?')[0].split('/').filter(Boolean);
	const object = objectOfCollection(collection);
	if (!object || !id) return 'Nothing was found at this address';
	const shown = decodeURIComponent(id);
	return object.notFoundBelow?.(shown, sub) ?? `${object.label} "${shown}" was not found`;
}

/**
 * Seconds to wait before trying again after a 429: what Segment asked for (`msBeforeNext`,
 * `Retry-After` or `X-RateLimit-Reset`), rounded up to a whole second.
 */
export function secondsToWait(
	headers: IDataObject,
	body: unknown,
	now = Date.now(),
): number | undefined {
	const ms = requestedWaitMs(headers, body, now);
	return ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));
}

/** Whether a body is Segment's error envelope `{ errors: [{ type, message }] }`. */
function isSegmentError(body: unknown): boolean {
	const errors = asRecord(body)?.errors;
	return Array.isArray(errors) && errors.some((entry) => typeof asRecord(entry)?.type === 'string');
}

/** The headline and what to do, per status class. */
function wording(failure: PublicApiFailure): { message: string; hint: string } {
	const { statusCode: status, segmentMessage, path, headers, body } = failure;
	if (status >= 400 && status < 429 && !isSegmentError(body)) {
		// Segment answers these with its error envelope: without it, a proxy or another server answered.
		return {
			message: `The Public API request was answered ${status} by something other than Segment (no Segment error in the answer): check Region, the Public API Base URL and any proxy between n8n and Segment`,
			hint: '',
		};
	}
	if (status === 401) {
		return {
			message: `Segment rejected the Public API Token (401): check that it is complete and not revoked, and that Region matches the workspace`,
			hint: `Create or copy a token in ${TOKEN_PAGE}, and pick the Region the workspace lives in.`,
		};
	}
	if (status === 403) {
		const forbidden = objectOfCollection(path.split('?')[0].split('/')[1] ?? '')?.forbidden;
		if (forbidden) return forbidden(segmentMessage);
		return {
			message: `The Public API Token lacks permission for this operation (403): give the token the Workspace Owner role, or a role with access to this resource`,
			hint: `Change the token's role in ${TOKEN_PAGE} (tokens with a read-only role cannot create, update or delete).`,
		};
	}
	if (status === 404) {
		return {
			message: `${notFoundSubject(path)} (404): check the ID, and that the token and Region belong to the workspace that has it`,
			hint: "An EU workspace's resources are not found on the US host, and a deleted resource stays not found.",
		};
	}
	if (status === 400 || status === 422) {
		return {
			message: `Segment refused the input (${status}): ${segmentMessage}`,
			hint: 'Correct the field named in the message and run the node again.',
		};
	}
	if (status === 429) {
		const wait = secondsToWait(headers, body);
		return {
			message: `Segment's Public API rate limit was reached (429): ${wait !== undefined ? `wait ${wait} s, then` : 'wait a moment, then'} run the node again`,
			hint: "Fewer items per run, or a Wait node between runs, keeps the workflow under the workspace's rate limit.",
		};
	}
	if (status >= 500) {
		return {
			message: `Segment's Public API failed on its side (${status}): try again later`,
			hint: 'If it persists, check https://status.segment.com.',
		};
	}
	return { message: `Segment Public API answered ${status}: ${segmentMessage}`, hint: '' };
}

/**
 * A Public API error worded for the person who has to fix it: what went wrong and what to do,
 * the HTTP status, Segment's own message and the request, and never the token (the caller passes
 * everything already redacted).
 */
export function publicApiError(node: INode, failure: PublicApiFailure): NodeApiError {
	const { message, hint } = wording(failure);
	const said = `${isSegmentError(failure.body) ? 'Segment' : 'It'} said: "${failure.segmentMessage}".`;
	const request = `${failure.method} ${failure.url}${failure.stopReason ?? ''}`;
	const description = [hint, said, request].filter(Boolean).join(' ');
	const attempts = (failure.attempts ?? 1) > 1 ? ` (after ${failure.attempts} attempts)` : '';
	return new NodeApiError(node, failure.cause, {
		message: `${message}${attempts}`,
		description,
		httpCode: String(failure.statusCode),
		itemIndex: failure.itemIndex,
	});
}
