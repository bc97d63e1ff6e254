import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { SegmentTrigger } from '../../nodes/Segment/SegmentTrigger.node.ts';
import { assembledSource, type AssembledProblem } from '../../scripts/lint-assembled-description';

/**
 * `npm run lint` also lints the nodes' assembled descriptions (scripts/lint-assembled-description.ts):
 * the parameters built in code get the checks of n8n's rules. These prove the check sees them; `npm run lint` runs it on the package's own nodes.
 */
// Each check starts tsx and ESLint over a description of thousands of lines: slow on a loaded machine.
jest.setTimeout(120_000);

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

async function lintAssembled(args: string[]): Promise<AssembledProblem[]> {
	// eslint-plugin-n8n-nodes-base treats every file as `Test.node.ts` under NODE_ENV=test (jest's).
	const env = { ...process.env };
	delete env.NODE_ENV;
	const tsx = join(root, 'node_modules', '.bin', 'tsx');
	const script = join(root, 'scripts', 'lint-assembled-description.ts');
	try {
		const { stdout } = await run(tsx, [script, ...args, '--json'], { cwd: root, env });
		return JSON.parse(stdout) as AssembledProblem[];
	} catch (error) {
		const { stdout, stderr } = error as { stdout?: string; stderr?: string };
		if (!stdout?.trim().startsWith('[')) throw new Error(`The check failed: ${stderr ?? ''}`);
		return JSON.parse(stdout) as AssembledProblem[];
	}
}

test('an assembled dropdown with a miscased action is refused, as a hand-written one would be', async () => {
	const problems = await lintAssembled(['--node', 'test/fixtures/nodes/Miscased/Miscased.node.ts']);
	expect(problems).toEqual([
		expect.objectContaining({
			rule: 'n8n-nodes-base/node-param-operation-option-action-miscased',
			source: "action: 'Get The Workspace',",
		}),
	]);
});

test("a trigger's lifecycle, assembled, is checked: one without delete is refused", async () => {
	const problems = await lintAssembled([
		'--node',
		'test/fixtures/nodes/IncompleteTrigger/IncompleteTrigger.node.ts',
	]);
	expect(problems).toEqual([
		expect.objectContaining({
			rule: '@n8n/community-nodes/webhook-lifecycle-complete',
			message: expect.stringContaining('`webhookMethods.default` is missing: `delete`'),
		}),
	]);
});

test("a trigger's `inputs: []` keeps its outputs in the assembled source", () => {
	const source = assembledSource('SegmentTrigger', new SegmentTrigger());
	expect(source).toContain('\t\tinputs: [],\n');
	expect(source).toContain('\t\toutputs: [NodeConnectionTypes.Main],\n');
	expect(source).toContain('\twebhookMethods = {\n\t\tdefault: {\n\t\t\tasync checkExists()');
});
