import type { EndpointRateLimitName, PublicApiState } from './state';

/**
 * The endpoint limits of the definition (regulation creates 600 a minute, Tracking Plan rule
 * reads 200 a minute), counted per workspace in fixed windows that open with the first request,
 * as rate limiters with Segment's `msBeforeNext` count them. A request past the limit is answered
 * 429 with `data.msBeforeNext` and the `X-RateLimit-*` headers (the reset as an RFC 5322 date, as
 * the definition describes it); the others carry the headers too.
 */
export interface RateLimitVerdict {
	headers: Record<string, string>;
	/** Set when the request is over the limit: how long until the window ends. */
	msBeforeNext?: number;
}

export function consumeRateLimit(
	state: PublicApiState,
	name: EndpointRateLimitName,
	now = Date.now(),
): RateLimitVerdict {
	const { requests, windowMs } = state.rateLimits[name];
	let window = state.rateLimitWindows[name];
	if (!window || now >= window.start + windowMs) {
		window = { start: now, count: 0 };
		state.rateLimitWindows[name] = window;
	}
	const msBeforeNext = window.start + windowMs - now;
	const over = window.count >= requests;
	if (!over) window.count += 1;
	const headers = {
		'X-RateLimit-Limit': String(requests),
		'X-RateLimit-Remaining': String(Math.max(0, requests - window.count)),
		'X-RateLimit-Reset': new Date(window.start + windowMs).toUTCString(),
	};
	return over ? { headers, msBeforeNext } : { headers };
}
