import type { IDataObject } from 'n8n-workflow';

import type { SegmentApi } from '../../../credentials/segmentHosts';
import { asRecord } from '../helpers/values';
import { DEFAULT_RETRY_SETTINGS } from './retryOptions';

/** How the request helper retries; the node's options set it, these are the defaults. */
export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** The first backoff wait; it doubles with each retry, plus up to as much again of jitter. */
	baseDelayMs: number;
	/** All waits of one request together stay within this; a longer wait ends the retries. */
	maxTotalWaitMs: number;
	/** How long one attempt may take before it counts as failed. */
	timeoutMs: number;
}

/**
 * A 429 that says when to come back (Retry-After, X-RateLimit-Reset, the Public API's msBeforeNext)
 * is Segment pacing the client, not a failure: waiting it out does not spend one of Max Retries, as
 * in Segment's own libraries (analytics-node 3.x). Max Total Wait still bounds those waits, and so
 * does this count, for a server that keeps asking for no wait at all (analytics-node's cap is 20 too).
 */
export const MAX_RATE_LIMITED_WAITS = 20;

/** The defaults of the retry and timeout options users see (./retryOptions.ts). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = DEFAULT_RETRY_SETTINGS;

/**
 * 429 and server errors are worth another try; other 4xx are not (the same request gets the same
 * answer), and neither are 501 Not Implemented and 505 HTTP Version Not Supported.
 */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** Failures with no HTTP answer that a later attempt may not have: reset, refused, timed out. */
const TRANSIENT_NETWORK_FAILURE =
	/ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|timeout of \d+ms exceeded|closed unexpectedly|refused the connection/i;

export function isRetryableNetworkFailure(messages: readonly string[]): boolean {
	return messages.some((message) => TRANSIENT_NETWORK_FAILURE.test(message));
}

/** Failures where the request never reached the server: safe to repeat, whatever it does. */
export function neverReachedServer(messages: readonly string[]): boolean {
	return messages.some((message) => /ECONNREFUSED|EAI_AGAIN|refused the connection/i.test(message));
}

/**
 * Whether a request may be sent again after an ambiguous failure (a 5xx, a reset, a timeout: the
 * server may have done the work). Tracking calls may: Segment drops a repeated messageId. Public
 * and Profile API reads may. Public API writes (create, update, delete) may not: a second create
 * would create twice. Every request may be repeated after a 429 or a refused connection, which did nothing.
 */
export function mayRepeat(api: SegmentApi, method: string): boolean {
	return api === 'tracking' || ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

export function isTimeout(messages: readonly string[]): boolean {
	return messages.some((message) =>
		/timeout of \d+ms exceeded|ETIMEDOUT|ESOCKETTIMEDOUT/i.test(message),
	);
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

/**
 * A wait the server asked for, in milliseconds: the Public API's `data.msBeforeNext` (in the body or
 * in an error's data), `Retry-After` (seconds or an HTTP date) or `X-RateLimit-Reset` (seconds to
 * wait, a Unix time in seconds or milliseconds, or an HTTP date — Segment's APIs and libraries use
 * all of these).
 */
export function requestedWaitMs(
	headers: IDataObject | undefined,
	body?: unknown,
	now = Date.now(),
): number | undefined {
	const envelope = asRecord(body);
	const errors = Array.isArray(envelope?.errors) ? (envelope.errors as unknown[]) : [];
	const msBeforeNext = [
		asRecord(envelope?.data)?.msBeforeNext,
		...errors.map((entry) => asRecord(asRecord(entry)?.data)?.msBeforeNext),
	].find((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0);
	if (typeof msBeforeNext === 'number') return msBeforeNext;
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = header(headers, 'x-ratelimit-reset');
	if (reset !== undefined && reset.trim() !== '') {
		const value = Number(reset);
		if (Number.isFinite(value)) {
			if (value > 1e12) return Math.max(0, value - now);
			if (value > 1e9) return Math.max(0, value * 1000 - now);
			return Math.max(0, value * 1000);
		}
		const date = Date.parse(reset);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return undefined;
}

/** Exponential backoff with jitter: base · 2^retry · (1 + random), as Segment's libraries wait. */
export function backoffMs(retry: number, baseDelayMs: number, random = Math.random()): number {
	return Math.round(baseDelayMs * 2 ** retry * (1 + random));
}
