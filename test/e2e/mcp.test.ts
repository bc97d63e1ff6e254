import type { SegmentCollector } from '../../collector';
import {
	MCP_TRIGGER_TYPE,
	mcpEndpointPath,
	mcpTokenCredential,
	readExample,
} from '../../scripts/n8n/examples';
import type { RunningN8n, WorkflowJson } from '../../scripts/n8n/instance';
import { SEED } from '../admin/helpers';
import { e2eRuntime, startCollectorFor, useN8nInstance } from './harness';
import { connectMcp, toolJson, type McpSession } from './mcpClient';

/**
 * examples/mcp-server.json in a real `n8n start`: n8n's MCP Server Trigger with bearer auth and
 * one Segment Tool per tool, the package installed from its tarball, and the official MCP SDK as
 * the client. What a client lists and calls is what n8n made of the example's $fromAI parameters.
 */

const TOKEN = 'mcp_dummy_token_4b7e1f9c2d';
const workflow = readExample('mcp-server.json');
const endpointPath = mcpEndpointPath(workflow)!;

/**
 * The same server with two tools left to n8n's automatic description (Tool Description › Set
 * Automatically), on a path of its own: what users get when they add a Segment Tool and only set
 * its parameters.
 */
const AUTO_DESCRIBED = ['track', 'delete_source'];
// Node IDs of their own, still one per node (n8n 2.41 refuses a workflow with two nodes of one ID).
const [AUTO_ID_FROM, AUTO_ID_TO] = ['-0010-', '-00a0-'];
const autoWorkflow: WorkflowJson = {
	...workflow,
	id: 'segE2eMcpAuto001',
	name: 'e2e: Segment tools with automatic descriptions',
	nodes: workflow.nodes
		.filter(({ type, name }) => type === MCP_TRIGGER_TYPE || AUTO_DESCRIBED.includes(name))
		.map((node) =>
			node.type === MCP_TRIGGER_TYPE
				? {
						...node,
						id: String(node.id).replace(AUTO_ID_FROM, AUTO_ID_TO),
						webhookId: '7b1e5c2a-0010-4d3f-8a6b-5e67c0ffa070',
						parameters: { ...node.parameters, path: 'segment-auto' },
					}
				: {
						...node,
						id: String(node.id).replace(AUTO_ID_FROM, AUTO_ID_TO),
						parameters: { ...node.parameters, descriptionType: 'auto', toolDescription: '' },
					},
		),
	connections: Object.fromEntries(
		Object.entries(workflow.connections).filter(([name]) => AUTO_DESCRIBED.includes(name)),
	),
};

/** The parameters every tracking tool but the list ones has, after its own. */
const IDENTITY = ['userId', 'anonymousId'];
const CALL_FIELDS = ['context', 'integrations', 'timestamp', 'messageId'];
/** The parameters every Profile tool has: which profile, by one of its IDs. */
const PROFILE_ID = ['idType', 'idValue'];

