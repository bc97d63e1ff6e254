import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SegmentCollector, type Fault } from '../../collector';
import { ACTIONS_WEBHOOK } from '../../collector/publicApi/catalog';
import { collectorCredential } from '../../scripts/n8n/examples';
import { freePort, N8nInstance } from '../../scripts/n8n/instance';
import type { RunningProcess } from '../../scripts/n8n/process';
import { QueueModeN8n } from '../../scripts/n8n/queue';
import { N8nRestSession } from '../../scripts/n8n/rest';
import { REPO_ROOT } from '../../scripts/n8n/runtime';
import { basicAuthFor, PUBLIC_API_TOKEN, WRITE_KEY } from '../harness/collector';
import { perN8n } from './versions';
import {
	e2eRuntime,
	e2eTarball,
	type OutboundTrap,
	outboundTrapEnv,
	OWNER,
	readTestWorkflow,
	startOutboundTrap,
	WEBSITE,
} from './harness';

/**
 * n8n's queue mode as production runs it: Redis and PostgreSQL (Debian's, installed by this set-up
 * when missing), n8n main and two `n8n worker`s sharing the encryption key and the user folder the
 * packed package is installed in. `n8n execute` never uses workers, so an active (published)
 * workflow's Webhook is called over HTTP, as production traffic arrives: main enqueues each call's
 * execution and a worker runs it (Webhook → Code making N items → Segment Track). Concurrent calls
 * must land on both workers and every event must reach the collector exactly once, also when
 * Segment answers 503 and drops a connection.
 *
 * The Segment Trigger the same way: published while main runs, main registers its destination and
 * mapping with Segment (the collector) and keeps them in the workflow's static data in PostgreSQL;
 * Segment's signed deliveries arrive on main, which checks and filters them, and each accepted
 * event's execution runs on a worker.
 */

const CALLS = 20;
const ITEMS_PER_CALL = 500;
const WORKERS = 2;
/** Jobs a worker runs at once (`n8n worker --concurrency`; n8n's default is 10). */
const WORKER_CONCURRENCY = 5;
const workflow = readTestWorkflow('queue-webhook-track.json');
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'queue-mode');

const triggerWorkflow = readTestWorkflow('queue-segment-trigger.json');
const TRIGGER_CREDENTIAL = { id: 'segmentTrigger01', name: 'Segment (trigger workspace)' };

let trap: OutboundTrap;
let collector: SegmentCollector;
/**
 * The Segment workspace the trigger registers with and that delivers to it: a collector of its
 * own, since the Track cases reset theirs after each test.
 */
let segment: SegmentCollector;
let cluster: QueueModeN8n;
let rest: N8nRestSession;
/** What the Segment Trigger created in the workspace on activation (its first test sets it). */
let created: { destinationId: string; subscriptionId: string; sharedSecret: string } | undefined;

beforeAll(
	async () => {
		trap = await startOutboundTrap();
		collector = await SegmentCollector.start({ writeKeys: [WRITE_KEY] });
		segment = await SegmentCollector.start({
			publicApiTokens: [PUBLIC_API_TOKEN],
			delivery: { retryBaseMs: 200, timeoutMs: 5000 },
		});
		cluster = await QueueModeN8n.prepare({
			runtime: e2eRuntime(),
			env: outboundTrapEnv(trap),
			log: (line) => process.stdout.write(`[e2e queue] ${line}\n`),
		});
		// Installed once into the user folder main and the workers share.
		await cluster.instance.installPackage(e2eTarball());
		await cluster.instance.importCredentials([
			collectorCredential(collector, { writeKey: WRITE_KEY, publicApiToken: '' }),
			collectorCredential(
				segment,
				{ writeKey: WEBSITE.writeKey, publicApiToken: PUBLIC_API_TOKEN },
				TRIGGER_CREDENTIAL,
			),
		]);
		await cluster.instance.importWorkflow(workflow);
		await cluster.instance.publishWorkflow(workflow.id);
		// Published later, while main runs, as a user publishes it in the editor.
		await cluster.instance.importWorkflow(triggerWorkflow);
		await cluster.start({ workers: WORKERS, concurrency: WORKER_CONCURRENCY });
		await cluster.main!.setUpOwner(OWNER);
		rest = await N8nRestSession.signIn(cluster.main!.url, e2eRuntime(), OWNER);
	},
	10 * 60 * 1000,
);

