import { existsSync } from 'node:fs';

import { aptInstall, canAptInstall } from './apt';

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
	if (!canAptInstall()) {
		throw new Error(
			`Chromium is missing: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH`,
		);
	}
	await aptInstall(['chromium'], log);
	if (!existsSync(DEBIAN_CHROMIUM))
		throw new Error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is missing`);
	return DEBIAN_CHROMIUM;
}
