import type { SegmentCollector } from '../../collector';
import { modelCredential, readExample } from '../../scripts/n8n/examples';
import { nodeOutput, type ExecuteResult } from '../../scripts/n8n/instance';
import { PUBLIC_API_TOKEN, WRITE_KEY } from '../harness/collector';
import { e2eRuntime, startCollectorFor, useN8nInstance } from './harness';
import { startScriptedModel, type ModelRequest, type ScriptedModel } from './scriptedModel';

/**
 * examples/ai-agent.json in the real n8n CLI: n8n's AI Agent with its OpenAI chat model node,
 * whose credential's Base URL points at a scripted chat-completions server on 127.0.0.1, and the
 * Segment Tool nodes of the example. The script plays the model: it calls the tools with the
 * arguments a test chooses, then answers. Nothing leaves 127.0.0.1.
 */

const API_KEY = 'sk-dummy-scripted-model-7d1c';
const workflow = readExample('ai-agent.json');
const toolNodes = workflow.nodes.filter(({ type }) => type.endsWith('.segmentTool'));

let collector: SegmentCollector;
let model: ScriptedModel;
const n8n = useN8nInstance('agent');

beforeAll(async () => {
	model = await startScriptedModel();
	collector = await startCollectorFor(n8n(), [modelCredential(model.baseUrl, API_KEY)]);
	await n8n().importWorkflow(workflow);
});

afterEach(() => collector.reset());

afterAll(async () => {
	await model?.close();
	await collector?.close();
});

function describeRun(result: ExecuteResult): string {
	return `exit code ${result.code}\n${result.output.slice(-4000)}`;
}

function expectNoSecret(result: ExecuteResult): void {
	for (const secret of [API_KEY, WRITE_KEY, PUBLIC_API_TOKEN])
		expect(result.output).not.toContain(secret);
}

/** The tool results n8n sent back to the model, by tool call id. */
function toolResults(request: ModelRequest): Map<string, string> {
	return new Map(
		request.body.messages
			.filter(({ role }) => role === 'tool')
			.map(({ tool_call_id, content }) => [String(tool_call_id), String(content)]),
	);
}

describe(`n8n ${e2eRuntime().version}: the AI Agent example with a scripted model`, () => {
	test('the agent identifies the customer and tracks the upgrade through the Segment tools', async () => {
		model.script([
			{
				toolCalls: [
					{
						name: 'identify',
						// An object where the tool asks for JSON text: n8n's agent passes it as it is,
						// and the node takes an object or its JSON text alike.
						arguments: {
							userId: '101',
							traits: { email: 'ada@example.com', plan: 'pro', seats: 5 },
							messageId: 'agent-identify-101',
						},
					},
					{
						name: 'track',
						arguments: {
							event: 'Plan Upgraded',
							userId: '101',
							properties: '{"previousPlan": "free", "plan": "pro", "seats": 5, "annual": false}',
							messageId: 'agent-upgrade-101',
						},
					},
				],
			},
			{ content: 'Ada (101) is identified on Pro with 5 seats, and her upgrade is tracked.' },
		]);
		const result = await n8n().execute(workflow.id);
		expect(describeRun(result)).toMatch(/^exit code 0/);
		expect(nodeOutput(result.execution!, 'AI Agent')).toEqual([
			{ output: 'Ada (101) is identified on Pro with 5 seats, and her upgrade is tracked.' },
		]);

		const received = new Map(
			collector.received.map(({ messageId, message }) => [messageId, message]),
		);
		expect(received.get('agent-identify-101')).toMatchObject({
			type: 'identify',
			userId: '101',
			traits: { email: 'ada@example.com', plan: 'pro', seats: 5 },
		});
		expect(received.get('agent-upgrade-101')).toMatchObject({
			type: 'track',
			event: 'Plan Upgraded',
			userId: '101',
			properties: { previousPlan: 'free', plan: 'pro', seats: 5, annual: false },
		});
		expect(collector.received).toHaveLength(2);

		// What n8n sent the model: the customer update, and every Segment tool with its
		// description and the JSON schema of its $fromAI parameters.
		expect(model.requests).toHaveLength(2);
		const [first, second] = model.requests;
		expect(first.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(JSON.stringify(first.body.messages)).toContain('ada@example.com');
		const tools = new Map((first.body.tools ?? []).map(({ function: tool }) => [tool.name, tool]));
		expect([...tools.keys()].sort()).toEqual(toolNodes.map(({ name }) => name).sort());
		for (const node of toolNodes) {
			const tool = tools.get(node.name)!;
			expect(tool.description).toBe(node.parameters.toolDescription);
			const schema = tool.parameters as {
				type: string;
				properties: Record<string, { type?: string; description?: string }>;
				required?: string[];
			};
			expect(schema.type).toBe('object');
			for (const [name, property] of Object.entries(schema.properties)) {
				expect({ name, described: (property.description ?? '').length > 20 }).toEqual({
					name,
					described: true,
				});
			}
		}
		expect(tools.get('track')!.parameters).toMatchObject({
			properties: {
				event: { type: 'string' },
				userId: { type: 'string', default: '' },
				properties: { type: 'string', default: '{}' },
				timestamp: { type: 'string', default: '' },
			},
			required: ['event'],
		});
		expect(tools.get('identify')!.parameters).toMatchObject({
			properties: { traits: { type: 'string', default: '{}' } },
		});

		// The tools' results went back to the model: what Segment accepted, call by call.
		const results = [...toolResults(second).values()].map(
			(content) => JSON.parse(content) as Array<Record<string, unknown>>,
		);
		expect(results.map(([item]) => item.messageId).sort()).toEqual([
			'agent-identify-101',
			'agent-upgrade-101',
		]);
		for (const [item] of results) {
			expect(item.response).toEqual({ statusCode: 200, body: { success: true } });
		}
		expectNoSecret(result);
	});

	test('a refused call comes back to the model as the tool result, naming the field; nothing is sent', async () => {
		model.script([
			{
				toolCalls: [
					{
						name: 'track',
						arguments: { event: 'Plan Upgraded', userId: '101', timestamp: 'last Tuesday' },
					},
				],
			},
			{ content: 'I could not track the upgrade: Segment needs an ISO-8601 timestamp.' },
		]);
		const result = await n8n().execute(workflow.id);
		expect(describeRun(result)).toMatch(/^exit code 0/);
		expect(collector.requests).toEqual([]);

		expect(model.requests).toHaveLength(2);
		const [refusal] = [...toolResults(model.requests[1]).values()];
		expect(JSON.parse(refusal)).toEqual([
			{
				error:
					'Item 0, field "Timestamp" (timestamp): expected an ISO-8601 date-time with a timezone, like 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00; got "last Tuesday"',
				itemIndex: 0,
				field: 'timestamp',
			},
		]);
		expect(nodeOutput(result.execution!, 'AI Agent')).toEqual([
			{ output: 'I could not track the upgrade: Segment needs an ISO-8601 timestamp.' },
		]);
		expectNoSecret(result);
	});
});

test('n8n sent nothing beyond 127.0.0.1', () => {
	expect(n8n.outbound()).toEqual([]);
});
