import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { readBody, sendJson, sendText } from './http';
import {
	createProfileApiState,
	handleProfileApiRequest,
	resetProfileApiState,
	type ProfileApiState,
} from './profileApi';
import {
	createPublicApiState,
	handlePublicApiRequest,
	resetPublicApiState,
	type PublicApiState,
} from './publicApi';
import {
	handleTrackingRequest,
	type DroppedMessage,
	type ReceivedMessage,
	type TrackingState,
} from './trackingApi';

import {
	WebhookDelivery,
	type DeliveryAttempt,
	type DeliveryFault,
	type DeliveryOptions,
} from './webhooks';

export { TRACKING_LIMITS, type ReceivedMessage, type DroppedMessage } from './trackingApi';
export {
	LARGE_PROFILE,
	PROFILE_SPACE_ID,
	TRICKY_IDENTIFIERS,
	PROFILE_MAX_LIMIT,
} from './profileApi';
export type { DeliveryAttempt, DeliveryFault, DeliveryOptions } from './webhooks';

export type SegmentApiName = 'tracking' | 'publicApi' | 'profileApi';

export interface RecordedRequest {
	api: SegmentApiName;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: IncomingMessage['headers'];
	/** Raw body text; empty when the collector was started with recordBodies: false. */
	body: string;
	bodyBytes: number;
	status: number;
	/** When the request arrived (Date.now()), for tests of pacing. */
	receivedAt: number;
}

/** A scripted misbehaviour for the next matching requests (fault injection). */
export interface Fault {
	api?: SegmentApiName;
	/** Matches the request path (without the query). */
	path?: string | RegExp;
	/** How many matching requests get this fault; default 1. */
	times?: number;
	/** Let this many matching requests through untouched first. */
	skip?: number;
	/** Answer with this status, body and headers instead of handling the request. */
	respond?: { status: number; body?: unknown; headers?: Record<string, string> };
	/** Close the connection without answering (the request is not handled). */
	destroy?: boolean;
	/** Handle the request (its messages are accepted), then close the connection without answering. */
	destroyAfterHandling?: boolean;
	/** Hold the connection this long without answering, then close it (the request is not handled). */
	stallMs?: number;
	/** Wait this long before handling (or faulting) the request: a slow answer. */
	delayMs?: number;
}

export interface CollectorOptions {
	/** Port for the Tracking API; 0 picks a free one. */
	trackingPort?: number;
	/** Port for the Public API; 0 picks a free one. */
	publicApiPort?: number;
	/** Port for the Profile API; 0 picks a free one. */
	profileApiPort?: number;
	/** Accept only these write keys (Segment itself accepts any). */
	writeKeys?: string[];
	/** Accept only these Public API tokens. */
	publicApiTokens?: string[];
	/** Accept only these Profile API access tokens (for the seeded space). */
	profileApiTokens?: string[];
	/** Keep every request's body in `requests` (the benchmark turns this off). */
	recordBodies?: boolean;
	/**
	 * Answer every request this long after it arrived: the round trip to Segment from a cloud
	 * region (tens of milliseconds) instead of a loopback's fraction of one. Faults' delays add to it.
	 */
	answerDelayMs?: number;
	/** Called for every message accepted. */
	onMessage?: (message: ReceivedMessage) => void;
	/** How webhook destinations are delivered to: retry backoff, attempts, timeout, batching. */
	delivery?: Partial<DeliveryOptions>;
}

const HOST = '127.0.0.1';

/**
 * A local, Segment-compatible server on 127.0.0.1: the Tracking API (its limits, status codes
 * and answers), the Public API and the Profile API each on its own port, as Segment serves them
 * from three hosts.
 * It records every request and every accepted message so tests can assert what arrived.
 */
export class SegmentCollector {
	readonly requests: RecordedRequest[] = [];

	/** Keep every request's body in `requests`; can be switched per test or benchmark step. */
	recordBodies: boolean;

	/** The delay before every answer (CollectorOptions.answerDelayMs); can be switched too. */
	answerDelayMs: number;