/** The tools and their parameters, as docs/ai-agents.md lists them: the contract with MCP clients. */
const TOOLS: Record<string, { required: string[]; optional: string[] }> = {
	track: { required: ['event'], optional: [...IDENTITY, 'properties', ...CALL_FIELDS] },
	identify: { required: [], optional: [...IDENTITY, 'traits', ...CALL_FIELDS] },
	page: { required: [], optional: [...IDENTITY, 'name', 'category', 'properties', ...CALL_FIELDS] },
	screen: { required: [], optional: [...IDENTITY, 'name', 'properties', ...CALL_FIELDS] },
	group: { required: ['groupId'], optional: [...IDENTITY, 'traits', ...CALL_FIELDS] },
	alias: { required: ['previousId', 'userId'], optional: CALL_FIELDS },
	batch: { required: ['calls'], optional: [] },
	import_historical_data: { required: ['calls'], optional: [] },
	list_sources: { required: [], optional: [] },
	list_destinations: { required: [], optional: [] },
	add_labels_to_source: { required: ['sourceId', 'labels'], optional: [] },
	delete_source: { required: ['sourceId'], optional: [] },
	update_source: { required: ['sourceId'], optional: ['name', 'slug', 'enabled', 'settings'] },
	remove_source_write_key: { required: ['sourceId', 'writeKey'], optional: [] },
	list_source_schema_settings: { required: ['sourceId'], optional: [] },
	list_source_connected_warehouses: { required: ['sourceId'], optional: [] },
	get_destination: { required: ['destinationId'], optional: [] },
	get_destination_delivery_metrics: {
		required: ['destinationId', 'sourceId'],
		optional: ['granularity', 'startTime', 'endTime'],
	},
	get_daily_api_calls_per_source: { required: ['period'], optional: ['limit'] },
	get_profile_traits: { required: PROFILE_ID, optional: ['profileType'] },
	get_profile_events: {
		required: PROFILE_ID,
		optional: ['profileType', 'limit', 'start', 'end', 'include'],
	},
	get_profile_external_ids: { required: PROFILE_ID, optional: ['profileType'] },
	get_profile_metadata: { required: PROFILE_ID, optional: ['profileType'] },
	get_profile_links: { required: PROFILE_ID, optional: ['profileType'] },
};

/** The parameters that take a JSON object or list written as text. */
const JSON_TEXT_PARAMETERS = ['properties', 'traits', 'context', 'integrations', 'settings'];

let collector: SegmentCollector;
let running: RunningN8n;
let session: McpSession;
const n8n = useN8nInstance('mcp');
const endpoint = (): string => `${n8n().url}${endpointPath}`;

beforeAll(async () => {
	collector = await startCollectorFor(n8n(), [mcpTokenCredential(TOKEN)]);
	for (const served of [workflow, autoWorkflow]) {
		await n8n().importWorkflow(served);
		await n8n().publishWorkflow(served.id);
	}
	running = await n8n().start();
	await running.waitForWebhook(endpointPath);
	await running.waitForWebhook(mcpEndpointPath(autoWorkflow)!);
	session = await connectMcp(endpoint(), { token: TOKEN });
});

afterEach(() => collector.reset());

afterAll(async () => {
	await session?.close();
	await running?.stop();
	await collector?.close();
});

/** The messages the collector accepted, by messageId, without the library n8n-nodes-segment adds. */
function receivedById(): Map<string, Record<string, unknown>> {
	return new Map(
		collector.received.map(({ messageId, message }) => {
			const { context, ...rest } = message as { context?: { library?: unknown } };
			const { library, ...ownContext } = context ?? {};
			expect(library).toMatchObject({ name: 'n8n-nodes-segment' });
			return [
				messageId,
				Object.keys(ownContext).length > 0 ? { ...rest, context: ownContext } : rest,
			];
		}),
	);
}

