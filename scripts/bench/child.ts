import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ScenarioInput } from './scenarios';

/** Runs one scenario (its input as JSON in argv) and prints its result as the last line. */
async function main(): Promise<void> {
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-bench-'));
	const { runScenario } = await import('./scenarios');
	const result = await runScenario(JSON.parse(process.argv[2]) as ScenarioInput);
	console.log(`\n${JSON.stringify(result)}`);
	// n8n-core leaves a housekeeping timer running; the scenario is done.
	process.exit(0);
}

void main();
