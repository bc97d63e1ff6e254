import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SegmentCollector } from '../../collector';
import { collectorCredential } from '../n8n/examples';
import { N8nInstance, type ExecutionJson, type WorkflowJson } from '../n8n/instance';
import { packageManifest, packPackage } from '../n8n/pack';
import type { N8nRuntime } from '../n8n/runtime';
import { WRITE_KEY } from './scenarios';

/**
 * The configuration most users build, in the real n8n CLI: a Code node hands over the items, then
 * either this package's Track (User ID and three typed Fields properties, each its own `$json`
 * expression) or n8n's own Edit Fields node setting the same four fields with the same
 * expressions. Each node's execution time comes from the run data n8n records.
 */

export interface RealN8nResult {
	items: number;
	/** Each node's execution time (ms) in every run, in run order. */
	segmentMs: number[];
	setMs: number[];
	/** Requests the collector received in the Segment node's last run. */
	requests: number;
	n8nVersion: string;
	error?: string;
}

const CREDENTIAL = { id: 'benchSegment0001', name: 'Segment (bench collector)' };

/** The same four expressions in both workflows. */
const FIELDS = [
	{ name: 'plan', type: 'string' },
	{ name: 'revenue', type: 'number' },
	{ name: 'country', type: 'string' },
] as const;

function codeNode(items: number): WorkflowJson['nodes'][number] {
	return {
		id: 'bench-items',
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			jsCode: [
				'const plans = ["free", "pro", "team"];',
				'const countries = ["NL", "US", "DE", "FR"];',
				`return Array.from({ length: ${items} }, (_, i) => ({`,
				'  json: { id: `user-${String(i).padStart(7, "0")}`, plan: plans[i % 3], revenue: (i % 1000) / 10, country: countries[i % 4] },',
				'}));',
			].join('\n'),
		},
	};
}

function workflow(
	id: string,
	name: string,
	items: number,
	node: WorkflowJson['nodes'][number],
): WorkflowJson {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'bench-trigger',
				name: 'Run',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			codeNode(items),
			node,
		],
		connections: {
			Run: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		},
	};
}

function segmentWorkflow(items: number, packageName: string): WorkflowJson {
	return workflow('benchSegmentTrk1', 'bench: Segment Track, per-field expressions', items, {
		id: 'bench-segment',
		name: 'Segment',
		type: `${packageName}.segment`,
		typeVersion: 1,
		position: [400, 0],
		parameters: {
			resource: 'tracking',
			operation: 'track',
			event: 'Order Completed',
			userId: '={{ $json.id }}',
			properties: {
				assignments: FIELDS.map(({ name, type }, index) => ({
					id: `bench-field-${index}`,
					name,
					value: `={{ $json.${name} }}`,
					type,
				})),
			},
		},
		credentials: { twilioSegmentApi: CREDENTIAL },
	});
}

function setWorkflow(items: number): WorkflowJson {
	return workflow('benchEditFields1', 'bench: Edit Fields, the same expressions', items, {
		id: 'bench-set',
		name: 'Edit Fields',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [400, 0],
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [{ name: 'id', type: 'string' }, ...FIELDS].map(({ name, type }, index) => ({
					id: `bench-set-${index}`,
					name,
					value: `={{ $json.${name} }}`,
					type,
				})),
			},
			options: {},
		},
	});
}

function executionTime(execution: ExecutionJson | undefined, node: string): number {
	const run = execution?.data.resultData.runData[node]?.[0] as
		{ executionTime?: number; data?: { main: unknown[][] } } | undefined;
	if (typeof run?.executionTime !== 'number') throw new Error(`No run data for "${node}"`);
	return run.executionTime;
}

function outputCount(execution: ExecutionJson | undefined, node: string): number {
	return execution?.data.resultData.runData[node]?.[0]?.data?.main[0]?.length ?? 0;
}

/**
 * Packs this package (`npm pack`, which builds it), installs it into a fresh n8n user folder the
 * way n8n installs community packages, and runs both workflows `runs` times, alternating.
 */
export async function runRealN8n(options: {
	runtime: N8nRuntime;
	collector: SegmentCollector;
	items: number;
	runs: number;
	log: (line: string) => void;
	/** More environment for n8n (e.g. NODE_OPTIONS=--cpu-prof to profile it). */
	env?: NodeJS.ProcessEnv;
}): Promise<RealN8nResult> {
	const { runtime, collector, items, runs, log, env } = options;
	const result: RealN8nResult = {
		items,
		segmentMs: [],
		setMs: [],
		requests: 0,
		n8nVersion: runtime.version,
	};
	const scratch = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-bench-n8n-'));
	try {
		log('  real n8n: packing the package and installing it into a fresh n8n user folder…');
		const tarball = await packPackage(join(scratch, 'pack'));
		const instance = await N8nInstance.create(runtime, join(scratch, 'user'), { env });
		await instance.installPackage(tarball);
		await instance.importCredentials([
			collectorCredential(collector, { writeKey: WRITE_KEY, publicApiToken: '' }, CREDENTIAL),
		]);
		const { name: packageName } = packageManifest();
		const segment = segmentWorkflow(items, packageName);
		const set = setWorkflow(items);
		await instance.importWorkflow(segment);
		await instance.importWorkflow(set);

		for (let run = 0; run < runs; run++) {
			collector.reset();
			const sent = await instance.execute(segment.id);
			if (sent.code !== 0)
				throw new Error(`The Segment workflow failed:\n${sent.output.slice(-2000)}`);
			const arrivals = collector.arrivalsByMessageId();
			if (collector.received.length !== items || arrivals.size !== items) {
				throw new Error(
					`${collector.received.length} events arrived (${arrivals.size} distinct) for ${items} items`,
				);
			}
			if (outputCount(sent.execution, 'Segment') !== items) {
				throw new Error(`The Segment node output ${outputCount(sent.execution, 'Segment')} items`);
			}
			result.segmentMs.push(executionTime(sent.execution, 'Segment'));
			result.requests = collector.requests.length;

			const edited = await instance.execute(set.id);
			if (edited.code !== 0)
				throw new Error(`The Edit Fields workflow failed:\n${edited.output.slice(-2000)}`);
			if (outputCount(edited.execution, 'Edit Fields') !== items) {
				throw new Error(`Edit Fields output ${outputCount(edited.execution, 'Edit Fields')} items`);
			}
			result.setMs.push(executionTime(edited.execution, 'Edit Fields'));
			log(
				`  real n8n, run ${run + 1}: Segment ${result.segmentMs[run]} ms, Edit Fields ${result.setMs[run]} ms (${items} items each)`,
			);
		}
	} catch (error) {
		result.error = (error as Error).message;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
	return result;
}
