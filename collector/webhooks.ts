import { createHmac } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';

import { parseFql, type FqlFilter } from '../nodes/Segment/trigger/fql';
import { ACTIONS_WEBHOOK, CLASSIC_WEBHOOKS } from './publicApi/catalog';
import type { Destination, DestinationSubscription, PublicApiState } from './publicApi/state';
import type { ReceivedMessage } from './trackingApi';

/**
 * What Segment does with the events of a source that has a webhook destination: it POSTs them to
 * the hook, signed, and retries failures with backoff. Read from Segment's docs (Webhooks and
 * Webhooks (Actions) destinations) and segmentio/action-destinations (destinations/webhook):
 * - Webhooks (Actions): each enabled mapping whose FQL trigger matches gets the event mapped by
 *   its `data` (`{"@path":"$."}`, the whole event), one request per event, or with
 *   `enable_batching` a JSON list of up to `batch_size` events; `X-Signature` is the hex
 *   HMAC-SHA1 of JSON.stringify of the payload, for a batch of its first event only;
 *   `User-Agent: Segment (Actions)`, the mapping's headers.
 * - Classic Webhooks: every event (and deletion notices) to each of up to five hooks, one per
 *   request, `X-Signature` of the JSON body, `User-Agent: Segment.io/1.0`; a message counts as
 *   delivered once one hook took it.
 * - Retries (Segment retries for up to four hours with randomised exponential backoff): every
 *   answer but 2xx, and a timeout or a failed connection, is retried, except 400, 401 and 403,
 *   which Segment discards. The waits here are configurable (tests keep them short).
 * Delivery runs after the Tracking API has answered. Every attempt is recorded. Only hooks on
 * 127.0.0.1 / localhost are called: anything else is recorded as refused, never sent.
 */

export interface DeliveryOptions {
	/** The first retry's wait; it doubles with each retry, plus up to as much again at random. */
	retryBaseMs: number;
	/** Attempts per request, the first included, before it counts as failed. */
	maxAttempts: number;
	/** How long one attempt may take before it counts as failed. */
	timeoutMs: number;
	/** How long a mapping that batches gathers events before it sends a partial batch. */
	batchWindowMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
	retryBaseMs: 1000,
	maxAttempts: 8,
	timeoutMs: 5000,
	batchWindowMs: 200,
};

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'discarded' | 'refused';

/**
 * A scripted failure for the next deliveries: the request is sent and the hook handles it, but
 * its answer is lost (as when it comes after Segment's timeout), so Segment sends it again.
 */
export interface DeliveryFault {
	loseAnswer: true;
	/** How many attempts lose their answer; default 1. */
	times?: number;
}

/** One HTTP attempt to deliver to a hook. */
export interface DeliveryAttempt {
	destinationId: string;
	/** The Actions mapping; classic destinations have none. */
	subscriptionId?: string;
	kind: 'actions' | 'classic';
	url: string;
	/** 1 for the first try. */
	attempt: number;
	messageIds: string[];
	body: string;
	headers: Record<string, string>;
	status?: number;
	error?: string;
	outcome: DeliveryOutcome;
	startedAt: string;
	durationMs: number;
}

const DISCARDED_STATUSES = new Set([400, 401, 403]);

type Json = Record<string, unknown>;

/** A mapping value as Segment's mapping-kit resolves it: `@path` directives, the rest as is. */
export function mapValue(mapping: unknown, event: Json): unknown {
	if (Array.isArray(mapping)) return mapping.map((entry) => mapValue(entry, event));
	if (mapping === null || typeof mapping !== 'object') return mapping;
	const record = mapping as Json;
	if (typeof record['@path'] === 'string' && Object.keys(record).length === 1) {
		const path = record['@path'].replace(/^\$\.?/, '');
		let current: unknown = event;
		for (const key of path === '' ? [] : path.split('.')) {
			current =
				current !== null && typeof current === 'object' ? (current as Json)[key] : undefined;
		}
		return current;
	}
	return Object.fromEntries(
		Object.entries(record).map(([key, value]) => [key, mapValue(value, event)]),
	);
}

