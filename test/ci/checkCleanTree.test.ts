import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * .ci/check-clean-tree, the check CI runs after `npm ci` and after `npm test`, on a scratch git
 * repository: it passes on a tree as committed and fails, naming the file, on every other kind of
 * tree a step could leave.
 */
const SCRIPT = join(__dirname, '..', '..', '.ci', 'check-clean-tree');
let repo: string;

function git(...args: string[]): void {
	const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

function check(step: string): { status: number | null; stderr: string } {
	const { status, stderr } = spawnSync('bash', [SCRIPT, step], { cwd: repo, encoding: 'utf8' });
	return { status, stderr };
}

beforeEach(() => {
	repo = mkdtempSync(join(tmpdir(), 'check-clean-tree-'));
	git('init', '-q');
	writeFileSync(join(repo, 'package.json'), '{}\n');
	writeFileSync(join(repo, 'package-lock.json'), '{}\n');
	writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
	git('add', '.');
	git('-c', 'user.name=CI', '-c', 'user.email=ci@example.com', 'commit', '-qm', 'init');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

test('passes on a tree exactly as committed, ignored files included', () => {
	mkdirSync(join(repo, 'node_modules'));
	writeFileSync(join(repo, 'node_modules', 'installed.js'), '');
	expect(check('npm ci')).toEqual({ status: 0, stderr: '' });
});

test('fails when a step rewrote the lockfile, naming the step, the file and the fix', () => {
	writeFileSync(join(repo, 'package-lock.json'), '{"lockfileVersion": 3}\n');
	const { status, stderr } = check('npm ci');
	expect(status).toBe(1);
	expect(stderr).toContain('After npm ci, the working tree differs from the commit:');
	expect(stderr).toContain(' M package-lock.json');
	expect(stderr).toContain('run npm install and commit the lock');
});

test('fails when a step left a file git does not ignore', () => {
	writeFileSync(join(repo, 'generated.json'), '{}');
	const { status, stderr } = check('npm test');
	expect(status).toBe(1);
	expect(stderr).toContain('After npm test, the working tree differs from the commit:');
	expect(stderr).toContain('?? generated.json');
	expect(stderr).not.toContain('package-lock.json');
});

test('fails when a step deleted a tracked file', () => {
	rmSync(join(repo, 'package.json'));
	const { status, stderr } = check('npm test');
	expect(status).toBe(1);
	expect(stderr).toContain(' D package.json');
});
