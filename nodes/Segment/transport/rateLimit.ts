import { sleep } from 'n8n-workflow';

/** Segment asks for at most 1,000 requests per second per workspace. */
export const MAX_REQUESTS_PER_SECOND = 1000;

/** The Profile API allows 100 requests per second per space, and answers 429 beyond. */
export const PROFILE_API_REQUESTS_PER_SECOND = 100;

const WINDOW_MS = 1000;

/**
 * A sliding one-second window of request start times: a request starts only when fewer than
 * `perSecond` (MAX_REQUESTS_PER_SECOND unless given) started in the last second.
 */
export class RequestRateLimiter {
	private readonly starts: number[] = [];

	private head = 0;

	constructor(private readonly perSecond = MAX_REQUESTS_PER_SECOND) {}

	async waitForSlot(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.head < this.starts.length && this.starts[this.head] <= now - WINDOW_MS)
				this.head++;
			if (this.head > 1024) {
				this.starts.splice(0, this.head);
				this.head = 0;
			}
			if (this.starts.length - this.head < this.perSecond) {
				this.starts.push(now);
				return;
			}
			await sleep(this.starts[this.head] + WINDOW_MS - now);
		}
	}
}