/** The event as Segment hands it to destinations: what arrived, with its message ID and receipt time. */
function deliveredEvent(message: ReceivedMessage): Json {
	const event: Json = { ...message.message, messageId: message.messageId };
	event.receivedAt ??= message.receivedAt;
	event.timestamp ??= message.receivedAt;
	delete event.writeKey;
	return event;
}

function isLocalUrl(url: string): boolean {
	try {
		const { hostname, protocol } = new URL(url);
		return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
	} catch {
		return false;
	}
}

function sign(secret: unknown, text: string): Record<string, string> {
	return typeof secret === 'string' && secret !== ''
		? { 'X-Signature': createHmac('sha1', secret).update(text, 'utf8').digest('hex') }
		: {};
}

/** Headers given as an object, or as a list of `{ key, value }` (the classic hooks' headers). */
function headerRecord(headers: unknown): Record<string, string> {
	if (Array.isArray(headers)) {
		return Object.fromEntries(
			headers
				.filter((entry): entry is Json => entry !== null && typeof entry === 'object')
				.map((entry) => [String(entry.key), String(entry.value)]),
		);
	}
	if (headers !== null && typeof headers === 'object') {
		return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, String(value)]));
	}
	return {};
}

/** One message (or batch) to deliver, to one or more hooks (a classic destination has up to five). */
interface Request {
	destination: Destination;
	subscription?: DestinationSubscription;
	kind: 'actions' | 'classic';
	targets: Array<{ url: string; headers: Record<string, string> }>;
	method: string;
	messageIds: string[];
	body: string;
}

interface Batch {
	subscription: DestinationSubscription;
	destination: Destination;
	events: Json[];
	messageIds: string[];
	timer: ReturnType<typeof setTimeout>;
}

/** Delivers the collector's events to the webhook destinations of its workspace. */
export class WebhookDelivery {
	readonly attempts: DeliveryAttempt[] = [];

	options: DeliveryOptions;

	private pending = 0;

	private waiters: Array<() => void> = [];

	private readonly timers = new Set<ReturnType<typeof setTimeout>>();

	private readonly batches = new Map<string, Batch>();

	private readonly triggers = new Map<string, FqlFilter | undefined>();

	private generation = 0;

	private readonly faults: Array<{ remaining: number }> = [];

	// No kept-alive sockets: a finished test or `npm start` has nothing left open.
	private readonly agent = new Agent({ keepAlive: false });

	constructor(
		private readonly state: PublicApiState,
		options: Partial<DeliveryOptions> = {},
	) {
		this.options = { ...DEFAULT_DELIVERY, ...options };
	}

	/** Messages the Tracking API accepted: each goes to the webhook destinations of its source. */
	enqueue(messages: ReceivedMessage[]): void {
		for (const message of messages) {
			const source = this.state.sources.find(
				(candidate) => candidate.enabled && candidate.writeKeys.includes(message.writeKey),
			);
			if (!source) continue;
			const event = deliveredEvent(message);
			for (const destination of this.webhookDestinations(source.id)) {
				if (destination.metadata.id === CLASSIC_WEBHOOKS.id) this.sendClassic(destination, event);
				else this.sendActions(destination, event);
			}
		}
	}

	/**
	 * What a deletion request sends to a source's classic Webhooks destinations (Segment's docs:
	 * `{"type":"delete","userId":…,"timestamp":…}`).
	 */
	notifyDeletion(sourceId: string, userId: string): void {
		const event = { type: 'delete', userId, timestamp: new Date().toISOString() };
		for (const destination of this.webhookDestinations(sourceId)) {
			if (destination.metadata.id === CLASSIC_WEBHOOKS.id) this.sendClassic(destination, event);
		}
	}

	/** Queues a failure for the next attempts. */
	injectFault(fault: DeliveryFault): void {
		this.faults.push({ remaining: fault.times ?? 1 });
	}

	private takeFault(): boolean {
		const fault = this.faults[0];
		if (!fault) return false;
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.shift();
		return true;
	}