afterAll(async () => {
	await cluster?.stop({ keep: Boolean(process.env.SEGMENT_E2E_KEEP) });
	await collector?.close();
	await segment?.close();
	await trap?.close();
});

afterEach(() => collector.reset());

interface Execution {
	id: string;
	status: string;
	mode: string;
	/** Why it failed (the run data's error: node, message, description), for a failure message. */
	error?: string;
}

/**
 * Reads n8n's stored run data: "flatted" JSON, an array whose first entry is the root and whose
 * string values inside objects are indexes of other entries.
 */
function unflatten(text: string): unknown {
	const entries = JSON.parse(text) as unknown[];
	const resolved = new Map<number, unknown>();
	const resolve = (index: number): unknown => {
		const value = entries[index];
		if (typeof value !== 'object' || value === null) return value;
		if (resolved.has(index)) return resolved.get(index);
		const copy: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
		resolved.set(index, copy);
		for (const [key, inner] of Object.entries(value))
			copy[key] = typeof inner === 'string' ? resolve(Number(inner)) : inner;
		return copy;
	};
	return resolve(0);
}

/** A workflow's executions as n8n stored them in PostgreSQL; a failed one with its error. */
async function executions(workflowId = workflow.id): Promise<Execution[]> {
	const rows = await cluster.postgres.query(
		`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`,
	);
	return await Promise.all(
		rows.map(async ([id, status, mode]) => {
			if (status === 'success') return { id, status, mode };
			const [[data] = []] = await cluster.postgres.query(
				`SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`,
			);
			const { resultData } = (data ? unflatten(data) : {}) as {
				resultData?: { error?: Record<string, unknown>; lastNodeExecuted?: string };
			};
			if (!resultData?.error) return { id, status, mode };
			const { message, description } = resultData.error;
			const node = resultData.lastNodeExecuted ?? '(before any node)';
			return {
				id,
				status,
				mode,
				error: `${node}: ${String(message)} ${String(description ?? '')}`,
			};
		}),
	);
}

