import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

/**
 * One benchmark scenario, run alone in its own process so its time and memory are its own. The
 * parent (scripts/bench/index.ts) runs the collector and compares the scenarios.
 */

export type ScenarioName =
	| 'ours-batched'
	| 'ours-fields'
	| 'ours-batch-items'
	| 'ours-per-item'
	| 'builtin'
	| 'analytics-node'
	| 'floor';

export interface ScenarioInput {
	scenario: ScenarioName;
	items: number;
	trackingBaseUrl: string;
	/** For the floor: a file holding the request bodies the batched node sent. */
	bodiesFile?: string;
	/** For the built-in node: the n8n installation that holds n8n-nodes-base. */
	n8nRuntimeDir?: string;
	concurrency: number;
	/** Write a CPU profile of the measured part here (`--profile`): `<scenario>-<items>.cpuprofile`. */
	profileDir?: string;
}

export interface ScenarioResult {
	wallMs: number;
	/** CPU time (user and system) the scenario's process spent meanwhile. */
	cpuMs: number;
	/** For a node run through n8n's engine: the node's execution time, as n8n's run data has it. */
	nodeMs?: number;
	inputBytes: number;
	baselineRssMb: number;
	peakRssMb: number;
	note?: string;
	error?: string;
}

export const WRITE_KEY = 'wk_bench_dummy';
const EVENT = 'Order Completed';
const PROPERTY_NAMES = ['orderId', 'product', 'currency', 'note'];

/** Track events of about 1 KB as Segment receives them, the same for every scenario. */
export function benchItems(count: number): IDataObject[] {
	const note = 'n'.repeat(760);
	return Array.from({ length: count }, (_, index) => {
		const id = String(index).padStart(7, '0');
		return {
			userId: `user-${id}`,
			event: EVENT,
			properties: { orderId: `order-${id}`, product: 'Widget Pro', currency: 'EUR', note },
		};
	});
}

/** A CPU profile of what runs between start and stop (sampled every 100 µs). */
async function startProfiler(): Promise<{ stop: () => Promise<object> }> {
	const { Session } = await import('node:inspector/promises');
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 100 });
	await session.post('Profiler.start');
	return {
		stop: async () => {
			const { profile } = await session.post('Profiler.stop');
			session.disconnect();
			return profile;
		},
	};
}

/** Samples resident memory while a scenario runs. */
function rssSampler(): { stop: () => number } {
	let peak = process.memoryUsage.rss();
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 5);
	return {
		stop: () => {
			clearInterval(timer);
			return Math.max(peak, process.memoryUsage.rss());
		},
	};
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

interface Ran {
	note?: string;
	nodeMs?: number;
}

async function runNodeScenario(input: ScenarioInput, items: IDataObject[]): Promise<Ran> {
	const engine = await import('../../test/harness/engine');
	// The input node hands over items built before the clock starts.
	const inputKey = engine.prepareItems(items);

	let nodeType = engine.SEGMENT_NODE_TYPE;
	let credentialType = engine.SEGMENT_CREDENTIAL;
	let credentials: ICredentialDataDecryptedObject = {
		writeKey: WRITE_KEY,
		trackingBaseUrl: input.trackingBaseUrl,
	};
	let parameters: INodeParameters = {
		resource: 'tracking',
		operation: 'track',
		event: '={{ $json.event }}',
		userId: '={{ $json.userId }}',
		propertiesInput: 'json',
		propertiesJson: '={{ $json.properties }}',
		options: { sendInBatches: input.scenario !== 'ours-per-item', concurrency: input.concurrency },
	};
	let note: string | undefined;

	if (input.scenario === 'ours-fields') {
		// What most users build: each property a typed field holding its own expression.
		delete parameters.propertiesJson;
		parameters.propertiesInput = 'fields';
		parameters.properties = {
			assignments: PROPERTY_NAMES.map((name, index) => ({
				id: String(index),
				name,
				value: `={{ $json.properties.${name} }}`,
				type: 'string',
			})),
		};
		note = 'Properties as typed Fields, one `={{ $json.properties.<name> }}` expression each';
	}

	if (input.scenario === 'ours-batch-items') {
		// The Batch operation reads each item as one call: no expression to resolve per item.
		// The prepared items are these same objects.
		for (const item of items) item.type = 'track';
		parameters = {
			resource: 'tracking',
			operation: 'batch',
			callsFrom: 'items',
			options: { concurrency: input.concurrency },
		};
		note = 'Batch operation, Calls From: Input Items (items already shaped as Segment calls)';
	}

	if (input.scenario === 'builtin') {
		if (!input.n8nRuntimeDir) throw new Error('The built-in node needs an n8n installation');
		const base = join(input.n8nRuntimeDir, 'node_modules', 'n8n-nodes-base', 'dist');
		const { Segment } = (await import(join(base, 'nodes', 'Segment', 'Segment.node.js'))) as {
			Segment: new () => INodeType;
		};
		const { SegmentApi } = (await import(
			join(base, 'credentials', 'SegmentApi.credentials.js')
		)) as {
			SegmentApi: new () => Parameters<typeof engine.registerCredentialType>[0];
		};
		engine.registerNodeType('n8n-nodes-base.segment', new Segment());
		engine.registerCredentialType(new SegmentApi());
		nodeType = 'n8n-nodes-base.segment';
		credentialType = 'segmentApi';
		credentials = { writekey: WRITE_KEY };
		parameters = {
			resource: 'track',
			operation: 'event',
			userId: '={{ $json.userId }}',
			event: '={{ $json.event }}',
			context: {},
			integrations: {},
			properties: {
				propertiesUi: PROPERTY_NAMES.map((key) => ({
					key,
					value: `={{ $json.properties.${key} }}`,
				})),
			},
		};
		// The built-in node always calls https://api.segment.io: point that host at the collector,
		// in this process, on the axios that n8n-core sends with.
		const { default: axios } = (await import(
			require.resolve('axios', { paths: [require.resolve('n8n-core')] })
		)) as {
			default: typeof import('axios').default;
		};
		const target = new URL(input.trackingBaseUrl).origin;
		axios.interceptors.request.use((config) => {
			if (config.url?.startsWith('https://api.segment.io')) {
				config.url = config.url.replace('https://api.segment.io', target);
			}
			return config;
		});
		note = `requests to https://api.segment.io rewritten to ${target} by an axios request interceptor on n8n-core's axios, in the benchmark process`;
	}

	const workflow = {
		nodes: [
			{
				id: 'in',
				name: 'Input',
				type: engine.PREPARED_INPUT_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { key: inputKey },
			},
			{
				id: 'segment',
				name: 'Segment',
				type: nodeType,
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters,
				credentials: { [credentialType]: { id: 'bench', name: 'bench' } },
			},
		],
		connections: { Input: { main: [[{ node: 'Segment', type: 'main' as const, index: 0 }]] } },
	};
	const result = await engine.executeWorkflow(workflow, { [credentialType]: credentials });
	if (result.error) throw new Error(result.error.message);
	const output = result.output();
	if (output.length !== items.length)
		throw new Error(`${output.length} output items for ${items.length} input items`);
	return { note, nodeMs: result.run.data.resultData.runData.Segment?.[0]?.executionTime };
}