	/** The most requests that were being handled at the same moment. */
	maxConcurrentRequests = 0;

	private inFlight = 0;

	private readonly tracking: TrackingState;

	private readonly publicApi: PublicApiState;

	private readonly profileApi: ProfileApiState;

	private readonly delivery: WebhookDelivery;

	private readonly faults: Array<Fault & { remaining: number; toSkip: number }> = [];

	private readonly servers: Server[] = [];

	private ports: Record<SegmentApiName, number> = { tracking: 0, publicApi: 0, profileApi: 0 };

	private constructor(private readonly options: CollectorOptions) {
		this.recordBodies = options.recordBodies !== false;
		this.answerDelayMs = options.answerDelayMs ?? 0;
		this.tracking = {
			received: [],
			dropped: [],
			writeKeys: options.writeKeys ? new Set(options.writeKeys) : undefined,
		};
		this.publicApi = createPublicApiState(options.publicApiTokens);
		this.profileApi = createProfileApiState(options.profileApiTokens);
		this.delivery = new WebhookDelivery(this.publicApi, options.delivery);
	}

	static async start(options: CollectorOptions = {}): Promise<SegmentCollector> {
		const collector = new SegmentCollector(options);
		collector.ports.tracking = await collector.listen('tracking', options.trackingPort ?? 0);
		collector.ports.publicApi = await collector.listen('publicApi', options.publicApiPort ?? 0);
		collector.ports.profileApi = await collector.listen('profileApi', options.profileApiPort ?? 0);
		return collector;
	}

	/** The Tracking API base URL, as the credential's Tracking API Base URL expects it. */
	get trackingBaseUrl(): string {
		return `http://${HOST}:${this.ports.tracking}/v1`;
	}

	/** The Public API base URL. */
	get publicApiBaseUrl(): string {
		return `http://${HOST}:${this.ports.publicApi}`;
	}

	/** The Profile API base URL (without /v1), as the credential's Profile API Base URL expects it. */
	get profileApiBaseUrl(): string {
		return `http://${HOST}:${this.ports.profileApi}`;
	}

	/** The Profile API's in-memory space (profiles, the rate limit's window), reset by reset(). */
	get profileApiState(): ProfileApiState {
		return this.profileApi;
	}

	/** The Public API's in-memory workspace (sources, destinations, labels…), reset by reset(). */
	get publicApiState(): PublicApiState {
		return this.publicApi;
	}

	/** Messages Segment would have accepted, in arrival order. */
	get received(): ReceivedMessage[] {
		return this.tracking.received;
	}

	/** Messages answered 200 but dropped, as Segment drops them. */
	get dropped(): DroppedMessage[] {
		return this.tracking.dropped;
	}

	/** Every attempt to deliver to a webhook destination, in order. */
	get deliveries(): DeliveryAttempt[] {
		return this.delivery.attempts;
	}

	/** The webhook delivery settings, changeable between tests. */
	get deliveryOptions(): DeliveryOptions {
		return this.delivery.options;
	}

	/** Queues a failure for the next webhook deliveries (an answer lost: Segment sends again). */
	injectDeliveryFault(fault: DeliveryFault): void {
		this.delivery.injectFault(fault);
	}

	/** Resolves once every webhook delivery has succeeded, failed for good, or been discarded. */
	async deliveriesSettled(): Promise<void> {
		await this.delivery.idle();
	}

	/** What a deletion request sends: a `delete` notice to the source's classic Webhooks destinations. */
	notifyDeletion(sourceId: string, userId: string): void {
		this.delivery.notifyDeletion(sourceId, userId);
	}