/** n8n writes an execution's final status after it answers the webhook: read them once all have ended. */
const ENDED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until the workflow has at least `count` executions, all ended. */
async function endedExecutions(count: number, workflowId = workflow.id): Promise<Execution[]> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const list = await executions(workflowId);
		if (list.length >= count && list.every(({ status }) => ENDED.has(status))) return list;
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out waiting for ${count} ended executions: ${JSON.stringify(list.map(({ id, status }) => `${id} ${status}`))}`,
			);
		}
		await sleep(250);
	}
}

/** The execution ids each worker logged starting ("Worker started execution <id>"). */
function startedByWorker(): Record<string, string[]> {
	return Object.fromEntries(
		cluster.workers.map(({ label, process }) => [
			label,
			[...process.output.matchAll(/Worker started execution (\d+)/g)].map(([, id]) => id),
		]),
	);
}

interface Run {
	/** Each call's HTTP status and the Track node's output items (the Webhook answers with them). */
	answers: Array<{ status: number; items: Array<Record<string, unknown>> }>;
	/** The executions this run added. */
	executions: Execution[];
	/** This run's executions by the worker that started them. */
	byWorker: Record<string, string[]>;
}

/** CALLS concurrent webhook calls, each asking for ITEMS_PER_CALL events. */
async function run(name: string): Promise<Run> {
	const before = new Set((await executions()).map(({ id }) => id));
	const startedBefore = startedByWorker();
	const answers = await Promise.all(
		Array.from({ length: CALLS }, async (_, call) => {
			const response = await fetch(`${cluster.main!.url}/webhook/segment-queue-mode`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ run: name, call, items: ITEMS_PER_CALL }),
			});
			const text = await response.text();
			let items: Array<Record<string, unknown>> = [];
			try {
				items = JSON.parse(text) as Array<Record<string, unknown>>;
			} catch {
				throw new Error(`Call ${call} answered ${response.status}: ${text.slice(0, 500)}`);
			}
			return { status: response.status, items };
		}),
	);
	const added = (await endedExecutions(before.size + CALLS)).filter(({ id }) => !before.has(id));
	const byWorker = Object.fromEntries(
		Object.entries(startedByWorker()).map(([label, ids]) => [
			label,
			ids.filter((id) => !startedBefore[label].includes(id)),
		]),
	);
	return { answers, executions: added, byWorker };
}

/** Every call succeeded, on a worker, and every event reached the collector exactly once. */
function expectExactlyOnceOnWorkers({ answers, executions: ran, byWorker }: Run): void {
	// n8n's own record first (a failed one carries its error): one successful webhook execution per call.
	expect(ran.filter(({ status, mode }) => status !== 'success' || mode !== 'webhook')).toEqual([]);
	expect(ran).toHaveLength(CALLS);
	expect(answers.map(({ status }) => status)).toEqual(Array(CALLS).fill(200));
	const outputs = answers.flatMap(({ items }) => items);
	expect(outputs).toHaveLength(CALLS * ITEMS_PER_CALL);
	expect(outputs.filter(({ error }) => error !== undefined)).toEqual([]);

	// The executions ran on the workers (none on main), each on one worker, and on both.
	const started = Object.values(byWorker).flat();
	expect([...started].sort()).toEqual(ran.map(({ id }) => id).sort());
	expect(Object.keys(byWorker)).toHaveLength(WORKERS);
	for (const ids of Object.values(byWorker)) expect(ids.length).toBeGreaterThan(0);

	// Exactly once at Segment, by messageId; the messageIds are the ones the outputs report.
	const arrivals = collector.arrivalsByMessageId();
	expect(arrivals.size).toBe(CALLS * ITEMS_PER_CALL);
	expect([...arrivals.values()].filter((count) => count !== 1)).toEqual([]);
	expect(new Set(outputs.map(({ messageId }) => messageId))).toEqual(new Set(arrivals.keys()));
	// …and every (call, index) the webhook asked for is among them.
	const asked = new Set(
		collector.received.map(({ message }) => {
			const { call, index } = message.properties as { call: number; index: number };
			return `${call}/${index}`;
		}),
	);
	expect(asked.size).toBe(CALLS * ITEMS_PER_CALL);
}

/** The numbers the closing note quotes, kept in test-artifacts/queue-mode/<runtime>.json. */
const measured: Record<string, unknown> = {};

function record(name: string, result: Run, startedMs: number): void {
	const arrivals = collector.arrivalsByMessageId();
	const statuses: Record<string, number> = {};
	for (const { path, status } of collector.requests) {
		if (path !== '/v1/batch') continue;
		const answer = status === 0 ? 'dropped' : String(status);
		statuses[answer] = (statuses[answer] ?? 0) + 1;
	}
	measured[name] = {
		n8n: e2eRuntime().version,
		eventsSent: CALLS * ITEMS_PER_CALL,
		eventsReceived: collector.received.length,
		distinctMessageIds: arrivals.size,
		duplicates: collector.received.length - arrivals.size,
		executions: result.executions.length,
		succeeded: result.executions.filter(({ status }) => status === 'success').length,
		executionsPerWorker: Object.fromEntries(
			Object.entries(result.byWorker).map(([label, ids]) => [label, ids.length]),
		),
		batchRequestsByStatus: statuses,
		seconds: secondsSince(startedMs),
	};
	writeMeasured(name);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function secondsSince(startedMs: number): number {
	return Math.round((Date.now() - startedMs) / 100) / 10;
}

function writeMeasured(name: string): void {
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(
		join(ARTIFACTS, `${e2eRuntime().name}.json`),
		`${JSON.stringify(measured, null, 2)}\n`,
	);
	process.stdout.write(`[e2e queue] ${name}: ${JSON.stringify(measured[name])}\n`);
}

test(
	`${CALLS} concurrent webhook calls × ${ITEMS_PER_CALL} items: every event once, executions on both workers`,
	async () => {
		const started = Date.now();
		const result = await run('plain');
		record('withoutFaults', result, started);
		expectExactlyOnceOnWorkers(result);
	},
	10 * 60 * 1000,
);

test(
	'the same with Segment answering 503s and dropping a connection: still every event once',
	async () => {
		// The first batch requests get 503 (retryable); then one connection is dropped before Segment
		// handles the request (the node cannot know; it retries with the same messageIds).
		const faults: Fault[] = [
			{
				api: 'tracking',
				path: '/v1/batch',
				times: 6,
				respond: { status: 503, body: 'Service Unavailable' },
			},
			{ api: 'tracking', path: '/v1/batch', destroy: true },
		];
		for (const fault of faults) collector.injectFault(fault);
		const started = Date.now();
		const result = await run('faults');
		record('withFaults', result, started);

		const batchStatuses = collector.requests
			.filter(({ path }) => path === '/v1/batch')
			.map(({ status }) => status);
		expect(batchStatuses.filter((status) => status === 503)).toHaveLength(6);
		// A dropped connection is never answered: no status recorded.
		expect(batchStatuses.filter((status) => status === 0)).toHaveLength(1);
		expectExactlyOnceOnWorkers(result);
	},
	10 * 60 * 1000,
);

describe('the Segment Trigger: its webhook arrives on main, its executions run on the workers', () => {
	/** Order Completed events (the trigger's filter) Segment delivers; the first AT_ONCE together. */
	const ORDERS = 50;
	const AT_ONCE = 30;
	/** Events of the source the mapping's trigger leaves out: Segment never delivers them. */
	const OTHER_EVENTS = 5;
	/** Deliveries whose answer is lost, so the collector sends them again (as Segment retries). */
	const LOST_ANSWERS = 1;
	/** The tag in the names of what the trigger creates. */
	const TAGGED = /\[n8n [0-9a-f]{12}\]$/;
	const triggerNode = triggerWorkflow.nodes.find(({ name }) => name === 'Segment Trigger')!;
	const triggerUrl = () => `${cluster.main!.url}/webhook/${String(triggerNode.webhookId)}/webhook`;
	const hmac = (secret: string, body: string) =>
		createHmac('sha1', secret).update(body).digest('hex');
	const order = (n: number) => ({
		type: 'track',
		event: 'Order Completed',
		userId: `queue-buyer-${n}`,
		messageId: `queue-order-${n}`,
		properties: { order: n },
	});

	/** Tracking calls from the website (its analytics library), to the workspace the trigger watches. */
	async function sendToSegment(path: '/batch' | '/track', body: unknown): Promise<void> {
		const response = await fetch(`${segment.trackingBaseUrl}${path}`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Authorization: basicAuthFor(WEBSITE.writeKey),
			},
			body: JSON.stringify(body),
		});
		expect([response.status, await response.text()]).toEqual([200, expect.any(String)]);
	}

	/** The Public API calls n8n made since request `from` of the collector, as "METHOD path". */
	function publicApiCalls(from = 0): string[] {
		return segment.requests
			.slice(from)
			.filter(({ api }) => api === 'publicApi')
			.map(({ method, path }) => `${method} ${path}`);
	}

	/** The trigger's registration in the workflow's static data, as main saved it in PostgreSQL. */
	async function registrationInDatabase(): Promise<Record<string, unknown> | undefined> {
		const [[text] = []] = await cluster.postgres.query(
			`SELECT "staticData" FROM workflow_entity WHERE id = '${triggerWorkflow.id}'`,
		);
		const staticData = (text ? JSON.parse(text) : {}) as Record<string, Record<string, unknown>>;
		return staticData['node:Segment Trigger']?.segmentRegistration as
			Record<string, unknown> | undefined;
	}

	/** What the registration in the static data must name: the destination and mapping created. */
	const registeredIds = () => ({
		destinationId: created!.destinationId,
		subscriptionId: created!.subscriptionId,
	});

	/** The events an execution's Segment Trigger output, from its run data in PostgreSQL. */
	async function triggeredEvents(executionId: string): Promise<Array<Record<string, unknown>>> {
		const [[data] = []] = await cluster.postgres.query(
			`SELECT data FROM execution_data WHERE "executionId" = ${Number(executionId)}`,
		);
		const { resultData } = unflatten(data) as {
			resultData: {
				runData: Record<
					string,
					Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
				>;
			};
		};
		return (resultData.runData['Segment Trigger']?.[0]?.data?.main[0] ?? []).map(
			({ json }) => json,
		);
	}

	/** The executions each worker started since `before` (a startedByWorker() snapshot). */
	function startedSince(before: Record<string, string[]>): Record<string, string[]> {
		return Object.fromEntries(
			Object.entries(startedByWorker()).map(([label, ids]) => [
				label,
				ids.filter((id) => !before[label].includes(id)),
			]),
		);
	}

	test('publishing it while main runs: main creates one destination and mapping, kept in PostgreSQL', async () => {
		await rest.activateWorkflow(triggerWorkflow.id);
		const { destinations, subscriptions } = segment.publicApiState;
		const tagged = destinations.filter(({ name }) => TAGGED.test(name));
		expect(tagged).toHaveLength(1);
		const [destination] = tagged;
		expect(destination.metadata.id).toBe(ACTIONS_WEBHOOK.id);
		expect(destination).toMatchObject({ sourceId: WEBSITE.id, enabled: true });
		expect(subscriptions).toEqual([
			expect.objectContaining({
				destinationId: destination.id,
				enabled: true,
				trigger: '(type = "track" and event = "Order Completed")',
				settings: expect.objectContaining({ url: triggerUrl(), method: 'POST' }),
			}),
		]);
		created = {
			destinationId: destination.id,
			subscriptionId: subscriptions[0].id,
			sharedSecret: String(destination.settings.sharedSecret),
		};
		expect(created.sharedSecret).toMatch(/^[0-9a-f]{64}$/);
		// Created once: one write of each.
		expect(publicApiCalls().filter((call) => !call.startsWith('GET '))).toEqual([
			'POST /destinations',
			`POST /destinations/${created.destinationId}/subscriptions`,
		]);
		// By main: its log names them; no worker ran any of the trigger's webhook methods.
		expect(cluster.main!.output).toContain(
			`Segment Trigger "Segment Trigger" (workflow ${triggerWorkflow.id}): created a Webhooks (Actions) destination ${created.destinationId} with mapping ${created.subscriptionId} on source ${WEBSITE.id}`,
		);
		for (const { process } of cluster.workers)
			expect(process.output).not.toMatch(/Segment Trigger[":]/);
		// In the workflow's static data in PostgreSQL, where every process reads it: the IDs and
		// what the secret is derived from, never the secret.
		expect(await registrationInDatabase()).toEqual(
			expect.objectContaining({
				kind: 'actions',
				sourceId: WEBSITE.id,
				...registeredIds(),
				secretNonce: expect.stringMatching(/^[0-9a-f]{64}$/),
				webhookUrl: triggerUrl(),
			}),
		);
		expect(
			await cluster.postgres.query(
				`SELECT count(*) FROM workflow_entity WHERE "staticData"::text LIKE '%${created.sharedSecret}%'`,
			),
		).toEqual([['0']]);
	});

	test(`${ORDERS} signed deliveries (${AT_ONCE} at once), ${OTHER_EVENTS} filtered out by Segment, ${LOST_ANSWERS} delivered twice: one execution per order, on both workers`, async () => {
		const started = Date.now();
		const workersBefore = startedByWorker();
		const apiCallsBefore = publicApiCalls().length;
		segment.injectDeliveryFault({ loseAnswer: true, times: LOST_ANSWERS });
		// One batch call: the collector delivers one request per event, all in flight together.
		const others = Array.from({ length: OTHER_EVENTS }, (_, index) => ({
			type: 'track',
			event: 'Cart Viewed',
			userId: `queue-browser-${index + 1}`,
			messageId: `queue-other-${index + 1}`,
		}));
		await sendToSegment('/batch', {
			batch: [...Array.from({ length: AT_ONCE }, (_, index) => order(index + 1)), ...others],
		});
		await segment.deliveriesSettled();
		const burstAttempts = segment.deliveries.length;
		// Then one at a time.
		for (let n = AT_ONCE + 1; n <= ORDERS; n++) {
			await sendToSegment('/track', order(n));
			await segment.deliveriesSettled();
		}
		const ran = await endedExecutions(ORDERS, triggerWorkflow.id);
		// Nothing else is on its way: every delivery was answered, and a late execution would show.
		await sleep(2000);
		expect(await executions(triggerWorkflow.id)).toHaveLength(ran.length);

		const deliveries = segment.deliveries;
		const byWorker = startedSince(workersBefore);
		const events = (await Promise.all(ran.map(async ({ id }) => await triggeredEvents(id)))).flat();
		const ids = events.map(({ messageId }) => String(messageId));
		measured.trigger = {
			n8n: e2eRuntime().version,
			eventsSent: ORDERS + OTHER_EVENTS,
			matchingEventsSent: ORDERS,
			deliveryAttempts: deliveries.length,
			answersLost: deliveries.filter(({ error }) => error?.includes('lost')).length,
			// Attempts n8n did not answer within the collector's timeout: Segment sends them again.
			timedOut: deliveries.filter(({ error }) => error?.startsWith('no answer within')).length,
			// How long main took to answer: the slowest of the burst, the median one at a time.
			answerMs: {
				atOnce: Math.max(...deliveries.slice(0, burstAttempts).map(({ durationMs }) => durationMs)),
				oneAtATime: median(deliveries.slice(burstAttempts).map(({ durationMs }) => durationMs)),
			},
			executions: ran.length,
			succeeded: ran.filter(({ status }) => status === 'success').length,
			executionsPerWorker: Object.fromEntries(
				Object.entries(byWorker).map(([label, started]) => [label, started.length]),
			),
			eventsReceived: events.length,
			duplicates: ids.length - new Set(ids).size,
			seconds: secondsSince(started),
		};
		writeMeasured('trigger');

		// n8n's record first (a failed one carries its error): one successful webhook execution per order.
		expect(ran.filter(({ status, mode }) => status !== 'success' || mode !== 'webhook')).toEqual(
			[],
		);
		const { timedOut } = measured.trigger as { timedOut: number };
		expect(measured.trigger).toMatchObject({
			// Segment filters by the mapping's trigger: the other events were never delivered. Every
			// attempt more than one per order is the lost answer's or a timed-out one's retry.
			deliveryAttempts: ORDERS + LOST_ANSWERS + timedOut,
			answersLost: LOST_ANSWERS,
			executions: ORDERS,
			eventsReceived: ORDERS,
			duplicates: 0,
		});
		// Each order delivered (answered 2xx) exactly once, after its retries.
		const delivered = deliveries
			.filter(({ outcome }) => outcome === 'delivered')
			.flatMap(({ messageIds }) => messageIds);
		expect(delivered.sort()).toEqual([...ids].sort());
		expect([...ids].sort()).toEqual(
			Array.from({ length: ORDERS }, (_, index) => order(index + 1).messageId).sort(),
		);
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'track',
				event: 'Order Completed',
				userId: 'queue-buyer-7',
				properties: { order: 7 },
			}),
		);
		// Each on one worker, none on main, and on both workers.
		expect(Object.values(byWorker).flat().sort()).toEqual(ran.map(({ id }) => id).sort());
		for (const started of Object.values(byWorker)) expect(started.length).toBeGreaterThan(0);
		// Receiving asks nothing of Segment, and the workers' runs left the registration as it was.
		expect(publicApiCalls().slice(apiCallsBefore)).toEqual([]);
		expect(await registrationInDatabase()).toEqual(expect.objectContaining(registeredIds()));
		// No execution record holds the secret.
		expect(
			await cluster.postgres.query(
				`SELECT count(*) FROM execution_data WHERE data LIKE '%${created!.sharedSecret}%' OR "workflowData"::text LIKE '%${created!.sharedSecret}%'`,
			),
		).toEqual([['0']]);
	});

	test('an unsigned or forged request gets 401; a repeat and an unwanted event get 200; none starts an execution', async () => {
		const before = await executions(triggerWorkflow.id);
		const forged = JSON.stringify(order(666));
		// Exactly what Segment sent for an order already run, its signature included.
		const repeat = segment.deliveries.find(({ outcome }) => outcome === 'delivered')!;
		const unwanted = JSON.stringify({ ...order(667), event: 'Cart Viewed' });
		const answers = await Promise.all(
			[
				{ body: forged, headers: {} as Record<string, string> },
				{ body: forged, headers: { 'X-Signature': hmac('a guessed secret', forged) } },
				{ body: repeat.body, headers: repeat.headers },
				{ body: unwanted, headers: { 'X-Signature': hmac(created!.sharedSecret, unwanted) } },
			].map(async ({ body, headers }) => {
				const response = await fetch(triggerUrl(), {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', ...headers },
					body,
				});
				return [response.status, await response.json()] as const;
			}),
		);
		expect(answers).toEqual([
			[401, { message: 'The X-Signature header is missing' }],
			[401, { message: 'The X-Signature header does not match the body' }],
			[200, { received: 1, started: 0, filtered: 0, repeated: 1 }],
			[200, { received: 1, started: 0, filtered: 1, repeated: 0 }],
		]);
		await sleep(2000);
		expect(await executions(triggerWorkflow.id)).toEqual(before);
		(measured.trigger as Record<string, unknown>).refusedForged = answers.filter(
			([status]) => status === 401,
		).length;
		writeMeasured('trigger');
	});

	test('a new main process creates nothing and verifies deliveries with the registration it reads from PostgreSQL', async () => {
		const requestsBefore = segment.requests.length;
		await cluster.restartMain();
		rest = await N8nRestSession.signIn(cluster.main!.url, e2eRuntime(), OWNER);
		// n8n answers 404 for a webhook it has not loaded yet; then the trigger refuses an unsigned call.
		await cluster.main!.waitUntil(async () => {
			const response = await fetch(triggerUrl(), { method: 'POST', body: '{}' });
			await response.body?.cancel();
			return response.status === 401;
		}, 60_000);
		// What a starting main does with an active workflow whose webhook is in its database:
		const { activatedLine, checks } = perN8n({
			// n8n 2.8 activates it again: n8n asks the trigger's checkExists, which reads the
			// registration from the static data and finds both in Segment.
			'n8n-2.8': {
				activatedLine: `Activated workflow "${triggerWorkflow.name}" (ID: ${triggerWorkflow.id})`,
				checks: [
					`GET /destinations/${created!.destinationId}`,
					`GET /destinations/${created!.destinationId}/subscriptions/${created!.subscriptionId}`,
				],
			},
			// n8n 2.41's publication service keeps the stored webhook as it is (its reconciler
			// republishes only workflows whose triggers are missing): the trigger is not asked.
			'n8n-2.41': { activatedLine: undefined, checks: [] },
		});
		if (activatedLine)
			await cluster.main!.waitUntil(() => cluster.main!.output.includes(activatedLine), 60_000);
		expect(publicApiCalls(requestsBefore)).toEqual(checks);
		expect(cluster.main!.output).not.toContain('created a Webhooks (Actions) destination');

		const before = new Set((await executions(triggerWorkflow.id)).map(({ id }) => id));
		const workersBefore = startedByWorker();
		await sendToSegment('/track', order(ORDERS + 1));
		await segment.deliveriesSettled();
		const added = (await endedExecutions(before.size + 1, triggerWorkflow.id)).filter(
			({ id }) => !before.has(id),
		);
		expect(added).toEqual([expect.objectContaining({ status: 'success', mode: 'webhook' })]);
		expect(await triggeredEvents(added[0].id)).toEqual([
			expect.objectContaining({ messageId: order(ORDERS + 1).messageId }),
		]);
		expect(Object.values(startedSince(workersBefore)).flat()).toEqual([added[0].id]);
	});

	test('unpublishing deletes the mapping, then the destination, and the registration', async () => {
		const requestsBefore = segment.requests.length;
		await rest.deactivateWorkflow(triggerWorkflow.id);
		expect(publicApiCalls(requestsBefore).filter((call) => !call.startsWith('GET '))).toEqual([
			`DELETE /destinations/${created!.destinationId}/subscriptions/${created!.subscriptionId}`,
			`DELETE /destinations/${created!.destinationId}`,
		]);
		const { destinations, subscriptions } = segment.publicApiState;
		expect(destinations.filter(({ name }) => TAGGED.test(name))).toEqual([]);
		expect(subscriptions).toEqual([]);
		expect(await registrationInDatabase()).toBeUndefined();
		expect(cluster.main!.output).toContain(
			`Segment Trigger "Segment Trigger": deleted the Webhooks (Actions) destination ${created!.destinationId}`,
		);
	});
});

test('a worker without the package fails the execution and sends nothing: the package belongs on every worker', async () => {
	for (const { process } of cluster.workers) await process.stop();
	// The same database, queue and encryption key, but a user folder without the package.
	const folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-e2e-bare-worker-'));
	const { env, encryptionKey } = cluster.instance.options;
	let worker: RunningProcess | undefined;
	try {
		const bare = await N8nInstance.create(e2eRuntime(), folder, { env, encryptionKey });
		worker = await bare.worker({
			label: 'n8n worker without the package',
			brokerPort: await freePort(),
			healthPort: await freePort(),
		});
		const before = new Set((await executions()).map(({ id }) => id));
		const response = await fetch(`${cluster.main!.url}/webhook/segment-queue-mode`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ run: 'bare', call: 0, items: 3 }),
		});
		expect(response.status).toBe(500);
		const added = (await endedExecutions(before.size + 1)).filter(({ id }) => !before.has(id));
		expect(added).toEqual([
			expect.objectContaining({
				status: 'error',
				error: expect.stringContaining('Unrecognized node type: n8n-nodes-segment.segment'),
			}),
		]);
		expect(worker.output).toContain(`Worker started execution ${added[0].id} `);
		expect(collector.requests).toEqual([]);
	} finally {
		await worker?.stop();
		rmSync(folder, { recursive: true, force: true });
	}
});

test('no secret in the logs of main or the workers', () => {
	expect(created?.sharedSecret).toMatch(/^[0-9a-f]{64}$/);
	const logs = cluster.outputs();
	for (const secret of [
		WRITE_KEY,
		basicAuthFor(WRITE_KEY).slice('Basic '.length),
		WEBSITE.writeKey,
		PUBLIC_API_TOKEN,
		created!.sharedSecret,
	]) {
		for (const log of logs) expect(log).not.toContain(secret);
	}
});

test('n8n sent nothing beyond 127.0.0.1', () => {
	expect(trap.attempts).toEqual([]);
});
