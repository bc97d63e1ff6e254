import { sleep } from 'n8n-workflow';

/** Segment asks for at most 1,000 requests per second per workspace. */
export const MAX_REQUESTS_PER_SECOND = 1000;

/** The Profile API allows 100 requests per second per space, and answers 429 beyond. */
export const PROFILE_API_REQUESTS_PER_SECOND = 100;

const WINDOW_MS = 1000;

/** Paces requests: `acquire()` waits for a slot; call what it returns once the answer came. */
export interface RateLimiter {
	acquire(): Promise<() => void>;
}

const nothingToRelease = (): void => undefined;

/**
 * A sliding window of request start times: a request starts only when fewer than `perWindow`
 * started in the last `windowMs` (by default, MAX_REQUESTS_PER_SECOND in one second).
 */
export class RequestRateLimiter implements RateLimiter {
	private readonly starts: number[] = [];

	private head = 0;

	constructor(
		private readonly perWindow = MAX_REQUESTS_PER_SECOND,
		private readonly windowMs = WINDOW_MS,
	) {}

	async acquire(): Promise<() => void> {
		await this.waitForSlot();
		return nothingToRelease;
	}

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
 * At most `perSecond` requests in any second as the server counts them: a request takes a slot
 * when it starts and gives it back one second after its answer came. Whenever the server saw the
 * request, that second has passed for it too, so uneven delays between n8n and Segment cannot
 * put more than `perSecond` into one of its seconds (counting start times, as above, can). For
 * the Profile API, whose 100 per second a workflow reaches.
 */
export class AnsweredRequestLimiter implements RateLimiter {
	private inFlight = 0;

	/** When each given-back slot is free again, earliest first. */
	private readonly freeAt: number[] = [];

	/** Requests waiting while every slot is taken by one still in flight. */
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly perSecond: number) {}

	async acquire(): Promise<() => void> {
		for (;;) {
			const now = Date.now();
			while (this.freeAt.length > 0 && this.freeAt[0] <= now) this.freeAt.shift();
			if (this.inFlight + this.freeAt.length < this.perSecond) {
				this.inFlight++;
				let released = false;
				return () => {
					if (released) return;
					released = true;
					this.inFlight--;
					const at = Date.now() + WINDOW_MS;
					let index = this.freeAt.length;
					while (index > 0 && this.freeAt[index - 1] > at) index--;
					this.freeAt.splice(index, 0, at);
					for (const wake of this.waiting.splice(0)) wake();
				};
			}
			if (this.freeAt.length > 0) await sleep(this.freeAt[0] - now);
			else await new Promise<void>((resolve) => this.waiting.push(resolve));
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
