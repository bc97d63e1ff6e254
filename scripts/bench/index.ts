import { spawn } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { SegmentCollector } from '../../collector';
import { minimumBatchRequests } from '../../nodes/Segment/transport/batch';
import { ensureN8nRuntime, type N8nRuntime } from '../n8n/runtime';
import { renderChart, type ChartBar, type ChartPanel } from './chart';
import { runRealN8n, type RealN8nResult } from './n8n';
import { formatSummary, summariseProfile } from './profile';
import type { ScenarioInput, ScenarioName, ScenarioResult } from './scenarios';

/**
 * `npm run bench`: the node against n8n's built-in Segment node, Segment's analytics-node and a bare
 * HTTP client, side by side in one run, on one machine, against the same local collector; the same
 * with a 50 ms answer delay (a real round trip to Segment); and the typical configuration (per-field
 * expressions) in the real n8n CLI beside n8n's own Edit Fields node. Each engine scenario runs in
 * its own process; the collector runs here and checks that every event arrived exactly once. Prints
 * the tables and the `bench:` line, and writes the chart (docs/benchmark.svg).
 */

const ROOT = join(__dirname, '..', '..');

interface ScenarioSpec {
	name: ScenarioName;
	label: string;
	kind: ChartBar['kind'];
	/** One request per item: only up to the headline size unless --full. */
	slow?: boolean;
}

const SCENARIOS: ScenarioSpec[] = [
	{ name: 'ours-batched', label: 'this node, auto-batched (JSON properties)', kind: 'ours' },
	{
		name: 'ours-fields',
		label: 'this node, auto-batched (Fields, per-field expressions)',
		kind: 'ours',
	},
	{ name: 'ours-batch-items', label: 'this node, Batch from input items', kind: 'ours' },
	{ name: 'ours-per-item', label: 'this node, one request per item', kind: 'ours', slow: true },
	{ name: 'builtin', label: "n8n's built-in Segment node", kind: 'other', slow: true },
	{ name: 'analytics-node', label: '@segment/analytics-node', kind: 'other' },
	{ name: 'floor', label: 'floor: same bytes, bare keep-alive client', kind: 'floor' },
];
const LATENCY_SCENARIOS: ScenarioName[] = [
	'ours-batched',
	'ours-per-item',
	'builtin',
	'analytics-node',
];

const spec = (name: ScenarioName) =>
	SCENARIOS.find((scenario) => scenario.name === name) as ScenarioSpec;

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : process.argv[index + 1];
}

async function runChild(input: ScenarioInput): Promise<ScenarioResult> {
	return await new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--expose-gc', '--import', 'tsx', join(__dirname, 'child.ts'), JSON.stringify(input)],
			{
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', (code) => {
			const last = stdout.trim().split('\n').pop() ?? '';
			try {
				resolve(JSON.parse(last) as ScenarioResult);
			} catch {
				reject(new Error(`scenario ${input.scenario} exited ${code}: ${stdout.slice(-500)}`));
			}
		});
	});
}

interface Row {
	scenario: ScenarioName;
	items: number;
	/** The collector's answer delay for this row, in ms. */
	latencyMs: number;
	result?: ScenarioResult;
	/** How many times it ran; its result holds the medians. */
	runs?: number;
	requests: number;
	events: number;
	skipped?: string;
}

