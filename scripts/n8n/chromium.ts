import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for headless Chromium on a closed network: no sandbox (CI runs as root), no GPU, and no
 * background traffic (component updates, sync, QUIC probes) to hosts it cannot reach.
 */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

async function run(command: string, args: string[]): Promise<void> {
	const child = spawn(command, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (exitCode) => resolve(exitCode ?? 1));
	});
	if (code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit code ${code}):\n${output.split('\n').slice(-20).join('\n')}`,
		);
	}
}

/**
 * The Chromium binary the editor test drives: CHROMIUM_PATH, else Debian's package, installed with
 * apt-get when it is missing and this process may (root, as in CI). Browser downloads by test
 * tools cannot work on a closed network; Debian's package comes from the distribution mirror.
 */
export async function ensureChromium(
	log: (line: string) => void = () => undefined,
): Promise<string> {
	const configured = process.env.CHROMIUM_PATH;
	if (configured) {
		if (!existsSync(configured))
			throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist`);
		return configured;
	}
	if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
	if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`Chromium is missing: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH`,
		);
	}
	log('Installing Chromium from Debian (apt-get install chromium)…');
	await run('apt-get', ['update']);
	await run('apt-get', ['install', '-y', 'chromium']);
	if (!existsSync(DEBIAN_CHROMIUM))
		throw new Error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is missing`);
	return DEBIAN_CHROMIUM;
}
