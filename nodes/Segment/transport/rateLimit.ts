import { sleep } from 'n8n-workflow';

/** Segment asks for at most 1,000 requests per second per workspace. */
export const MAX_REQUESTS_PER_SECOND = 1000;

const WINDOW_MS = 1000;

/**
 * A sliding window of request start times: a request starts only when fewer than `perWindow`
 * started in the last `windowMs` (by default, MAX_REQUESTS_PER_SECOND in one second).
 */
export class RequestRateLimiter {
	private readonly starts: number[] = [];

	private head = 0;

	constructor(
		private readonly perWindow = MAX_REQUESTS_PER_SECOND,
		private readonly windowMs = WINDOW_MS,
	) {}

	async waitForSlot(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.head < this.starts.length && this.starts[this.head] <= now - this.windowMs)
				this.head++;
			if (this.head > 1024) {
				this.starts.splice(0, this.head);
				this.head = 0;
			}
			if (this.starts.length - this.head < this.perWindow) {
				this.starts.push(now);
				return;
			}
			await sleep(this.starts[this.head] + this.windowMs - now);
		}
	}
}

/**
 * Public API endpoints with a limit of their own, lower than the workspace's (the official
 * definition states each in the endpoint's description): regulation creates 600 a minute,
 * tracking-plan rule reads 200 a minute, event volume 60 a minute. The window is a second longer
 * than Segment's minute, so requests that reach Segment later than they left still fall within its
 * count. Event volume goes at most one every 1.1 s instead: never 60 in any minute, however Segment
 * counts the minute. Several requests of one run (the parts of a long list, or many items) start
 * only as the limit allows; what other runs use of it is met by the 429 path (Segment's wait, then
 * a retry).
 */
export const ENDPOINT_RATE_LIMITS: Record<
	'regulationCreate' | 'trackingPlanRulesRead' | 'eventVolume',
	{ requests: number; windowMs: number }
> = {
	regulationCreate: { requests: 600, windowMs: 61_000 },
	trackingPlanRulesRead: { requests: 200, windowMs: 61_000 },
	eventVolume: { requests: 1, windowMs: 1100 },
};

export type EndpointRateLimit = keyof typeof ENDPOINT_RATE_LIMITS;

/** A limiter for each endpoint limit, per run (one node execution, or one editor request). */
export class EndpointRateLimiters {
	private readonly limiters = new Map<EndpointRateLimit, RequestRateLimiter>();

	for(name: EndpointRateLimit): RequestRateLimiter {
		let limiter = this.limiters.get(name);
		if (!limiter) {
			const { requests, windowMs } = ENDPOINT_RATE_LIMITS[name];
			limiter = new RequestRateLimiter(requests, windowMs);
			this.limiters.set(name, limiter);
		}
		return limiter;
	}
}
