import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import type { CredentialImport, WorkflowJson } from './instance';
import { readWorkflow } from './instance';
import { REPO_ROOT } from './runtime';

/** The example workflows: plain n8n workflow JSON, imported by `npm start` and run by the e2e tests. */
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** The credential every example uses; `npm start` creates it pointing at the local collector. */
export const EXAMPLE_CREDENTIAL = {
	id: 'segmentLocal0001',
	name: 'Segment (local collector)',
} as const;

/** The bearer token credential of the MCP server example (examples/mcp-server.json). */
export const MCP_TOKEN_CREDENTIAL = {
	id: 'segmentMcpToken1',
	name: 'Segment MCP server token',
} as const;

/** The chat model credential of the AI Agent example (examples/ai-agent.json). */
export const AGENT_MODEL_CREDENTIAL = {
	id: 'segmentAgentLlm1',
	name: 'OpenAI-compatible model',
} as const;

/** n8n's MCP Server Trigger: a workflow with one serves MCP clients once it is active. */
export const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';

/** The node types users get from this package: the node, and the tool n8n makes from it. */
export function isSegmentNodeType(type: string): boolean {
	return type.endsWith('.segment') || type.endsWith('.segmentTool');
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

export function readExample(file: string): WorkflowJson {
	return readWorkflow(join(EXAMPLES_DIR, file));
}

/** A Twilio Segment credential whose three APIs are the local collector's. */
export function collectorCredential(
	collector: { trackingBaseUrl: string; publicApiBaseUrl: string; profileApiBaseUrl: string },
	secrets: { writeKey: string; publicApiToken: string; profileApiToken?: string; spaceId?: string },
	credential: { id: string; name: string } = EXAMPLE_CREDENTIAL,
): CredentialImport {
	return {
		...credential,
		type: 'twilioSegmentApi',
		data: {
			...secrets,
			region: 'us',
			trackingBaseUrl: collector.trackingBaseUrl,
			publicApiBaseUrl: collector.publicApiBaseUrl,
			profileApiBaseUrl: collector.profileApiBaseUrl,
		},
	};
}

/** The credential the MCP Server Trigger checks: clients send `Authorization: Bearer <token>`. */
export function mcpTokenCredential(token: string): CredentialImport {
	return { ...MCP_TOKEN_CREDENTIAL, type: 'httpBearerAuth', data: { token } };
}

/** An OpenAI API credential pointing at any OpenAI-compatible chat-completions server. */
export function modelCredential(baseUrl: string, apiKey: string): CredentialImport {
	return { ...AGENT_MODEL_CREDENTIAL, type: 'openAiApi', data: { apiKey, url: baseUrl } };
}

/**
 * The path of a workflow's MCP endpoint on an n8n (`/mcp/<path>`, n8n's production MCP URL), or
 * undefined when it has no MCP Server Trigger.
 */
export function mcpEndpointPath(workflow: WorkflowJson): string | undefined {
	const trigger = workflow.nodes.find(({ type }) => type === MCP_TRIGGER_TYPE);
	return trigger ? `/mcp/${String(trigger.parameters.path)}` : undefined;
}

/**
 * A copy of a workflow under another id and name whose Segment nodes use another credential:
 * one example run against a second credential (a wrong key) without a second JSON file.
 */
export function withCredential(
	workflow: WorkflowJson,
	credential: { id: string; name: string },
	id: string,
	name: string,
): WorkflowJson {
	return {
		...workflow,
		id,
		name,
		nodes: workflow.nodes.map((node) =>
			node.credentials?.twilioSegmentApi
				? { ...node, credentials: { twilioSegmentApi: { ...credential } } }
				: node,
		),
	};
}

/** The resource and operation of every Segment node (or Segment Tool) in a workflow. */
export function segmentOperations(
	workflow: WorkflowJson,
): Array<{ node: string; resource: string; operation: string }> {
	return workflow.nodes
		.filter(({ type }) => isSegmentNodeType(type))
		.map(({ name, parameters }) => ({
			node: name,
			resource: String(parameters.resource),
			operation: String(parameters.operation),
		}));
}

/**
 * The operations a workflow uses that the node does not offer (yet), as `resource › operation`:
 * an example whose operations another change adds is skipped until it lands.
 */
export function missingOperations(workflow: WorkflowJson, properties: INodeProperties[]): string[] {
	const offered = (resource: string, operation: string): boolean =>
		properties.some(
			({ name, options, displayOptions }) =>
				name === 'operation' &&
				(displayOptions?.show?.resource ?? []).includes(resource) &&
				(options ?? []).some((option) => 'value' in option && option.value === operation),
		);
	return segmentOperations(workflow)
		.filter(({ resource, operation }) => !offered(resource, operation))
		.map(({ resource, operation }) => `${resource} › ${operation}`);
}
