import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

import { runNpm } from './npm';

/** The repository's root folder. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** Where n8n is installed on first use: a folder of its own, ignored by git. */
export const RUNTIME_DIR = join(REPO_ROOT, '.n8n-runtime');

/** The committed package.json, .npmrc and package-lock.json that pin the n8n to install. */
const TEMPLATE_DIR = join(__dirname, 'runtime');
const TEMPLATE_FILES = ['package.json', '.npmrc', 'package-lock.json'];

/** Written after a complete install, with a fingerprint of the template it installed. */
const READY_FILE = '.installed';

export interface N8nRuntime {
	/** The folder n8n is installed in. */
	dir: string;
	/** The installed n8n's version. */
	version: string;
	/** Runs the n8n CLI: `[command, ...args]` before n8n's own arguments. */
	command: string;
	args: string[];
}

function templateFingerprint(): string {
	const hash = createHash('sha256');
	for (const file of TEMPLATE_FILES) {
		const path = join(TEMPLATE_DIR, file);
		hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
	}
	return hash.digest('hex');
}

function pinnedVersion(): string {
	const { dependencies } = JSON.parse(readFileSync(join(TEMPLATE_DIR, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	return dependencies.n8n;
}

function runtimeAt(dir: string): N8nRuntime {
	const n8nDir = join(dir, 'node_modules', 'n8n');
	const { version } = JSON.parse(readFileSync(join(n8nDir, 'package.json'), 'utf8')) as { version: string };
	return { dir, version, command: process.execPath, args: [join(n8nDir, 'bin', 'n8n')] };
}

/** The installed runtime, if a complete install of the current template is there. */
export function installedN8nRuntime(): N8nRuntime | undefined {
	const ready = join(RUNTIME_DIR, READY_FILE);
	if (!existsSync(ready) || readFileSync(ready, 'utf8').trim() !== templateFingerprint()) return undefined;
	if (!existsSync(join(RUNTIME_DIR, 'node_modules', 'n8n', 'package.json'))) return undefined;
	return runtimeAt(RUNTIME_DIR);
}

/** Holds a lock folder while `work` runs, so two processes never install into one folder. */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
	const owner = join(lockDir, 'pid');
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(owner, String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number(existsSync(owner) ? readFileSync(owner, 'utf8') : NaN);
			let alive = false;
			try {
				if (Number.isInteger(pid)) alive = process.kill(pid, 0);
			} catch {
				alive = false;
			}
			if (!alive && Number.isInteger(pid)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

/**
 * The n8n that `npm start` and the end-to-end tests run: installed into `.n8n-runtime/` from the
 * committed template on first use (n8n is about 2.3 GB; the first install takes a few minutes,
 * sqlite3 builds from source), reused afterwards, and installed again when the template changes.
 */
export async function ensureN8nRuntime(log: (line: string) => void = () => undefined): Promise<N8nRuntime> {
	const ready = installedN8nRuntime();
	if (ready) return ready;
	return await withLock(`${RUNTIME_DIR}.lock`, async () => {
		const installed = installedN8nRuntime();
		if (installed) return installed;
		const version = pinnedVersion();
		const where = relative(process.cwd(), RUNTIME_DIR) || RUNTIME_DIR;
		log(`Installing n8n ${version} into ${where} (first use: a few minutes, about 2.3 GB)…`);
		const started = Date.now();
		mkdirSync(RUNTIME_DIR, { recursive: true });
		rmSync(join(RUNTIME_DIR, READY_FILE), { force: true });
		for (const file of TEMPLATE_FILES) {
			const path = join(TEMPLATE_DIR, file);
			if (existsSync(path)) copyFileSync(path, join(RUNTIME_DIR, file));
		}
		await runNpm(['install', '--no-audit', '--no-fund'], {
			cwd: RUNTIME_DIR,
			logFile: join(RUNTIME_DIR, 'install.log'),
		});
		const runtime = runtimeAt(RUNTIME_DIR);
		if (runtime.version !== version) {
			throw new Error(`Installed n8n ${runtime.version}, expected ${version}`);
		}
		writeFileSync(join(RUNTIME_DIR, READY_FILE), `${templateFingerprint()}\n`);
		log(`Installed n8n ${version} in ${Math.round((Date.now() - started) / 1000)} s.`);
		return runtime;
	});
}
