import { spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Runs a command to its end and returns its stdout; a failure quotes the end of its output. */
export async function runCommand(
	command: string,
	args: string[],
	options: SpawnOptions = {},
): Promise<string> {
	const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	let stdout = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
		stdout += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (exitCode) => resolve(exitCode ?? 1));
	});
	if (code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit code ${code}):\n${output.split('\n').slice(-20).join('\n')}`,
		);
	}
	return stdout;
}

/** Whether this process may install Debian packages itself (root with apt-get, as in CI). */
export function canAptInstall(): boolean {
	return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

let listsUpdated = false;

/**
 * Installs Debian packages with apt-get (after one `apt-get update` per process). The test set-up
 * calls it for what a fresh CI machine lacks: Debian's packages come from the distribution mirror,
 * which this closed network reaches.
 */
export async function aptInstall(
	packages: string[],
	log: (line: string) => void = () => undefined,
): Promise<void> {
	if (!canAptInstall()) {
		throw new Error(
			`Missing Debian packages: install them (sudo apt-get install -y ${packages.join(' ')})`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const started = Date.now();
	log(`Installing ${packages.join(', ')} from Debian (apt-get install)…`);
	if (!listsUpdated) {
		await runCommand('apt-get', ['update'], { env });
		listsUpdated = true;
	}
	await runCommand('apt-get', ['install', '-y', ...packages], { env });
	log(`Installed ${packages.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s.`);
}
