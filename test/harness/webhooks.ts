import { randomUUID } from 'node:crypto';

import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import {
	instanceUrls,
	nodeTypes,
	registerNodeType,
	SEGMENT_CREDENTIAL,
	TestCredentialsHelper,
} from './engine';

/**
 * A trigger node's webhook lifecycle through n8n-core's real contexts, as n8n's server drives it:
 * the activation hooks (`webhookMethods.<name>.checkExists | create | delete`) in a HookContext,
 * and a received request in a WebhookContext. The workflow's static data lives on between the
 * calls of one TriggerHarness, as n8n keeps it between an activation and the requests after it.
 */
export interface TriggerSetup {
	/** The node type under test, registered under `type`. */
	nodeType: INodeType;
	type: string;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** Fixed, so the webhook URL is stable (as workflow fixtures give their trigger nodes). */
	webhookId?: string;
	/** The instance's base URL: its production webhooks are under `<base>/webhook/`. */
	instanceBaseUrl?: string;
}

/** A request as n8n hands it to a webhook: express's shape, with the raw body n8n keeps. */
export interface WebhookRequest {
	method?: string;
	headers?: Record<string, string>;
	/** The parsed JSON body (n8n parses JSON before the node sees it). */
	body?: unknown;
	/** The bytes as they arrived; defaults to JSON.stringify(body). */
	rawBody?: Buffer | string;
	query?: Record<string, string>;
}

/** What the node answered itself, when it did (`noWebhookResponse`). */
export interface WebhookAnswer {
	status?: number;
	body?: unknown;
	headers: Record<string, string>;
	ended: boolean;
}

export class TriggerHarness {
	readonly workflow: Workflow;

	readonly node: INode;

	private readonly additionalData: IWorkflowExecuteAdditionalData;

	constructor(private readonly setup: TriggerSetup) {
		registerNodeType(setup.type, setup.nodeType);
		this.node = {
			id: randomUUID(),
			name: 'Trigger',
			type: setup.type,
			typeVersion: 1,
			position: [0, 0],
			parameters: setup.parameters,
			webhookId: setup.webhookId ?? randomUUID(),
			credentials: { [SEGMENT_CREDENTIAL]: { id: 'cred-1', name: 'Segment' } },
		};
		this.workflow = new Workflow({
			id: 'wf-trigger-test',
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: {},
			settings: {},
		});
		this.additionalData = {
			...instanceUrls(setup.instanceBaseUrl),
			credentialsHelper: new TestCredentialsHelper({ [SEGMENT_CREDENTIAL]: setup.credentials }),
			executionId: randomUUID(),
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(name = 'default'): IWebhookData {
		const description = this.setup.nodeType.description.webhooks?.find(
			(webhook) => webhook.name === name,
		);
		if (!description) throw new Error(`The node has no webhook named ${name}`);
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData,
			webhookId: this.node.webhookId,
		};
	}

	/** The workflow's static data of the node, as n8n would save it after a hook. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** Runs one activation hook, in the activation mode n8n uses when a workflow is published. */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode = 'activate',
		name = 'default',
	): Promise<boolean | undefined> {
		const methods = this.setup.nodeType.webhookMethods as
			Record<string, Record<string, (this: HookContext) => Promise<boolean>>> | undefined;
		const fn = methods?.[name]?.[method];
		if (!fn) throw new Error(`The node has no webhookMethods.${name}.${method}`);
		const context = new HookContext(
			this.workflow,
			this.node,
			this.additionalData,
			'trigger',
			activation,
			this.webhookData(name),
		);
		return await fn.call(context);
	}

	/** The production URL n8n gives the node's webhook. */
	webhookUrl(name = 'default'): string | undefined {
		const context = new HookContext(
			this.workflow,
			this.node,
			this.additionalData,
			'trigger',
			'activate',
			this.webhookData(name),
		);
		return context.getNodeWebhookUrl(name as 'default');
	}

	/** Hands one request to the node's webhook; returns what it gave n8n and what it answered. */
	async receive(
		request: WebhookRequest,
		name = 'default',
	): Promise<{ result: IWebhookResponseData; answer: WebhookAnswer }> {
		if (!this.setup.nodeType.webhook) throw new Error('The node has no webhook()');
		const answer: WebhookAnswer = { headers: {}, ended: false };
		const response = {
			status(code: number) {
				answer.status = code;
				return response;
			},
			setHeader(key: string, value: string) {
				answer.headers[key.toLowerCase()] = value;
				return response;
			},
			json(body: unknown) {
				answer.body = body;
				answer.ended = true;
				return response;
			},
			send(body?: unknown) {
				answer.body = body;
				answer.ended = true;
				return response;
			},
			end(body?: unknown) {
				if (body !== undefined) answer.body = body;
				answer.ended = true;
				return response;
			},
		};
		const headers = Object.fromEntries(
			Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
		);
		const rawBody =
			request.rawBody === undefined
				? Buffer.from(JSON.stringify(request.body ?? {}))
				: Buffer.from(request.rawBody);
		const httpRequest = {
			method: request.method ?? 'POST',
			headers,
			body: request.body ?? {},
			rawBody,
			query: request.query ?? {},
			params: {},
			header: (key: string) => headers[key.toLowerCase()],
			get: (key: string) => headers[key.toLowerCase()],
		};
		const data = { ...this.additionalData, httpRequest, httpResponse: response };
		const context = new WebhookContext(
			this.workflow,
			this.node,
			data as unknown as IWorkflowExecuteAdditionalData,
			'webhook',
			this.webhookData(name),
			[],
			null,
		);
		const result = await this.setup.nodeType.webhook.call(context);
		return { result, answer };
	}
}
