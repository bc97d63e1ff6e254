import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import type { SegmentCollector } from '../../collector';
import { SegmentTrigger } from '../../nodes/Segment/SegmentTrigger.node.ts';
import { collectorCredentials } from '../harness/collector';
import { TriggerHarness } from '../harness/webhooks';

/** The trigger's node type, as users get it from the package. */
export const TRIGGER_NODE_TYPE = 'n8n-nodes-segment.segmentTrigger';

/** The webhook ID the trigger fixtures carry, so their URLs are stable. */
export const TRIGGER_WEBHOOK_ID = '5e1f0c7a-2b9d-4c3e-8f6a-1d2c3b4a5e6f';

export interface TriggerOptions {
	parameters?: INodeParameters;
	credentials?: ICredentialDataDecryptedObject;
	instanceBaseUrl?: string;
	webhookId?: string;
}

/** The Segment Trigger in n8n-core's hook and webhook contexts, pointed at the collector. */
export function segmentTrigger(
	collector: SegmentCollector,
	{
		parameters = {},
		credentials,
		instanceBaseUrl,
		webhookId = TRIGGER_WEBHOOK_ID,
	}: TriggerOptions = {},
): TriggerHarness {
	return new TriggerHarness({
		nodeType: new SegmentTrigger(),
		type: TRIGGER_NODE_TYPE,
		parameters,
		credentials: credentials ?? collectorCredentials(collector),
		webhookId,
		instanceBaseUrl,
	});
}

/**
 * The shared secret Segment (the collector) holds for the destination the trigger registered: the
 * node keeps only what it derives it from, so tests sign with what Segment was given.
 */
export function registeredSecret(collector: SegmentCollector, trigger: TriggerHarness): string {
	const { destinationId } = (trigger.staticData.segmentRegistration ?? {}) as IDataObject;
	const destination = collector.publicApiState.destinations.find(({ id }) => id === destinationId);
	const secret = (destination?.settings as IDataObject | undefined)?.sharedSecret;
	if (typeof secret !== 'string') throw new Error('The trigger has no registered destination');
	return secret;
}

/** What one request to the relay gave: the items the trigger started a run with, if any. */
export interface RelayedRequest {
	status: number;
	body: unknown;
	items?: INodeExecutionData[];
}

/**
 * An HTTP endpoint on 127.0.0.1 standing in for n8n's webhook server: each request goes to the
 * trigger's webhook() through n8n-core's WebhookContext, and is answered as n8n answers an
 * `onReceived` webhook (the node's own answer when it gave one, else 200). Every run the trigger
 * would start is kept in `runs`.
 */
export class TriggerRelay {
	readonly requests: RelayedRequest[] = [];

	/** Answer this status instead of handing the next requests to the trigger (a failing n8n). */
	failNext: number[] = [];

	trigger?: TriggerHarness;

	baseUrl = '';

	private readonly server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void this.handle(request.headers, Buffer.concat(chunks)).then(({ status, body }) => {
				response.writeHead(status, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify(body));
			});
		});
	});

	static async start(): Promise<TriggerRelay> {
		const relay = new TriggerRelay();
		await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
		relay.baseUrl = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}`;
		return relay;
	}

	/** The runs the trigger started, each its list of items. */
	get runs(): IDataObject[][] {
		return this.requests.flatMap(({ items }) => (items ? [items.map(({ json }) => json)] : []));
	}

	private async handle(
		headers: Record<string, string | string[] | undefined>,
		rawBody: Buffer,
	): Promise<RelayedRequest> {
		const failure = this.failNext.shift();
		if (failure !== undefined) {
			const failed = { status: failure, body: { message: 'n8n failed' } };
			this.requests.push(failed);
			return failed;
		}
		let body: unknown = {};
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			body = {};
		}
		const flat = Object.fromEntries(
			Object.entries(headers).map(([key, value]) => [
				key,
				Array.isArray(value) ? value[0] : (value ?? ''),
			]),
		);
		const { result, answer } = await this.trigger!.receive({ headers: flat, body, rawBody });
		const relayed: RelayedRequest = answer.ended
			? { status: answer.status ?? 200, body: answer.body }
			: result.workflowData
				? { status: 200, body: { message: 'Workflow was started' }, items: result.workflowData[0] }
				: { status: 200, body: result.webhookResponse ?? { message: 'Webhook call received' } };
		this.requests.push(relayed);
		return relayed;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

/** A source of the collector's seed workspace, with its seeded write key. */
export const WEBSITE = { id: 'qQEHquLrjRDN9j1ByrChyn', writeKey: 'wk_dummy_website_prod_1' };

/** The parameters of an Automatic setup on the website source, with `extra` on top. */
export function automatic(extra: INodeParameters = {}): INodeParameters {
	return {
		setup: 'automatic',
		source: { __rl: true, mode: 'list', value: WEBSITE.id },
		options: { retryDelay: 1 },
		...extra,
	};
}

/**
 * Every line the node contexts log: n8n-core gives each context the Logger of its container, which
 * is swapped for a recording one until restore().
 */
export function captureNodeLogs(): { lines: string[]; restore(): void } {
	const original = Container.get(Logger);
	const lines: string[] = [];
	const record =
		(level: string) =>
		(message: string, meta?: object): void => {
			lines.push(`${level} ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
		};
	const recorder = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => recorder,
	};
	Container.set(Logger, recorder as unknown as Logger);
	return { lines, restore: () => Container.set(Logger, original) };
}
