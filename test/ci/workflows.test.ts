import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { runtimeNames } from '../../scripts/n8n/runtime';

/**
 * The GitHub workflows, parsed: CI runs the README's test command (through .ci/run) on pushes and
 * pull requests, on Node.js 20 and on the newer n8n runtime; Publish runs the same jobs on a version
 * tag, then publishes with npm provenance.
 */
const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on'?: string;
	container?: string;
	'timeout-minutes'?: number;
	env?: Record<string, string>;
	needs?: string | string[];
	uses?: string;
	permissions?: Record<string, string>;
	steps?: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;

/** The commands of the README's Quick start code block, as the submission check reads them. */
function quickStartCommands(): string[] {
	const lines = read('README.md').split('\n');
	const heading = lines.findIndex((line) => /^#+ .*quick ?start/i.test(line));
	expect(heading).toBeGreaterThanOrEqual(0);
	const open = lines.findIndex((line, index) => index > heading && line.startsWith('```'));
	const close = lines.findIndex((line, index) => index > open && line.startsWith('```'));
	const nextHeading = lines.findIndex((line, index) => index > heading && /^#+ /.test(line));
	expect(nextHeading === -1 || open < nextHeading).toBe(true);
	return lines.slice(open + 1, close).filter((line) => line.trim() !== '' && !/^\s*#/.test(line));
}

/** The commands .ci/run runs besides its clean-tree checks, in order. */
function ciRunCommands(): string[] {
	return read('.ci/run')
		.split('\n')
		.filter((line) => /^npm /.test(line));
}

const CI_STEP = 'bash .ci/run';
const runsCi = (job: Job) => (job.steps ?? []).some(({ run }) => run?.trim() === CI_STEP);

describe('the test command', () => {
	test("the README's Quick start holds two commands: start, then every test, on a fresh clone", () => {
		expect(quickStartCommands()).toEqual(['npm ci && npm start', 'npm ci && npm test']);
	});

	test(".ci/run runs exactly the README's test command, one step at a time", () => {
		const [, testCommand] = quickStartCommands();
		expect(ciRunCommands()).toEqual(testCommand.split(' && '));
		// Each step is followed by the clean-tree check.
		expect(read('.ci/run')).toMatch(
			/npm ci\nbash \.ci\/check-clean-tree 'npm ci'\nnpm test\nbash \.ci\/check-clean-tree 'npm test'\n/,
		);
	});
});

describe('ci.yml', () => {
	const ci = workflow('ci.yml');
	const jobs = Object.values(ci.jobs);

	test('runs on every push to a branch and every pull request, and for Publish', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
		expect(ci.on.push).toEqual({ branches: ['**'] });
		expect(ci.permissions).toEqual({ contents: 'read' });
	});

	test('every job runs .ci/run on Node.js 20 within the 90-minute CI limit', () => {
		expect(jobs.length).toBeGreaterThanOrEqual(2);
		for (const job of jobs) {
			expect(job.container).toMatch(/^node:20(-|$)/);
			expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
			expect(job.steps?.[0]?.uses).toMatch(/^actions\/checkout@/);
			expect(runsCi(job)).toBe(true);
		}
	});

	test('one job on the default n8n, one on each other runtime the repository installs', () => {
		const runtimes = jobs.map((job) => job.env?.SEGMENT_N8N_RUNTIME ?? 'default').sort();
		const others = runtimeNames().filter((name) => name !== 'n8n-2.8');
		expect(runtimes).toEqual(['default', ...others].sort());
	});
});

describe('publish.yml', () => {
	const publish = workflow('publish.yml');

	test('runs on version tags only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
	});

	test("runs CI's jobs first, then publishes with npm provenance", () => {
		const { test: tests, publish: job } = publish.jobs;
		expect(tests.uses).toBe('./.github/workflows/ci.yml');
		expect(job.needs).toBe('test');
		expect(publish.permissions).toEqual({ contents: 'read' });
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const runs = (job.steps ?? []).map(({ run }) => run?.trim()).filter(Boolean);
		expect(runs).toContain('npm ci');
		expect(runs.at(-1)).toBe('npm publish --provenance --access public');
		expect(job.steps?.at(-1)?.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		// The tag must be the version in package.json before anything is published.
		expect(runs.findIndex((run) => run!.includes('$GITHUB_REF_NAME'))).toBeLessThan(
			runs.indexOf('npm ci'),
		);
	});

	test("a tag that is not package.json's version stops the job", () => {
		const check = publish.jobs.publish.steps?.find(({ run }) => run?.includes('$GITHUB_REF_NAME'));
		const { version } = JSON.parse(read('package.json')) as { version: string };
		const status = (tag: string) =>
			spawnSync('bash', ['-c', check!.run!], {
				cwd: root,
				env: { ...process.env, GITHUB_REF_NAME: tag },
			}).status;
		expect(status(`v${version}`)).toBe(0);
		expect(status('v99.0.0')).not.toBe(0);
	});

	test('publishes with npm from the registry the package is installed from', () => {
		const setupNode = publish.jobs.publish.steps?.find(({ uses }) =>
			uses?.startsWith('actions/setup-node@'),
		);
		expect(setupNode?.with).toEqual({
			'node-version': 20,
			'registry-url': 'https://registry.npmjs.org',
		});
	});
});
