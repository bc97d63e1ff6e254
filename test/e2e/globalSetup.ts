import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packPackage } from '../../scripts/n8n/pack';
import { ensureN8nRuntime } from '../../scripts/n8n/runtime';

/**
 * Once per `jest` run that selects an end-to-end test: installs the n8n runtime on first use
 * (minutes; reused afterwards) and packs this package with `npm pack`, as `npm publish` would.
 * Workers inherit the environment set here.
 */
export default async function globalSetup(): Promise<void> {
	const log = (line: string): void => {
		process.stdout.write(`\n[e2e] ${line}`);
	};
	const runtime = await ensureN8nRuntime(log);
	const packDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-pack-'));
	process.env.SEGMENT_E2E_TARBALL = await packPackage(packDir);
	log(`n8n ${runtime.version}; packed ${process.env.SEGMENT_E2E_TARBALL}\n`);
}