	/** Resolves once nothing is waiting to be sent, in flight, or waiting to be retried. */
	async idle(): Promise<void> {
		if (this.pending === 0) return;
		await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	/** Stops every batch, retry and delivery in progress and forgets the attempts. */
	reset(): void {
		this.generation++;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const batch of this.batches.values()) clearTimeout(batch.timer);
		this.batches.clear();
		this.triggers.clear();
		this.faults.length = 0;
		this.attempts.length = 0;
		this.pending = 0;
		this.settle();
	}

	private webhookDestinations(sourceId: string): Destination[] {
		return this.state.destinations.filter(
			(destination) =>
				destination.enabled &&
				destination.sourceId === sourceId &&
				[ACTIONS_WEBHOOK.id, CLASSIC_WEBHOOKS.id].includes(destination.metadata.id),
		);
	}

	private trigger(subscription: DestinationSubscription): FqlFilter | undefined {
		if (!this.triggers.has(subscription.trigger)) {
			let parsed: FqlFilter | undefined;
			try {
				parsed = parseFql(subscription.trigger);
			} catch {
				// Segment sends nothing for an invalid trigger.
				parsed = undefined;
			}
			this.triggers.set(subscription.trigger, parsed);
		}
		return this.triggers.get(subscription.trigger);
	}

	private sendClassic(destination: Destination, event: Json): void {
		const hooks = Array.isArray(destination.settings.hooks)
			? (destination.settings.hooks as Json[])
			: [];
		if (hooks.length === 0) return;
		const body = JSON.stringify(event);
		this.start({
			destination,
			kind: 'classic',
			targets: hooks.map((hook) => ({
				url: String(hook.hook),
				headers: {
					'Content-Type': 'application/json',
					'User-Agent': 'Segment.io/1.0',
					...headerRecord(hook.headers),
					...sign(destination.settings.sharedSecret, body),
				},
			})),
			method: 'POST',
			messageIds: typeof event.messageId === 'string' ? [event.messageId] : [],
			body,
		});
	}

	private sendActions(destination: Destination, event: Json): void {
		for (const subscription of this.state.subscriptions) {
			if (subscription.destinationId !== destination.id || !subscription.enabled) continue;
			if (subscription.actionSlug !== 'send' || !this.trigger(subscription)?.matches(event))
				continue;
			const settings = subscription.settings;
			const payload = mapValue(settings.data ?? { '@path': '$.' }, event) as Json;
			const messageId = String(event.messageId);
			if (settings.enable_batching === true) {
				this.addToBatch(destination, subscription, payload, messageId);
				continue;
			}
			const body = JSON.stringify(payload);
			this.start({
				destination,
				subscription,
				kind: 'actions',
				targets: [
					{
						url: String(settings.url),
						headers: this.actionsHeaders(destination, subscription, body),
					},
				],
				method: String(settings.method ?? 'POST'),
				messageIds: [messageId],
				body,
			});
		}
	}

	private actionsHeaders(
		destination: Destination,
		subscription: DestinationSubscription,
		signed: string,
	): Record<string, string> {
		return {
			'Content-Type': 'application/json',
			'User-Agent': 'Segment (Actions)',
			...headerRecord(subscription.settings.headers),
			...sign(destination.settings.sharedSecret, signed),
		};
	}

	private addToBatch(
		destination: Destination,
		subscription: DestinationSubscription,
		payload: Json,
		messageId: string,
	): void {
		let batch = this.batches.get(subscription.id);
		if (!batch) {
			this.pending++;
			const timer = setTimeout(() => this.flush(subscription.id), this.options.batchWindowMs);
			batch = { subscription, destination, events: [], messageIds: [], timer };
			this.batches.set(subscription.id, batch);
		}
		batch.events.push(payload);
		batch.messageIds.push(messageId);
		const size = Number(subscription.settings.batch_size ?? 1000);
		if (batch.events.length >= size) this.flush(subscription.id);
	}