	/** How many times each messageId arrived (Segment would de-duplicate the repeats). */
	arrivalsByMessageId(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const { messageId } of this.tracking.received) {
			counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
		}
		return counts;
	}

	/** Queues a fault for the next matching requests. */
	injectFault(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1, toSkip: fault.skip ?? 0 });
	}

	/** Forgets every request, message and pending fault. */
	reset(): void {
		this.requests.length = 0;
		this.tracking.received.length = 0;
		this.tracking.dropped.length = 0;
		this.faults.length = 0;
		this.maxConcurrentRequests = 0;
		this.delivery.reset();
		resetPublicApiState(this.publicApi);
		resetProfileApiState(this.profileApi);
	}

	async close(): Promise<void> {
		this.delivery.reset();
		await Promise.all(
			this.servers.map(
				(server) =>
					new Promise<void>((resolve) => {
						server.close(() => resolve());
						server.closeAllConnections();
					}),
			),
		);
	}

	private async listen(api: SegmentApiName, port: number): Promise<number> {
		const server = createServer((request, response) => {
			this.inFlight += 1;
			this.maxConcurrentRequests = Math.max(this.maxConcurrentRequests, this.inFlight);
			response.on('close', () => {
				this.inFlight -= 1;
			});
			this.handle(api, request, response).catch((error: Error) => {
				if (!response.headersSent) sendJson(response, 500, { message: error.message });
			});
		});
		server.keepAliveTimeout = 30_000;
		this.servers.push(server);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, HOST, () => resolve());
		});
		return (server.address() as AddressInfo).port;
	}

	private takeFault(api: SegmentApiName, path: string): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				fault.remaining > 0 &&
				(fault.api === undefined || fault.api === api) &&
				(fault.path === undefined ||
					(typeof fault.path === 'string' ? fault.path === path : fault.path.test(path))),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		if (fault.toSkip > 0) {
			fault.toSkip -= 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining === 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(
		api: SegmentApiName,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		const receivedAt = Date.now();
		const body = await readBody(request);
		const url = new URL(request.url ?? '/', `http://${HOST}`);
		const path = url.pathname;
		const query: Record<string, string | string[]> = {};
		for (const key of new Set(url.searchParams.keys())) {
			const values = url.searchParams.getAll(key);
			query[key] = values.length === 1 ? values[0] : values;
		}
		const recorded: RecordedRequest = {
			api,
			method: request.method ?? 'GET',
			path,
			query,
			headers: request.headers,
			body: this.recordBodies ? body.toString('utf8') : '',
			bodyBytes: body.length,
			status: 0,
			receivedAt,
		};
		this.requests.push(recorded);
		response.on('finish', () => {
			recorded.status = response.statusCode;
		});

		const fault = this.takeFault(api, path);
		const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		if (this.answerDelayMs > 0) await wait(this.answerDelayMs);
		if (fault?.delayMs) await wait(fault.delayMs);
		if (fault?.stallMs) await wait(fault.stallMs);
		if (fault?.destroy || fault?.stallMs) {
			request.socket.destroy();
			return;
		}
		if (fault?.respond) {
			const { status, body: faultBody, headers } = fault.respond;
			if (typeof faultBody === 'string') sendText(response, status, faultBody, headers);
			else sendJson(response, status, faultBody ?? {}, headers);
			return;
		}

		// Handled but never answered: the messages count as accepted, the client sees a dropped connection.
		const answer = fault?.destroyAfterHandling ? unansweredResponse(request) : response;
		if (api === 'tracking') {
			const before = this.tracking.received.length;
			handleTrackingRequest(this.tracking, request, answer, path, body);
			const accepted = this.tracking.received.slice(before);
			if (this.options.onMessage) {
				for (const message of accepted) this.options.onMessage(message);
			}
			// Sent to webhook destinations after the answer, as Segment delivers: never in its way.
			this.delivery.enqueue(accepted);
		} else if (api === 'profileApi') {
			handleProfileApiRequest(this.profileApi, request, answer, path, url.searchParams);
		} else {
			handlePublicApiRequest(this.publicApi, request, answer, path, url.searchParams, body);
		}
	}
}

/** A response that writes nothing and drops the connection when the handler ends it. */
function unansweredResponse(request: IncomingMessage): ServerResponse {
	return {
		headersSent: false,
		writeHead: () => undefined,
		end: () => request.socket.destroy(),
	} as unknown as ServerResponse;
}