async function runAnalyticsNode(input: ScenarioInput, items: IDataObject[]): Promise<string> {
	const { Analytics } = await import('@segment/analytics-node');
	const analytics = new Analytics({
		writeKey: WRITE_KEY,
		host: new URL(input.trackingBaseUrl).origin,
		path: '/v1/batch',
		// Tuned for throughput. Its own 480 KB check undercounts bytes (it counts
		// encodeURI(json).split(/%..|i/) pieces), so a batch of 2,500 1 KB events would exceed Segment's
		// 500 KB and be refused: 400 events per batch keeps these ~1 KB events under 500 KB.
		flushAt: 400,
		flushInterval: 100,
		maxRetries: 0,
	});
	for (const { userId, event, properties } of items) {
		analytics.track({
			userId: userId as string,
			event: event as string,
			properties: properties as IDataObject,
		});
	}
	await analytics.closeAndFlush();
	return 'flushAt 400 (its batch-size check undercounts bytes), flushInterval 100 ms, host option pointed at the collector';
}

/** The same request bodies, in the same number of requests, with a bare keep-alive client. */
async function runFloor(input: ScenarioInput): Promise<string> {
	const bodies = JSON.parse(readFileSync(input.bodiesFile as string, 'utf8')) as string[];
	const url = new URL(`${input.trackingBaseUrl}/batch`);
	const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency });
	const authorization = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			await new Promise<void>((resolve, reject) => {
				const outgoing = request(
					url,
					{
						method: 'POST',
						agent,
						headers: {
							'Content-Type': 'application/json',
							'Content-Length': Buffer.byteLength(body),
							Authorization: authorization,
						},
					},
					(response) => {
						response.resume();
						response.on('end', () =>
							response.statusCode === 200
								? resolve()
								: reject(new Error(`HTTP ${response.statusCode}`)),
						);
					},
				);
				outgoing.on('error', reject);
				outgoing.end(body);
			});
		}
	};
	await Promise.all(Array.from({ length: input.concurrency }, worker));
	agent.destroy();
	return `${bodies.length} recorded request bodies replayed with a keep-alive http.Agent, ${input.concurrency} at a time`;
}

async function run(input: ScenarioInput, items: IDataObject[]): Promise<Ran> {
	if (input.scenario === 'analytics-node') return { note: await runAnalyticsNode(input, items) };
	if (input.scenario === 'floor') return { note: await runFloor(input) };
	return await runNodeScenario(input, items);
}

export async function runScenario(input: ScenarioInput): Promise<ScenarioResult> {
	const items = input.scenario === 'floor' ? [] : benchItems(input.items);
	const inputBytes = items.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), 0);
	if (input.scenario !== 'floor') {
		// Warm up on a throwaway collector: loading and compiling code is not the work compared.
		const { SegmentCollector } = await import('../../collector');
		const warmUp = await SegmentCollector.start({ recordBodies: false });
		await run({ ...input, trackingBaseUrl: warmUp.trackingBaseUrl }, benchItems(50));
		await warmUp.close();
	}
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const profiler = input.profileDir ? await startProfiler() : undefined;
	const baseline = process.memoryUsage.rss();
	const sampler = rssSampler();
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	let ran: Ran = {};
	let error: string | undefined;
	try {
		ran = await run(input, items);
	} catch (caught) {
		error = (caught as Error).message;
	}
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const { user, system } = process.cpuUsage(cpuBefore);
	const peak = sampler.stop();
	if (profiler && input.profileDir) {
		const profile = await profiler.stop();
		writeFileSync(
			join(input.profileDir, `${input.scenario}-${input.items}.cpuprofile`),
			JSON.stringify(profile),
		);
	}
	return {
		wallMs,
		cpuMs: (user + system) / 1000,
		nodeMs: ran.nodeMs,
		inputBytes,
		baselineRssMb: mb(baseline),
		peakRssMb: mb(peak),
		note: ran.note,
		error,
	};
}
