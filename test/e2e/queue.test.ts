import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SegmentCollector, type Fault } from '../../collector';
import { collectorCredential } from '../../scripts/n8n/examples';
import { freePort, N8nInstance } from '../../scripts/n8n/instance';
import type { RunningProcess } from '../../scripts/n8n/process';
import { QueueModeN8n } from '../../scripts/n8n/queue';
import { REPO_ROOT } from '../../scripts/n8n/runtime';
import { basicAuthFor, WRITE_KEY } from '../harness/collector';
import {
	e2eRuntime,
	e2eTarball,
	outboundTrapEnv,
	readTestWorkflow,
	startOutboundTrap,
	type OutboundTrap,
} from './harness';

/**
 * n8n's queue mode as production runs it: Redis and PostgreSQL (Debian's, installed by this set-up
 * when missing), n8n main and two `n8n worker`s sharing the encryption key and the user folder the
 * packed package is installed in. `n8n execute` never uses workers, so an active (published)
 * workflow's Webhook is called over HTTP, as production traffic arrives: main enqueues each call's
 * execution and a worker runs it (Webhook → Code making N items → Segment Track). Concurrent calls
 * must land on both workers and every event must reach the collector exactly once, also when
 * Segment answers 503 and drops a connection.
 */

const CALLS = 20;
const ITEMS_PER_CALL = 500;
const WORKERS = 2;
/** Jobs a worker runs at once (`n8n worker --concurrency`; n8n's default is 10). */
const WORKER_CONCURRENCY = 5;
const workflow = readTestWorkflow('queue-webhook-track.json');
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'queue-mode');

let trap: OutboundTrap;
let collector: SegmentCollector;
let cluster: QueueModeN8n;

beforeAll(
	async () => {
		trap = await startOutboundTrap();
		collector = await SegmentCollector.start({ writeKeys: [WRITE_KEY] });
		cluster = await QueueModeN8n.prepare({
			runtime: e2eRuntime(),
			env: outboundTrapEnv(trap),
			log: (line) => process.stdout.write(`[e2e queue] ${line}\n`),
		});
		// Installed once into the user folder main and the workers share.
		await cluster.instance.installPackage(e2eTarball());
		await cluster.instance.importCredentials([
			collectorCredential(collector, { writeKey: WRITE_KEY, publicApiToken: '' }),
		]);
		await cluster.instance.importWorkflow(workflow);
		await cluster.instance.publishWorkflow(workflow.id);
		await cluster.start({ workers: WORKERS, concurrency: WORKER_CONCURRENCY });
	},
	10 * 60 * 1000,
);

afterAll(async () => {
	await cluster?.stop({ keep: Boolean(process.env.SEGMENT_E2E_KEEP) });
	await collector?.close();
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

/** The workflow's executions as n8n stored them in PostgreSQL; a failed one with its error. */
async function executions(): Promise<Execution[]> {
	const rows = await cluster.postgres.query(
		`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${workflow.id}' ORDER BY id`,
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
	const added = (await executions()).filter(({ id }) => !before.has(id));
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
		seconds: Math.round((Date.now() - startedMs) / 100) / 10,
	};
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
		const added = (await executions()).filter(({ id }) => !before.has(id));
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
	const logs = [cluster.main!.output, ...cluster.workers.map(({ process }) => process.output)];
	for (const secret of [WRITE_KEY, basicAuthFor(WRITE_KEY).slice('Basic '.length)]) {
		for (const log of logs) expect(log).not.toContain(secret);
	}
});

test('n8n sent nothing beyond 127.0.0.1', () => {
	expect(trap.attempts).toEqual([]);
});
