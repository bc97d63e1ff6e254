import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The main job: starts the local Segment-compatible collector, runs the example CRM sign-up
 * workflow (Identify → Track → Group for three people) through n8n's real execution engine with
 * this package's node, and prints what Segment received.
 */
async function main(): Promise<void> {
	// n8n-core reads its settings folder when it loads: give it a fresh one.
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-start-'));
	const { SegmentCollector } = await import('../collector');
	const { executeWorkflow, SEGMENT_CREDENTIAL } = await import('../test/harness/engine');
	type WorkflowJson = Parameters<typeof executeWorkflow>[0];

	const collector = await SegmentCollector.start();
	console.log(`Local Segment collector: Tracking API ${collector.trackingBaseUrl}, Public API ${collector.publicApiBaseUrl}`);
	const workflowPath = join(__dirname, '..', 'test', 'fixtures', 'crm-signup.workflow.json');
	const workflow = JSON.parse(readFileSync(workflowPath, 'utf8')) as WorkflowJson & { name: string };
	console.log(`Running "${workflow.name}" through n8n's engine…`);

	const result = await executeWorkflow(workflow, {
		[SEGMENT_CREDENTIAL]: {
			writeKey: 'wk_local_demo',
			region: 'us',
			trackingBaseUrl: collector.trackingBaseUrl,
			publicApiBaseUrl: collector.publicApiBaseUrl,
		},
	});
	if (result.error) {
		console.error(`The workflow failed: ${result.error.message}`);
		process.exitCode = 1;
	}

	console.log(`\nSegment received ${collector.received.length} calls in ${collector.requests.length} requests:`);
	for (const { type, messageId, message } of collector.received) {
		const { userId, event, groupId, traits, properties } = message as Record<string, unknown>;
		const detail = { userId, event, groupId, traits, properties };
		console.log(`  ${type.padEnd(8)} ${messageId.padEnd(44)} ${JSON.stringify(detail)}`);
	}
	const dropped = collector.dropped.length;
	console.log(dropped === 0 ? 'Nothing was dropped.' : `${dropped} calls were dropped.`);
	await collector.close();
	// n8n-core keeps a housekeeping timer; the job is done.
	process.exit();
}

void main();
