import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packPackage } from '../../scripts/n8n/pack';
import { ensureN8nRuntime } from '../../scripts/n8n/runtime';

/**
 * Once per `jest` run that selects an end-to-end test. jest runs a global setup file once, however
 * many projects name it, so this installs the n8n of every e2e project in jest.config.js
 * (`SEGMENT_E2E_RUNTIMES`), side by side, on first use (minutes; reused afterwards; only
 * SEGMENT_N8N_RUNTIME's when it is set), and packs this package with `npm pack`, as `npm publish`
 * would. Workers inherit the environment set here.
 */
export default async function globalSetup(
	_globalConfig: unknown,
	projectConfig: { globals: { SEGMENT_E2E_RUNTIMES?: string[] } },
): Promise<void> {
	const log = (line: string): void => {
		process.stdout.write(`\n[e2e] ${line}`);
	};
	const names = projectConfig.globals.SEGMENT_E2E_RUNTIMES ?? [];
	const [runtimes, tarball] = await Promise.all([
		Promise.all(names.map(async (name) => await ensureN8nRuntime(log, name))),
		packPackage(mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-pack-'))),
	]);
	process.env.SEGMENT_E2E_TARBALL = tarball;
	log(`n8n ${runtimes.map(({ version }) => version).join(', ')}; packed ${tarball}\n`);
}