	private flush(subscriptionId: string): void {
		const batch = this.batches.get(subscriptionId);
		if (!batch) return;
		clearTimeout(batch.timer);
		this.batches.delete(subscriptionId);
		const { destination, subscription, events, messageIds } = batch;
		this.start({
			destination,
			subscription,
			kind: 'actions',
			targets: [
				{
					url: String(subscription.settings.url),
					// Segment signs a batch's first event only.
					headers: this.actionsHeaders(destination, subscription, JSON.stringify(events[0])),
				},
			],
			method: String(subscription.settings.method ?? 'POST'),
			messageIds,
			body: JSON.stringify(events),
		});
		this.done();
	}

	private start(request: Request): void {
		this.pending++;
		void this.attempt(request, 1, this.generation);
	}

	/**
	 * One attempt at every target still to try. Delivered once one target answers 2xx (a classic
	 * destination's message counts as delivered when one of its hooks took it); otherwise the
	 * targets that may succeed later are tried again after the backoff.
	 */
	private async attempt(request: Request, attempt: number, generation: number): Promise<void> {
		const records: DeliveryAttempt[] = [];
		const retryable: Request['targets'] = [];
		let delivered = false;
		for (const target of request.targets) {
			const startedAt = new Date();
			const record: DeliveryAttempt = {
				destinationId: request.destination.id,
				subscriptionId: request.subscription?.id,
				kind: request.kind,
				url: target.url,
				attempt,
				messageIds: request.messageIds,
				body: request.body,
				headers: target.headers,
				outcome: 'refused',
				startedAt: startedAt.toISOString(),
				durationMs: 0,
			};
			records.push(record);
			if (!isLocalUrl(target.url)) {
				record.error = 'not sent: the collector only delivers to 127.0.0.1';
				continue;
			}
			const result = await this.post(target.url, request.method, target.headers, request.body);
			if (generation !== this.generation) return;
			record.durationMs = Date.now() - startedAt.getTime();
			if (this.takeFault()) {
				result.error = `the answer (${String(result.status ?? result.error)}) was lost (injected fault)`;
				delete result.status;
			}
			record.status = result.status;
			record.error = result.error;
			if (result.status !== undefined && result.status >= 200 && result.status < 300) {
				record.outcome = 'delivered';
				delivered = true;
			} else if (result.status !== undefined && DISCARDED_STATUSES.has(result.status)) {
				record.outcome = 'discarded';
			} else {
				record.outcome = 'failed';
				retryable.push(target);
			}
		}
		const retry = !delivered && retryable.length > 0 && attempt < this.options.maxAttempts;
		for (const record of records) {
			if (retry && record.outcome === 'failed') record.outcome = 'retrying';
		}
		this.attempts.push(...records);
		if (!retry) {
			this.done();
			return;
		}
		const wait = Math.round(this.options.retryBaseMs * 2 ** (attempt - 1) * (1 + Math.random()));
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void this.attempt({ ...request, targets: retryable }, attempt + 1, generation);
		}, wait);
		this.timers.add(timer);
	}

	private async post(
		url: string,
		method: string,
		headers: Record<string, string>,
		body: string,
	): Promise<{ status?: number; error?: string }> {
		return await new Promise((resolve) => {
			const outgoing = httpRequest(
				url,
				{
					method,
					agent: this.agent,
					headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
					timeout: this.options.timeoutMs,
				},
				(response) => {
					response.resume();
					response.on('end', () => resolve({ status: response.statusCode }));
					response.on('error', (error) =>
						resolve({ status: response.statusCode, error: error.message }),
					);
				},
			);
			outgoing.on('timeout', () => {
				outgoing.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`));
			});
			outgoing.on('error', (error) => resolve({ error: error.message }));
			outgoing.end(body);
		});
	}

	private done(): void {
		this.pending = Math.max(0, this.pending - 1);
		this.settle();
	}

	private settle(): void {
		if (this.pending > 0) return;
		const waiters = this.waiters;
		this.waiters = [];
		for (const resolve of waiters) resolve();
	}
}
