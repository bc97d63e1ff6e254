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
 * A sliding one-second window of request start times: a request starts only when fewer than
 * `perSecond` (MAX_REQUESTS_PER_SECOND unless given) started in the last second.
 */
export class RequestRateLimiter implements RateLimiter {
	private readonly starts: number[] = [];

	private head = 0;

	constructor(private readonly perSecond = MAX_REQUESTS_PER_SECOND) {}

	async acquire(): Promise<() => void> {
		await this.waitForSlot();
		return nothingToRelease;
	}

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
