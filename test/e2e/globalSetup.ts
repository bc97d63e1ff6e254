import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packPackage } from '../../scripts/n8n/pack';
import { ensureN8nRuntime } from '../../scripts/n8n/runtime';

/**
 * Once per e2e project (one per n8n runtime) in a `jest` run: installs that project's n8n on
 * first use (minutes; reused afterwards) and, for the first project only, packs this package with
 * `npm pack`, as `npm publish` would. Workers inherit the environment set here.
 */
export default async function globalSetup(
	_globalConfig: unknown,
	projectConfig: { globals: Record<string, unknown> },
): Promise<void> {
	const log = (line: string): void => {
		process.stdout.write(`\n[e2e] ${line}`);
	};
	const runtime = await ensureN8nRuntime(log, String(projectConfig.globals.SEGMENT_N8N_RUNTIME));
	if (!process.env.SEGMENT_E2E_TARBALL) {
		const packDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-pack-'));
		process.env.SEGMENT_E2E_TARBALL = await packPackage(packDir);
	}
	log(`n8n ${runtime.version}; packed ${process.env.SEGMENT_E2E_TARBALL}\n`);
}
