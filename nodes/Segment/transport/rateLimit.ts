import { sleep } from 'n8n-workflow';

/** Segment asks for at most 1,000 requests per second per workspace. */
export const MAX_REQUESTS_PER_SECOND = 1000;

/**
 * A lower limit Segment documents for one endpoint (event volume: 60 requests a minute), as the
 * most requests to start in a window: the request helper paces that endpoint's requests of a run
 * by it, so a run's pages and items do not trip the limit themselves.
 */
export interface EndpointRateLimit {
	/** Which endpoint: requests with the same key share the window. */
	key: string;
	requests: number;
	windowMs: number;
}

/**
 * A sliding window of request start times: a request starts only when fewer than `perWindow`
 * started in the last `windowMs` (by default, Segment's 1,000 a second).
 */
export class RequestRateLimiter {
	private readonly starts: number[] = [];

	private head = 0;

	constructor(
		private readonly perWindow = MAX_REQUESTS_PER_SECOND,
		private readonly windowMs = 1000,
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
