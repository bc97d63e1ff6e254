import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	LoggerProxy,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type Logger,
} from 'n8n-workflow';

import { TwilioSegmentApi } from '../../credentials/TwilioSegmentApi.credentials';
// The extension matters: Node's resolver would pick Segment.node.json (the codex) over the .ts file.
import { Segment } from '../../nodes/Segment/Segment.node.ts';

/** The node type names users get when they install the package. */
export const SEGMENT_NODE_TYPE = 'n8n-nodes-segment.segment';
export const INPUT_NODE_TYPE = 'test.input';
export const SEGMENT_CREDENTIAL = 'twilioSegmentApi';

/** Emits the items in its `items` parameter: the start of every test workflow. */
class TestInput implements INodeType {
	description = {
		displayName: 'Test Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Input' },
		inputs: [],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
		] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

export const PREPARED_INPUT_NODE_TYPE = 'test.preparedInput';
const preparedItems = new Map<string, INodeExecutionData[]>();

/**
 * Emits items handed over in code, as they are: no parameter resolution touches them (a value
 * starting with "=" stays text, NaN stays NaN), and building them is not part of the run.
 */
class PreparedInput implements INodeType {
	description = {
		...new TestInput().description,
		displayName: 'Prepared Input',
		name: 'preparedInput',
		properties: [
			{ displayName: 'Key', name: 'key', type: 'string', default: '' },
		] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [preparedItems.get(this.getNodeParameter('key', 0) as string) ?? []];
	}
}

/** Hands items to the next workflow whose input node names `key`. */
export function prepareItems(items: IDataObject[]): string {
	const key = randomUUID();
	preparedItems.set(
		key,
		items.map((json) => ({ json })),
	);
	return key;
}

const nodeTypesByName: Record<string, INodeType> = {
	[SEGMENT_NODE_TYPE]: new Segment(),
	[INPUT_NODE_TYPE]: new TestInput(),
	[PREPARED_INPUT_NODE_TYPE]: new PreparedInput(),
};

const credentialTypes: Record<string, ICredentialType> = {
	[SEGMENT_CREDENTIAL]: new TwilioSegmentApi(),
};

/** Adds node types (n8n's built-in nodes, for comparisons) to those workflows may use. */
export function registerNodeType(name: string, nodeType: INodeType): void {
	nodeTypesByName[name] = nodeType;
}

export function registerCredentialType(credentialType: ICredentialType): void {
	credentialTypes[credentialType.name] = credentialType;
}

export const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypesByName[type],
	getByNameAndVersion: (type) => nodeTypesByName[type],
	getKnownTypes: () => ({}),
};

/**
 * Gives the engine the test's credential data and applies each credential type's `authenticate`,
 * which n8n's server does and n8n-core leaves to its caller.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = credentialTypes[typeName] ?? {};
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		// Generic authentication: resolve each value against the credential and merge it in.
		const resolved = { ...requestOptions } as unknown as Record<string, IDataObject>;
		for (const [section, values] of Object.entries(authenticate.properties)) {
			const target = { ...(resolved[section] ?? {}) };
			for (const [key, value] of Object.entries(values as IDataObject)) {
				target[key] = workflow.expression.getSimpleParameterValue(
					node,
					value as string,
					'internal',
					{ $credentials: credentials },
				) as IDataObject[string];
			}
			resolved[section] = target;
		}
		return resolved as unknown as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`The test gave no data for credential type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

/** Every line n8n-core and the node logged, so tests can look for leaked secrets. */
export const capturedLogs: string[] = [];

const captureLogger: Logger = (() => {
	const capture =
		(level: string) =>
		(message: string, meta: object = {}): void => {
			capturedLogs.push(`${level} ${message} ${JSON.stringify(meta)}`);
		};
	const logger = {
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
		scoped: () => logger,
	};
	return logger as unknown as Logger;
})();
LoggerProxy.init(captureLogger);

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IWorkflowBase['connections'];
}

/** A serialised node error, as n8n stores it in the execution. */
export interface SerialisedNodeError {
	message: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
	name?: string;
}

export interface ExecutionResult {
	run: IRun;
	/** The items a node output on its first (main) output. */
	output(nodeName?: string): INodeExecutionData[];
	/** The error that stopped the execution, if one did. */
	error?: SerialisedNodeError;
}

/**
 * The instance URLs n8n-core reads from its additional data. Each must be a valid absolute URL: an
 * empty one makes every getNodeParameter() throw "Invalid URL".
 */
export function instanceUrls(base = 'http://localhost:5678') {
	return {
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
	};
}

/** Executes a workflow through n8n's real engine, from its node named "Input". */
export async function executeWorkflow(
	workflowJson: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<ExecutionResult> {
	const workflow = new Workflow({
		id: workflowJson.id ?? randomUUID(),
		name: workflowJson.name ?? 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		settings: {},
	});
	const executionId = randomUUID();
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const additionalData = {
		...instanceUrls(),
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in tests');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not used in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const startNode = workflow.getNode('Input');
	if (!startNode) throw new Error('The test workflow needs a start node named "Input"');
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode });
	const { resultData } = run.data;
	return {
		run,
		output: (nodeName = 'Segment') => resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		error: resultData.error as unknown as SerialisedNodeError | undefined,
	};
}

export interface SegmentRunOptions {
	/** The input items. */
	items: IDataObject[];
	/** The Segment node's parameters. */
	parameters: INodeParameters;
	/** The Twilio Segment credential's data. */
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** The node's Settings › Execute Once: it runs for the first item only. */
	executeOnce?: boolean;
	/** Hand the items to the node as they are (see PreparedInput), not through a parameter. */
	itemsAsIs?: boolean;
}

/** The smallest workflow around one Segment node: input items → Segment. */
export function segmentWorkflow(options: Omit<SegmentRunOptions, 'credentials'>): WorkflowJson {
	return {
		nodes: [
			{
				id: randomUUID(),
				name: 'Input',
				type: options.itemsAsIs ? PREPARED_INPUT_NODE_TYPE : INPUT_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: options.itemsAsIs
					? { key: prepareItems(options.items) }
					: { items: options.items as unknown as INodeParameters['items'] },
			},
			{
				id: randomUUID(),
				name: 'Segment',
				type: SEGMENT_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: options.parameters,
				credentials: { [SEGMENT_CREDENTIAL]: { id: 'cred-1', name: 'Segment' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				...(options.executeOnce ? { executeOnce: true } : {}),
			},
		],
		connections: { Input: { main: [[{ node: 'Segment', type: 'main', index: 0 }]] } },
	};
}

/** Runs input items through one Segment node in n8n's engine. */
export async function runSegmentNode(options: SegmentRunOptions): Promise<ExecutionResult> {
	return await executeWorkflow(segmentWorkflow(options), {
		[SEGMENT_CREDENTIAL]: options.credentials,
	});
}

/** Resolves an n8n expression the way n8n resolves credential fields (with `$credentials`). */
export function resolveExpression(expression: string, additionalKeys: IDataObject): unknown {
	const node: INode = {
		id: 'expression',
		name: 'Segment',
		type: SEGMENT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, expression, 'internal', additionalKeys);
}
