import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SegmentCollector } from '../../collector';
import { minimumBatchRequests } from '../../nodes/Segment/transport/batch';
import { ensureN8nRuntime } from '../n8n/runtime';
import type { ScenarioInput, ScenarioName, ScenarioResult } from './scenarios';

/**
 * `npm run bench`: the node against n8n's built-in Segment node, Segment's analytics-node and a bare
 * HTTP client, side by side in one run, on one machine, against the same local collector. Each
 * scenario runs in its own process; the collector runs here and checks that every event arrived
 * exactly once.
 */

const ROOT = join(__dirname, '..', '..');
const SCENARIOS: Array<{ name: ScenarioName; label: string }> = [
	{ name: 'ours-batched', label: 'this node, auto-batched' },
	{ name: 'ours-per-item', label: 'this node, one request per item' },
	{ name: 'ours-batch-items', label: 'this node, Batch from input items' },
	{ name: 'builtin', label: "n8n's built-in Segment node" },
	{ name: 'analytics-node', label: '@segment/analytics-node' },
	{ name: 'floor', label: 'floor: same bytes, bare keep-alive client' },
];

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
	label: string;
	items: number;
	result?: ScenarioResult;
	requests: number;
	events: number;
	skipped?: string;
}

/** n8n's own nodes come from the n8n the end-to-end tests run (installed on first use). */
async function n8nRuntimeDir(): Promise<string | undefined> {
	const runtime = await ensureN8nRuntime((line) => console.error(line));
	return existsSync(join(runtime.dir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'Segment'))
		? runtime.dir
		: undefined;
}

async function main(): Promise<void> {
	const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
	const headline = Number(option('headline', '10000'));
	const concurrency = Number(option('concurrency', '4'));
	const full = process.argv.includes('--full');
	const runtimeDir = await n8nRuntimeDir();
	const collector = await SegmentCollector.start({ recordBodies: false });
	const scratch = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-bench-'));
	const rows: Row[] = [];
	const headlineStats: { requests?: number; minRequests?: number } = {};
	const notes = new Map<string, string>();

	for (const items of sizes) {
		let bodiesFile: string | undefined;
		for (const { name, label } of SCENARIOS) {
			const slow = name === 'builtin' || name === 'ours-per-item';
			if (slow && items > headline && !full) {
				rows.push({
					label,
					items,
					requests: 0,
					events: 0,
					skipped: `skipped above ${headline} items (--full runs it)`,
				});
				continue;
			}
			if (name === 'builtin' && !runtimeDir) {
				rows.push({
					label,
					items,
					requests: 0,
					events: 0,
					skipped: 'the n8n installation has no n8n-nodes-base Segment node',
				});
				continue;
			}
			collector.reset();
			collector.recordBodies = name === 'ours-batched';
			const result = await runChild({
				scenario: name,
				items,
				trackingBaseUrl: collector.trackingBaseUrl,
				bodiesFile,
				n8nRuntimeDir: runtimeDir,
				concurrency,
			});
			const arrivals = collector.arrivalsByMessageId();
			const events = collector.received.length;
			if (!result.error && name !== 'floor' && (events !== items || arrivals.size !== items)) {
				result.error = `${events} events arrived (${arrivals.size} distinct) for ${items} items`;
			}
			if (name === 'ours-batched') {
				const bodies = collector.requests.map(({ body }) => body);
				bodiesFile = join(scratch, `bodies-${items}.json`);
				writeFileSync(bodiesFile, JSON.stringify(bodies));
				const entries = bodies.flatMap((body) =>
					(JSON.parse(body) as { batch: unknown[] }).batch.map((event) => {
						const json = JSON.stringify(event);
						return { json, bytes: Buffer.byteLength(json) };
					}),
				);
				if (items === headline) {
					headlineStats.requests = collector.requests.length;
					headlineStats.minRequests = minimumBatchRequests(entries);
				}
			}
			if (result.note) notes.set(label, result.note);
			rows.push({ label, items, result, requests: collector.requests.length, events });
			const status = result.error ? `FAILED: ${result.error}` : `${result.wallMs.toFixed(0)} ms`;
			console.error(`  ${String(items).padStart(6)} items  ${label.padEnd(42)} ${status}`);
		}
	}
	await collector.close();

	console.log(
		'\n| items | scenario | wall time | requests | events/s | peak RSS | RSS growth | input |',
	);
	console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
	for (const { label, items, result, requests, events, skipped } of rows) {
		if (!result) {
			console.log(`| ${items} | ${label} | ${skipped} | | | | | |`);
			continue;
		}
		const seconds = result.wallMs / 1000;
		const rate = result.error ? result.error : Math.round(events / seconds).toLocaleString('en-US');
		const growth = Math.round((result.peakRssMb - result.baselineRssMb) * 10) / 10;
		const inputMb = Math.round((result.inputBytes / 1024 / 1024) * 10) / 10;
		console.log(
			`| ${items} | ${label} | ${result.wallMs.toFixed(0)} ms | ${requests} | ${rate} | ${result.peakRssMb} MB | ${growth} MB | ${inputMb || ''}${inputMb ? ' MB' : ''} |`,
		);
	}
	for (const [label, note] of notes) console.log(`- ${label}: ${note}`);

	const at = (name: string) =>
		rows.find(
			(row) =>
				row.items === headline && row.label === SCENARIOS.find((s) => s.name === name)?.label,
		)?.result;
	const ours = at('ours-batched');
	const ratio = (value?: number) =>
		value === undefined || !ours ? 'n/a' : (Math.round(value * 100) / 100).toString();
	const builtin = at('builtin');
	const analytics = at('analytics-node');
	const floor = at('floor');
	const rssGrowth = ours ? Math.round(ours.peakRssMb - ours.baselineRssMb) : 'n/a';
	console.log(
		`bench: items=${headline} requests=${headlineStats.requests ?? 'n/a'} min_requests=${headlineStats.minRequests ?? 'n/a'} ` +
			`vs_builtin=${ratio(builtin && ours ? builtin.wallMs / ours.wallMs : undefined)} ` +
			`vs_analytics_node=${ratio(analytics && ours ? analytics.wallMs / ours.wallMs : undefined)} ` +
			`vs_floor=${ratio(floor && ours ? ours.wallMs / floor.wallMs : undefined)} rss_mb=${rssGrowth}`,
	);
}

void main();