/** n8n's own nodes come from the n8n the end-to-end tests run (installed on first use). */
function hasBuiltinSegment(runtime: N8nRuntime): boolean {
	return existsSync(
		join(runtime.dir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'Segment'),
	);
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const growthMb = (result: ScenarioResult) => round(result.peakRssMb - result.baselineRssMb, 1);
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The median of each measure over repeated runs of one scenario. */
function medianResult(results: ScenarioResult[]): ScenarioResult {
	const of = (measure: (result: ScenarioResult) => number) => median(results.map(measure));
	const baselineRssMb = of((result) => result.baselineRssMb);
	const nodeTimes = results.flatMap(({ nodeMs }) => (nodeMs === undefined ? [] : [nodeMs]));
	return {
		...results[0],
		wallMs: of((result) => result.wallMs),
		cpuMs: of((result) => result.cpuMs),
		nodeMs: nodeTimes.length > 0 ? median(nodeTimes) : undefined,
		baselineRssMb,
		peakRssMb: round(baselineRssMb + of((result) => result.peakRssMb - result.baselineRssMb), 1),
	};
}

function table(rows: Row[]): string[] {
	const lines = [
		'| items | scenario | wall time | node time | CPU time | requests | events/s | peak RSS | RSS growth | input |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const { scenario, items, result, requests, events, skipped } of rows) {
		const { label } = spec(scenario);
		if (!result) {
			lines.push(`| ${items} | ${label} | ${skipped} | | | | | | | |`);
			continue;
		}
		const rate = result.error
			? result.error
			: Math.round(events / (result.wallMs / 1000)).toLocaleString('en-US');
		const inputMb = round(result.inputBytes / 1024 / 1024, 1);
		lines.push(
			`| ${items} | ${label} | ${result.wallMs.toFixed(0)} ms | ${result.nodeMs === undefined ? '' : `${result.nodeMs} ms`} | ${result.cpuMs.toFixed(0)} ms | ${requests} | ${rate} | ${result.peakRssMb} MB | ${growthMb(result)} MB | ${inputMb ? `${inputMb} MB` : ''} |`,
		);
	}
	return lines;
}

async function main(): Promise<void> {
	const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
	const headline = Number(option('headline', '10000'));
	const concurrency = Number(option('concurrency', '4'));
	const latencyMs = Number(option('latency-ms', '50'));
	const latencyItems = Number(option('latency-items', '1000'));
	const n8nItems = Number(option('n8n-items', '20000'));
	const n8nRuns = Number(option('n8n-runs', '3'));
	const chartPath = resolve(ROOT, option('chart', join('docs', 'benchmark.svg')));
	const only = option('scenarios', '').split(',').filter(Boolean);
	const repeat = Number(option('repeat', '3'));
	const profileDir = process.argv.includes('--profile')
		? join(ROOT, 'test-artifacts', 'bench-profiles')
		: undefined;
	if (profileDir) mkdirSync(profileDir, { recursive: true });
	const full = process.argv.includes('--full');
	const skipN8n = process.argv.includes('--no-n8n');
	// The machine's 1-minute load average, sampled around every scenario: the ratios are in-run
	// comparisons, but a busy machine makes every time longer, and this says how busy it was.
	const load = { start: loadavg()[0], max: loadavg()[0] };
	const sampleLoad = () => (load.max = Math.max(load.max, loadavg()[0]));

	const runtime = await ensureN8nRuntime((line) => console.error(line));
	const builtinAvailable = hasBuiltinSegment(runtime);
	const collector = await SegmentCollector.start({ recordBodies: false });
	const scratch = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-bench-'));
	const rows: Row[] = [];
	const headlineStats: { requests?: number; minRequests?: number } = {};
	const notes = new Map<string, string>();

	const runRow = async (
		scenario: ScenarioName,
		items: number,
		delayMs: number,
		bodiesFile?: string,
	): Promise<Row> => {
		const { label, slow } = spec(scenario);
		const skip = (skipped: string): Row => ({
			scenario,
			items,
			latencyMs: delayMs,
			requests: 0,
			events: 0,
			skipped,
		});
		if (only.length > 0 && !only.includes(scenario)) return skip('not selected (--scenarios)');
		if (slow && items > headline && !full)
			return skip(`skipped above ${headline} items (--full runs it)`);
		if (scenario === 'builtin' && !builtinAvailable)
			return skip('the n8n installation has no n8n-nodes-base Segment node');
		const runs: Array<{ result: ScenarioResult; requests: number; events: number }> = [];
		// Repeated up to the headline size; the one-request-per-item and the larger runs take long.
		const measured = slow || items > headline ? 1 : repeat;
		// With --profile, one more run, profiled (the profiler slows it): not among the measured.
		const total = measured + (profileDir && delayMs === 0 ? 1 : 0);
		for (let run = 0; run < total; run++) {
			const profiled = run === measured;
			collector.reset();
			collector.answerDelayMs = delayMs;
			collector.recordBodies = scenario === 'ours-batched' && delayMs === 0;
			const result = await runChild({
				scenario,
				items,
				trackingBaseUrl: collector.trackingBaseUrl,
				bodiesFile,
				n8nRuntimeDir: runtime.dir,
				concurrency,
				profileDir: profiled ? profileDir : undefined,
			});
			const arrivals = collector.arrivalsByMessageId();
			const events = collector.received.length;
			if (!result.error && scenario !== 'floor' && (events !== items || arrivals.size !== items)) {
				result.error = `${events} events arrived (${arrivals.size} distinct) for ${items} items`;
			}
			if (result.note) notes.set(label, result.note);
			const status = result.error ? `FAILED: ${result.error}` : `${result.wallMs.toFixed(0)} ms`;
			console.error(
				`  ${String(items).padStart(6)} items${delayMs ? `, ${delayMs} ms answers` : ''}  ${label.padEnd(56)} ${status}${profiled ? ' (profiled)' : ''}`,
			);
			if (profiled) break;
			sampleLoad();
			runs.push({ result, requests: collector.requests.length, events });
			if (result.error) break;
		}
		const last = runs[runs.length - 1];
		return {
			scenario,
			items,
			latencyMs: delayMs,
			result: last.result.error ? last.result : medianResult(runs.map(({ result }) => result)),
			runs: runs.length,
			requests: last.requests,
			events: last.events,
		};
	};

	for (const items of sizes) {
		let bodiesFile: string | undefined;
		for (const { name } of SCENARIOS) {
			const row = await runRow(name, items, 0, bodiesFile);
			rows.push(row);
			if (name === 'ours-batched' && row.result) {
				const bodies = collector.requests.map(({ body }) => body);
				bodiesFile = join(scratch, `bodies-${items}.json`);
				writeFileSync(bodiesFile, JSON.stringify(bodies));
				if (items === headline) {
					const entries = bodies.flatMap((body) =>
						(JSON.parse(body) as { batch: unknown[] }).batch.map((event) => {
							const json = JSON.stringify(event);
							return { json, bytes: Buffer.byteLength(json) };
						}),
					);
					headlineStats.requests = collector.requests.length;
					headlineStats.minRequests = minimumBatchRequests(entries);
				}
			}
		}
	}

	const latencyRows: Row[] = [];
	if (latencyMs > 0) {
		for (const name of LATENCY_SCENARIOS) {
			latencyRows.push(await runRow(name, latencyItems, latencyMs));
		}
	}
	collector.answerDelayMs = 0;

	let realN8n: RealN8nResult | undefined;
	if (!skipN8n) {
		realN8n = await runRealN8n({
			runtime,
			collector,
			items: n8nItems,
			runs: n8nRuns,
			log: (line) => {
				sampleLoad();
				console.error(line);
			},
		});
	}
	await collector.close();
	sampleLoad();

	// ---- report ---------------------------------------------------------------------------------
	const machine = `${cpus().length} cores, Node.js ${process.versions.node}; load average ${load.start.toFixed(2)} at the start, ${load.max.toFixed(2)} at most, ${loadavg()[0].toFixed(2)} at the end`;
	console.log(`\n${machine}\n`);
	console.log('On the loopback (the collector answers at once):\n');
	for (const line of table(rows)) console.log(line);
	if (latencyRows.length > 0) {
		console.log(
			`\nEvery answer ${latencyMs} ms after the request (a round trip to Segment from a cloud region):\n`,
		);
		for (const line of table(latencyRows)) console.log(line);
	}
	if (realN8n) {
		console.log(
			`\nIn the real n8n ${realN8n.n8nVersion} CLI (\`n8n execute\`), ${realN8n.items} items from a Code node; each node's execution time from n8n's run data, ${n8nRuns} runs each, alternating:\n`,
		);
		if (realN8n.error) {
			console.log(`FAILED: ${realN8n.error}`);
		} else {
			console.log('| node | execution time (median) | runs | requests |');
			console.log('|---|---:|---|---:|');
			console.log(
				`| this node, Track: User ID and 3 typed Fields, each \`={{ $json.<field> }}\` | ${median(realN8n.segmentMs)} ms | ${realN8n.segmentMs.join(', ')} ms | ${realN8n.requests} |`,
			);
			console.log(
				`| n8n's Edit Fields (Set 3.4): the same 4 expressions | ${median(realN8n.setMs)} ms | ${realN8n.setMs.join(', ')} ms | |`,
			);
		}
	}
	for (const [label, note] of notes) console.log(`- ${label}: ${note}`);
	if (profileDir) {
		for (const name of ['ours-batched', 'ours-fields', 'floor'] as ScenarioName[]) {
			const file = join(profileDir, `${name}-${headline}.cpuprofile`);
			if (!existsSync(file)) continue;
			const title = `CPU profile, ${spec(name).label}, ${headline} items (${relative(ROOT, file)})`;
			for (const line of formatSummary(title, summariseProfile(file, ROOT))) console.log(line);
		}
	}

	const at = (name: ScenarioName, items = headline, from = rows) =>
		from.find((row) => row.items === items && row.scenario === name)?.result;
	const ok = (result?: ScenarioResult) => (result && !result.error ? result : undefined);
	const ratio = (a?: number, b?: number) =>
		a === undefined || b === undefined || b === 0 ? 'n/a' : String(round(a / b));
	const ours = ok(at('ours-batched'));
	const floor = ok(at('floor'));
	const biggest = Math.max(...sizes);
	const oursBig = ok(at('ours-batched', biggest));
	const floorBig = ok(at('floor', biggest));
	const latencyOurs = ok(at('ours-batched', latencyItems, latencyRows));
	const latencyBuiltin = ok(at('builtin', latencyItems, latencyRows));
	const n8nOk = realN8n && !realN8n.error ? realN8n : undefined;
	const fields = {
		items: headline,
		requests: headlineStats.requests ?? 'n/a',
		min_requests: headlineStats.minRequests ?? 'n/a',
		vs_builtin: ratio(ok(at('builtin'))?.wallMs, ours?.wallMs),
		vs_analytics_node: ratio(ok(at('analytics-node'))?.wallMs, ours?.wallMs),
		vs_floor: ratio(ours?.wallMs, floor?.wallMs),
		vs_floor_fields: ratio(ok(at('ours-fields'))?.wallMs, floor?.wallMs),
		rss_mb: ours ? Math.round(growthMb(ours)) : 'n/a',
		rss_vs_floor: ratio(ours && growthMb(ours), floor && growthMb(floor)),
		...(biggest === headline
			? {}
			: {
					[`rss_vs_floor_${biggest / 1000}k`]: ratio(
						oursBig && growthMb(oursBig),
						floorBig && growthMb(floorBig),
					),
				}),
		vs_set_node: ratio(n8nOk && median(n8nOk.setMs), n8nOk && median(n8nOk.segmentMs)),
		latency_vs_builtin: ratio(latencyBuiltin?.wallMs, latencyOurs?.wallMs),
	};
	console.log(
		`\nbench: ${Object.entries(fields)
			.map(([key, value]) => `${key}=${value}`)
			.join(' ')}`,
	);

	// ---- chart ----------------------------------------------------------------------------------
	const bar = (row: Row): ChartBar => {
		const { label, kind } = spec(row.scenario);
		if (!row.result || row.result.error)
			return { label, kind, note: row.skipped ?? `failed: ${row.result?.error}` };
		const requests = `${row.requests.toLocaleString('en-US')} request${row.requests === 1 ? '' : 's'}`;
		return { label, kind, ms: row.result.wallMs, note: requests };
	};
	const panels: ChartPanel[] = sizes.map((items) => ({
		title: `${items.toLocaleString('en-US')} track events of ~1 KB, collector on the loopback: wall time`,
		bars: rows.filter((row) => row.items === items).map(bar),
	}));
	if (latencyRows.length > 0) {
		panels.push({
			title: `${latencyItems.toLocaleString('en-US')} events, every answer ${latencyMs} ms after the request (a round trip to Segment)`,
			bars: latencyRows.map(bar),
		});
	}
	if (n8nOk) {
		const ratioText = `${round(median(n8nOk.setMs) / median(n8nOk.segmentMs), 1)}× faster`;
		panels.push({
			title: `The real n8n ${n8nOk.n8nVersion}: ${n8nOk.items.toLocaleString('en-US')} items, the same 4 per-field expressions: node execution time`,
			bars: [
				{
					label: 'this node, Track with typed Fields',
					kind: 'ours',
					ms: median(n8nOk.segmentMs),
					note: `${n8nOk.requests} request${n8nOk.requests === 1 ? '' : 's'} sent · ${ratioText}`,
				},
				{
					label: "n8n's Edit Fields node",
					kind: 'n8n',
					ms: median(n8nOk.setMs),
					note: 'sends nothing',
				},
			],
		});
	}
	mkdirSync(dirname(chartPath), { recursive: true });
	writeFileSync(
		chartPath,
		renderChart(
			'n8n-nodes-segment: npm run bench',
			`Logarithmic time axis; one run, one machine (${machine}). Lower is better.`,
			panels,
		),
	);
	console.error(`\nChart written to ${relative(process.cwd(), chartPath)}`);
}

void main();
