import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * npm settings a nested npm may inherit from the one running `npm test` / `npm start`: where the
 * registry and the cache are, TLS and proxies. Every other `npm_*` variable describes the outer
 * project (its prefix, its lifecycle script, its package fields) and would send the nested npm to
 * the wrong folder, so it is dropped.
 */
const INHERITED_NPM_CONFIG = new Set([
	'npm_config_registry',
	'npm_config_cache',
	'npm_config_cafile',
	'npm_config_userconfig',
	'npm_config_globalconfig',
	'npm_config_nodedir',
	'npm_config_proxy',
	'npm_config_https_proxy',
	'npm_config_noproxy',
	'npm_config_strict_ssl',
]);

/** The environment for an npm run in a folder of its own, on the Node.js running this script. */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) && !INHERITED_NPM_CONFIG.has(key.toLowerCase())) continue;
		if (key === 'INIT_CWD') continue;
		env[key] = value;
	}
	// Native modules (sqlite3) build from source here: point node-gyp at this Node's own headers
	// instead of letting it download them from nodejs.org.
	const prefix = dirname(dirname(process.execPath));
	if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) {
		env.npm_config_nodedir = prefix;
	}
	// npm and node-gyp find `node` on the PATH: make it this one.
	env.PATH = [dirname(process.execPath), env.PATH].filter(Boolean).join(':');
	return { ...env, ...extra };
}

/** The npm CLI next to the running Node.js, or the one on the PATH. */
export function npmCommand(): { command: string; prefixArgs: string[] } {
	const bundled = join(
		dirname(process.execPath),
		'..',
		'lib',
		'node_modules',
		'npm',
		'bin',
		'npm-cli.js',
	);
	if (existsSync(bundled)) return { command: process.execPath, prefixArgs: [bundled] };
	return { command: 'npm', prefixArgs: [] };
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * Runs npm in `cwd` (with `node`, on that Node.js). With `logFile`, its output goes there (a long install stays quiet); the
 * error then quotes the log's end.
 */
export async function runNpm(
	args: string[],
	options: { cwd: string; logFile?: string; env?: NodeJS.ProcessEnv; node?: string },
): Promise<RunResult> {
	const npm = npmCommand();
	// Another Node.js runs npm's own script (install scripts find it first on the PATH).
	const command = options.node && npm.prefixArgs.length > 0 ? options.node : npm.command;
	const child = spawn(command, [...npm.prefixArgs, ...args], {
		cwd: options.cwd,
		env: options.env ?? npmEnv(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const log = options.logFile ? createWriteStream(options.logFile) : undefined;
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		log?.write(chunk);
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
		log?.write(chunk);
	});
	const code = await new Promise<number>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (exitCode) => resolve(exitCode ?? 1));
	});
	await new Promise<void>((resolve) => (log ? log.end(resolve) : resolve()));
	if (code !== 0) {
		const output = options.logFile ? readFileSync(options.logFile, 'utf8') : `${stdout}\n${stderr}`;
		const tail = output.trim().split('\n').slice(-25).join('\n');
		throw new Error(`npm ${args.join(' ')} failed in ${options.cwd} (exit code ${code}):\n${tail}`);
	}
	return { code, stdout, stderr };
}
