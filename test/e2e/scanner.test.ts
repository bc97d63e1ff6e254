import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT } from '../../scripts/n8n/runtime';
import type { ScanResult } from '../../scripts/scan-package';
import { e2eTarball } from './harness';

/**
 * n8n's community-package scanner rule set over what `npm pack` produced (and over the source it
 * came from), with inline `eslint-disable` comments ignored as the scanner ignores them. The
 * scanner's provenance and download steps need npm provenance and GitHub: see scripts/scan-package.ts.
 */

const run = promisify(execFile);
const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const script = join(REPO_ROOT, 'scripts', 'scan-package.ts');

async function scan(args: string[]): Promise<ScanResult[]> {
	// eslint-plugin-n8n-nodes-base treats every file as `Test.node.ts` under NODE_ENV=test (jest's).
	const env = { ...process.env };
	delete env.NODE_ENV;
	try {
		const { stdout } = await run(tsx, [script, ...args, '--json'], {
			cwd: REPO_ROOT,
			env,
			maxBuffer: 16 * 1024 * 1024,
		});
		return JSON.parse(stdout) as ScanResult[];
	} catch (error) {
		// exit code 1: problems found; the JSON is still on stdout
		const { stdout, stderr } = error as { stdout?: string; stderr?: string };
		if (!stdout?.trim().startsWith('['))
			throw new Error(`The scan failed: ${stderr ?? ''}${stdout ?? ''}`);
		return JSON.parse(stdout) as ScanResult[];
	}
}

test('the packed tarball and its source pass the scanner rule set', async () => {
	const [tarball, source] = await scan([e2eTarball()]);
	expect(tarball.files).toEqual(
		expect.arrayContaining([
			'package.json',
			'dist/nodes/Segment/Segment.node.js',
			'dist/nodes/Segment/SegmentTrigger.node.js',
			'dist/credentials/TwilioSegmentApi.credentials.js',
		]),
	);
	expect(source.files).toEqual(
		expect.arrayContaining([
			'package.json',
			'nodes/Segment/Segment.node.ts',
			'nodes/Segment/SegmentTrigger.node.ts',
			'credentials/TwilioSegmentApi.credentials.ts',
		]),
	);
	expect(tarball.problems).toEqual([]);
	expect(source.problems).toEqual([]);
});

test('the rule set catches what the scanner refuses, inline disables included', async () => {
	const unpacked = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-scan-tampered-'));
	try {
		await run('tar', ['-xzf', e2eTarball(), '-C', unpacked, '--strip-components=1']);
		appendFileSync(
			join(unpacked, 'dist/nodes/Segment/Segment.node.js'),
			'\n// eslint-disable-next-line\nsetTimeout(() => undefined, 1);\n',
		);
		const manifestPath = join(unpacked, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
		writeFileSync(
			manifestPath,
			JSON.stringify({ ...manifest, dependencies: { 'left-pad': '1.3.0' } }, null, 2),
		);

		const [tarball] = await scan(['--dir', unpacked]);
		expect(tarball.problems.map(({ file, rule }) => `${file} ${rule}`).sort()).toEqual([
			'dist/nodes/Segment/Segment.node.js @n8n/community-nodes/no-restricted-globals',
			'package.json @n8n/community-nodes/no-runtime-dependencies',
		]);
	} finally {
		rmSync(unpacked, { recursive: true, force: true });
	}
});