describe(`n8n ${e2eRuntime().version}: the MCP server example, as an MCP client sees it`, () => {
	test('lists every Segment tool with its description and an input schema of its parameters', async () => {
		const tools = await session.listTools();
		expect(tools.map(({ name }) => name).sort()).toEqual(Object.keys(TOOLS).sort());
		const descriptions = new Map(
			workflow.nodes.map(({ name, parameters }) => [name, parameters.toolDescription]),
		);
		for (const tool of tools) {
			const schema = tool.inputSchema as {
				type: string;
				properties?: Record<string, { type?: string; description?: string; default?: unknown }>;
				required?: string[];
			};
			const expected = TOOLS[tool.name];
			expect({ tool: tool.name, description: tool.description }).toEqual({
				tool: tool.name,
				description: descriptions.get(tool.name),
			});
			expect(schema.type).toBe('object');
			const properties = schema.properties ?? {};
			expect({ tool: tool.name, parameters: Object.keys(properties).sort() }).toEqual({
				tool: tool.name,
				parameters: [...expected.required, ...expected.optional].sort(),
			});
			expect({ tool: tool.name, required: [...(schema.required ?? [])].sort() }).toEqual({
				tool: tool.name,
				required: [...expected.required].sort(),
			});
			for (const [name, property] of Object.entries(properties)) {
				expect({
					tool: tool.name,
					name,
					described: (property.description ?? '').length > 20,
				}).toEqual({ tool: tool.name, name, described: true });
				if (JSON_TEXT_PARAMETERS.includes(name)) {
					expect(property).toMatchObject({ type: 'string' });
					expect(property.description).toMatch(/JSON object written as text/);
				}
			}
		}
		const destructive = tools.filter(({ name }) =>
			['delete_source', 'remove_source_write_key'].includes(name),
		);
		expect(destructive).toHaveLength(2);
		for (const { description } of destructive) {
			expect(description).toMatch(/^PERMANENTLY .*This cannot be undone.*explicitly asked/);
		}
	});

	test("a tool left to n8n's automatic description gets the operation's action: destructive ones say so", async () => {
		const auto = await connectMcp(`${n8n().url}${mcpEndpointPath(autoWorkflow)}`, { token: TOKEN });
		try {
			const described = Object.fromEntries(
				(await auto.listTools()).map(({ name, description }) => [name, description]),
			);
			expect(described).toEqual({
				track: 'Track an event in Segment',
				delete_source: 'Permanently delete a source in Segment',
			});
		} finally {
			await auto.close();
		}
	});

	test('track, identify, page, screen, group and alias arrive exactly as asked, with their types', async () => {
		const calls: Array<[string, Record<string, unknown>]> = [
			[
				'track',
				{
					event: 'Plan Upgraded',
					userId: 'u-101',
					properties:
						'{"plan": "pro", "seats": 5, "revenue": 42.5, "annual": true, "coupon": null, "addOns": ["sso", "audit"], "billing": {"currency": "EUR", "vatIncluded": false}}',
					context: '{"ip": "203.0.113.7", "page": {"url": "https://example.com/pricing"}}',
					integrations: '{"All": false, "Mixpanel": true}',
					timestamp: '2024-05-01T14:00:00+02:00',
					messageId: 'mcp-track-1',
				},
			],
			[
				'identify',
				{
					userId: 'u-101',
					traits: '{"email": "ada@example.com", "plan": "pro", "seats": 5}',
					messageId: 'mcp-identify-1',
				},
			],
			[
				'page',
				{
					anonymousId: 'anon-7',
					name: 'Pricing',
					category: 'Docs',
					properties: '{"url": "https://example.com/pricing"}',
					messageId: 'mcp-page-1',
				},
			],
			['screen', { userId: 'u-101', name: 'Checkout', messageId: 'mcp-screen-1' }],
			[
				'group',
				{
					groupId: 'initech',
					userId: 'u-101',
					traits: '{"name": "Initech", "employees": 120}',
					messageId: 'mcp-group-1',
				},
			],
			['alias', { previousId: 'anon-7', userId: 'u-101', messageId: 'mcp-alias-1' }],
		];
		for (const [name, args] of calls) {
			const result = await session.callTool(name, args);
			expect({ name, isError: result.isError ?? false, text: result.text }).toMatchObject({
				name,
				isError: false,
			});
			expect(toolJson(result)).toEqual([
				expect.objectContaining({
					type: name,
					messageId: args.messageId,
					response: { statusCode: 200, body: { success: true } },
				}),
			]);
		}
		const received = receivedById();
		expect([...received.keys()].sort()).toEqual(calls.map(([, { messageId }]) => messageId).sort());
		expect(received.get('mcp-track-1')).toEqual({
			type: 'track',
			event: 'Plan Upgraded',
			userId: 'u-101',
			properties: {
				plan: 'pro',
				seats: 5,
				revenue: 42.5,
				annual: true,
				coupon: null,
				addOns: ['sso', 'audit'],
				billing: { currency: 'EUR', vatIncluded: false },
			},
			context: { ip: '203.0.113.7', page: { url: 'https://example.com/pricing' } },
			integrations: { All: false, Mixpanel: true },
			timestamp: '2024-05-01T12:00:00.000Z',
			messageId: 'mcp-track-1',
		});
		expect(received.get('mcp-identify-1')).toEqual({
			type: 'identify',
			userId: 'u-101',
			traits: { email: 'ada@example.com', plan: 'pro', seats: 5 },
			messageId: 'mcp-identify-1',
		});
		expect(received.get('mcp-page-1')).toEqual({
			type: 'page',
			anonymousId: 'anon-7',
			name: 'Pricing',
			category: 'Docs',
			// Segment's libraries repeat the category among the properties; so does the node.
			properties: { url: 'https://example.com/pricing', category: 'Docs' },
			messageId: 'mcp-page-1',
		});
		expect(received.get('mcp-screen-1')).toEqual({
			type: 'screen',
			userId: 'u-101',
			name: 'Checkout',
			properties: {},
			messageId: 'mcp-screen-1',
		});
		expect(received.get('mcp-group-1')).toEqual({
			type: 'group',
			groupId: 'initech',
			userId: 'u-101',
			traits: { name: 'Initech', employees: 120 },
			messageId: 'mcp-group-1',
		});
		expect(received.get('mcp-alias-1')).toEqual({
			type: 'alias',
			previousId: 'anon-7',
			userId: 'u-101',
			messageId: 'mcp-alias-1',
		});
	});

	test('batch and import_historical_data send lists of calls, as JSON lists', async () => {
		const batch = await session.callTool('batch', {
			calls: [
				{ type: 'identify', userId: 'u-7', traits: { plan: 'team', seats: 12 }, messageId: 'b-1' },
				{
					type: 'track',
					userId: 'u-7',
					event: 'Seats Added',
					properties: { added: 2, total: 12 },
					messageId: 'b-2',
				},
			],
		});
		expect(batch.isError ?? false).toBe(false);
		expect(toolJson(batch)).toEqual([
			expect.objectContaining({
				sent: 2,
				failed: 0,
				response: expect.objectContaining({ statusCode: 200 }),
			}),
		]);
		const imported = await session.callTool('import_historical_data', {
			calls: [
				{
					type: 'track',
					userId: 'u-7',
					event: 'Order Completed',
					timestamp: '2023-11-02T10:00:00Z',
					properties: { revenue: 19.99 },
					messageId: 'h-1',
				},
			],
		});
		expect(imported.isError ?? false).toBe(false);
		const received = receivedById();
		expect(received.get('b-1')).toEqual({
			type: 'identify',
			userId: 'u-7',
			traits: { plan: 'team', seats: 12 },
			messageId: 'b-1',
		});
		expect(received.get('b-2')).toMatchObject({ properties: { added: 2, total: 12 } });
		expect(received.get('h-1')).toMatchObject({
			event: 'Order Completed',
			timestamp: '2023-11-02T10:00:00.000Z',
			properties: { revenue: 19.99 },
		});
		expect(
			collector.requests.filter(({ api }) => api === 'tracking').map(({ path }) => path),
		).toEqual(['/v1/batch', '/v1/batch']);
	});

	test("admin tools act on the collector's workspace: list the sources, update one", async () => {
		const listed = toolJson(await session.callTool('list_sources', {}));
		expect(listed.map(({ id }) => id)).toEqual(
			collector.publicApiState.sources.map(({ id }) => id),
		);

		const updated = await session.callTool('update_source', {
			sourceId: SEED.iosSource,
			name: 'iOS App (renamed by an agent)',
			enabled: 'false',
		});
		expect(updated.isError ?? false).toBe(false);
		expect(toolJson(updated)).toEqual([
			expect.objectContaining({
				id: SEED.iosSource,
				name: 'iOS App (renamed by an agent)',
				enabled: false,
			}),
		]);
		const patch = collector.requests.find(({ method }) => method === 'PATCH');
		expect(patch).toMatchObject({ path: `/sources/${SEED.iosSource}`, status: 200 });
		// Only the fields given: the empty slug and settings change nothing.
		expect(JSON.parse(patch!.body)).toEqual({
			name: 'iOS App (renamed by an agent)',
			enabled: false,
		});
		expect(collector.publicApiState.sources.find(({ id }) => id === SEED.iosSource)).toMatchObject({
			name: 'iOS App (renamed by an agent)',
			slug: 'ios-app',
			enabled: false,
		});

		const destination = toolJson(
			await session.callTool('get_destination', { destinationId: SEED.amplitudeWeb }),
		);
		expect(destination).toEqual([
			expect.objectContaining({ id: SEED.amplitudeWeb, sourceId: SEED.websiteSource }),
		]);
	});

	test.each([
		{
			name: 'a track without an event',
			tool: 'track',
			args: { event: '', userId: 'u-1' },
			says: 'Item 0, field "Event" (event): required, but empty',
		},
		{
			name: 'properties that are not an object',
			tool: 'track',
			args: { event: 'Signed Up', userId: 'u-1', properties: '["plan", "pro"]' },
			says: 'Item 0, field "Properties (JSON)" (properties): expected a JSON object like {"plan": "pro"}, got a list',
		},
		{
			name: 'properties that are not JSON',
			tool: 'track',
			args: { event: 'Signed Up', userId: 'u-1', properties: '{plan: pro}' },
			says: 'Item 0, field "Properties (JSON)" (properties): expected a JSON object, but the text is not valid JSON',
		},
		{
			name: 'a timestamp that is not ISO-8601',
			tool: 'identify',
			args: { userId: 'u-1', timestamp: 'yesterday' },
			says: 'Item 0, field "Timestamp" (timestamp): expected an ISO-8601 date-time with a timezone, like 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00; got "yesterday"',
		},
		{
			name: 'an identify with neither user ID nor anonymous ID',
			tool: 'identify',
			args: { traits: '{"plan": "pro"}' },
			says: 'Item 0, field "User ID" (userId): needs a value, or Anonymous ID does',
		},
		{
			name: 'a batch whose second call has a bad timestamp (the first is not sent either)',
			tool: 'batch',
			args: {
				calls: [
					{ type: 'track', userId: 'u-1', event: 'Fine' },
					{ type: 'track', userId: 'u-1', event: 'Late', timestamp: 'soon' },
				],
			},
			says: 'Item 0, call 1, field "timestamp": expected an ISO-8601 date-time',
		},
		{
			name: 'an update of a source with nothing to change',
			tool: 'update_source',
			args: { sourceId: SEED.iosSource, name: '', enabled: '' },
			says: 'Item 0, field "Update Fields" (updateFields): add at least one field to change',
		},
		{
			// n8n checks the arguments against the tool's schema before the node runs.
			name: 'properties given as an object where the schema asks for JSON text',
			tool: 'track',
			args: { event: 'Signed Up', userId: 'u-1', properties: { plan: 'pro' } },
			says: 'Expected string, received object',
		},
	])('$name: a tool error naming the field, and nothing sent', async ({ tool, args, says }) => {
		const result = await session.callTool(tool, args);
		expect(result.isError).toBe(true);
		expect(result.text).toContain(says);
		expect(collector.requests).toEqual([]);
	});

	test('profile tools read the Profile API: traits, events, IDs, metadata, links; no profile is data', async () => {
		const ada = { idType: 'email', idValue: 'ada@example.com' };
		expect(toolJson(await session.callTool('get_profile_traits', ada))).toEqual([
			expect.objectContaining({ name: 'Ada Lovelace', plan: 'pro', pro_users: true }),
		]);
		const events = toolJson(
			await session.callTool('get_profile_events', {
				...ada,
				limit: 2,
				start: '2026-11-19T00:00:00Z',
				include: 'Order Completed,Page Viewed',
			}),
		);
		expect(
			events.map(({ event, timestamp }) => `${String(timestamp).slice(0, 10)} ${String(event)}`),
		).toEqual(['2026-11-22 Order Completed', '2026-11-21 Page Viewed']);
		expect(
			toolJson(await session.callTool('get_profile_external_ids', ada)).map(
				({ type, id }) => `${String(type)}:${String(id)}`,
			),
		).toEqual(['user_id:101', 'email:ada@example.com', 'anonymous_id:anon-3f9c1a']);
		expect(toolJson(await session.callTool('get_profile_metadata', ada))).toEqual([
			expect.objectContaining({ first_source_id: 'src_website_prod' }),
		]);
		expect(
			toolJson(
				await session.callTool('get_profile_links', {
					profileType: 'accounts',
					idType: 'group_id',
					idValue: 'analytical-engines',
				}),
			),
		).toEqual([expect.objectContaining({ to_collection: 'users' })]);
		const profileCalls = collector.requests.filter(({ api }) => api === 'profileApi');
		expect(profileCalls.map(({ path }) => path.split('/').slice(-4).join('/'))).toEqual([
			'users/profiles/email:ada%40example.com/traits',
			'users/profiles/email:ada%40example.com/events',
			'users/profiles/email:ada%40example.com/external_ids',
			'users/profiles/email:ada%40example.com/metadata',
			'accounts/profiles/group_id:analytical-engines/links',
		]);
		expect(profileCalls[1].query).toMatchObject({
			limit: '2',
			start: '2026-11-19T00:00:00Z',
			include: 'Order Completed,Page Viewed',
		});

		const nobody = await session.callTool('get_profile_traits', {
			idType: 'email',
			idValue: 'nobody+lead@example.com',
		});
		expect(nobody.isError ?? false).toBe(false);
		expect(toolJson(nobody)).toEqual([
			expect.objectContaining({ notFound: true, identifier: 'email:nobody+lead@example.com' }),
		]);
	});

	test("Segment's own refusal comes back as a tool error too", async () => {
		collector.injectFault({
			api: 'tracking',
			respond: { status: 400, body: { success: false, message: 'Invalid JSON' } },
		});
		const result = await session.callTool('track', { event: 'Refused', userId: 'u-1' });
		expect(result.isError).toBe(true);
		expect(result.text).toContain('Segment Tracking API answered 400: Invalid JSON');
		expect(collector.received).toEqual([]);
	});

	test('a client without the token, or with another one, is refused', async () => {
		// The SDK's StreamableHTTPError carries the HTTP status as its code.
		await expect(connectMcp(endpoint())).rejects.toMatchObject({ code: 403 });
		await expect(connectMcp(endpoint(), { token: 'not-the-token' })).rejects.toMatchObject({
			code: 403,
		});
		const response = await fetch(endpoint(), {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json, text/event-stream',
			},
			body: JSON.stringify({
				jsonrpc: '2.0',
				id: 1,
				method: 'tools/call',
				params: { name: 'track', arguments: { event: 'Sneaked In', userId: 'u-1' } },
			}),
		});
		expect(response.status).toBe(403);
		expect(collector.requests).toEqual([]);
	});

	test('the older SSE transport serves the same tools on the same URL', async () => {
		const sse = await connectMcp(endpoint(), { token: TOKEN, transport: 'sse' });
		try {
			expect((await sse.listTools()).map(({ name }) => name).sort()).toEqual(
				Object.keys(TOOLS).sort(),
			);
			const result = await sse.callTool('identify', {
				userId: 'u-sse',
				traits: '{"plan": "free"}',
				messageId: 'mcp-sse-1',
			});
			expect(result.isError ?? false).toBe(false);
			expect(receivedById().get('mcp-sse-1')).toMatchObject({ traits: { plan: 'free' } });
		} finally {
			await sse.close();
		}
	});
});

test('n8n sent nothing beyond 127.0.0.1', () => {
	expect(n8n.outbound()).toEqual([]);
});
