import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

/**
 * An MCP client as Claude Desktop, Cursor or an agent framework would be one: the official MCP
 * TypeScript SDK, over either transport n8n's MCP Server Trigger serves on one URL (Streamable
 * HTTP: POST; the older SSE: GET, then POSTs to the session's URL).
 */

export type McpTransportName = 'streamable-http' | 'sse';

export interface McpSession {
	client: Client;
	listTools(): Promise<Tool[]>;
	/** Calls a tool; the result as the client got it, with its text content joined. */
	callTool(name: string, args: Record<string, unknown>): Promise<CallToolResult & { text: string }>;
	close(): Promise<void>;
}

export async function connectMcp(
	url: string,
	options: { token?: string; transport?: McpTransportName } = {},
): Promise<McpSession> {
	const headers: Record<string, string> = options.token
		? { Authorization: `Bearer ${options.token}` }
		: {};
	const endpoint = new URL(url);
	const transport =
		options.transport === 'sse'
			? new SSEClientTransport(endpoint, { requestInit: { headers } })
			: new StreamableHTTPClientTransport(endpoint, { requestInit: { headers } });
	const client = new Client({ name: 'n8n-nodes-segment-e2e', version: '1.0.0' });
	await client.connect(transport);
	return {
		client,
		listTools: async () => {
			const tools: Tool[] = [];
			let cursor: string | undefined;
			do {
				const page = await client.listTools(cursor ? { cursor } : undefined);
				tools.push(...page.tools);
				cursor = page.nextCursor;
			} while (cursor);
			return tools;
		},
		callTool: async (name, args) => {
			const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
			const text = result.content
				.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`))
				.join('\n');
			return { ...result, text };
		},
		close: async () => await client.close(),
	};
}

/** The JSON a successful Segment tool call answers with (n8n returns the node's output items). */
export function toolJson<T = Array<Record<string, unknown>>>(result: { text: string }): T {
	return JSON.parse(result.text) as T;
}
