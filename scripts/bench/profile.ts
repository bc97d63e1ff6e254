import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * A summary of a V8 CPU profile (`.cpuprofile`, as `node --cpu-prof` and the inspector write it):
 * self time by function and by where the code comes from, so a report can say what a run spends
 * its time on.
 */

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Where a function's code comes from: this package, a dependency, Node.js itself, or V8. */
function origin(url: string, root: string): string {
	if (url === '') return 'V8 (garbage collector, idle, native)';
	if (url.startsWith('node:')) return 'Node.js';
	const path = url.replace(/^file:\/\//, '');
	const modules = path.lastIndexOf('node_modules/');
	if (modules !== -1) {
		const parts = path.slice(modules + 'node_modules/'.length).split('/');
		return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
	}
	const inRepo = relative(root, path);
	return inRepo.startsWith('..') ? path : inRepo.split('/').slice(0, 2).join('/');
}

const NOT_WORK = new Set(['(idle)', 'dispatch']);

export interface ProfileSummary {
	totalMs: number;
	byFunction: Array<{ name: string; ms: number }>;
	byOrigin: Array<{ name: string; ms: number }>;
}

export function summariseProfile(file: string, root: string, top = 15): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const functions = new Map<string, number>();
	const origins = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, index) => {
		const node = nodes.get(id);
		const ms = (profile.timeDeltas[index] ?? 0) / 1000;
		// Waiting, and the profiler's own message dispatch, are not work the run does.
		if (!node || NOT_WORK.has(node.callFrame.functionName)) return;
		total += ms;
		const { functionName, url, lineNumber } = node.callFrame;
		const where = url ? `${relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
		const name = `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
		functions.set(name, (functions.get(name) ?? 0) + ms);
		const from = origin(url, root);
		origins.set(from, (origins.get(from) ?? 0) + ms);
	});
	const sorted = (map: Map<string, number>) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, ms]) => ({ name, ms }));
	return { totalMs: total, byFunction: sorted(functions), byOrigin: sorted(origins) };
}

export function formatSummary(title: string, summary: ProfileSummary): string[] {
	const share = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)}%`;
	return [
		`\n${title}: ${summary.totalMs.toFixed(0)} ms of work sampled (waiting left out)`,
		'',
		'| self time | share | function |',
		'|---:|---:|---|',
		...summary.byFunction.map(({ name, ms }) => `| ${ms.toFixed(1)} ms | ${share(ms)} | ${name} |`),
		'',
		'| self time | share | from |',
		'|---:|---:|---|',
		...summary.byOrigin.map(({ name, ms }) => `| ${ms.toFixed(1)} ms | ${share(ms)} | ${name} |`),
	];
}
