import { randomUUID } from 'node:crypto';

import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { Segment } from '../../nodes/Segment/Segment.node.ts';
import {
	instanceUrls,
	nodeTypes,
	SEGMENT_CREDENTIAL,
	SEGMENT_NODE_TYPE,
	TestCredentialsHelper,
} from './engine';

/**
 * Runs the node's `listSearch` and `loadOptions` methods the way n8n's editor backend does
 * (DynamicNodeParametersService): a workflow holding only the node, with its current parameters
 * and credential, and n8n-core's real LoadOptionsContext as `this`, so requests go through n8n's
 * request helper and the credential's authenticate to the collector.
 */
interface LoadOptionsRun {
	credentials: ICredentialDataDecryptedObject;
	/** The node's current parameters (what the editor sends). */
	parameters?: INodeParameters;
	/** The parameter the method fills, e.g. `parameters.source`. */
	path?: string;
}

function loadOptionsContext({
	credentials,
	parameters = {},
	path = 'parameters.source',
}: LoadOptionsRun): LoadOptionsContext {
	const node: INode = {
		id: randomUUID(),
		name: 'Temp-Node',
		type: SEGMENT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [SEGMENT_CREDENTIAL]: { id: 'cred-1', name: 'Segment' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		...instanceUrls(),
		credentialsHelper: new TestCredentialsHelper({ [SEGMENT_CREDENTIAL]: credentials }),
		currentNodeParameters: parameters,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}

const { methods } = new Segment();

/** Runs a `listSearch` method (a resource locator's "From list"). */
export async function runListSearch(
	method: string,
	run: LoadOptionsRun & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const search = methods.listSearch[method as keyof typeof methods.listSearch];
	if (!search) throw new Error(`The node has no listSearch method ${method}`);
	return await search.call(loadOptionsContext(run), run.filter, run.paginationToken);
}

/** Runs a `loadOptions` method (an options or multi-options parameter's list). */
export async function runLoadOptions(
	method: string,
	run: LoadOptionsRun,
): Promise<INodePropertyOptions[]> {
	const load = methods.loadOptions[method as keyof typeof methods.loadOptions];
	if (!load) throw new Error(`The node has no loadOptions method ${method}`);
	return await load.call(loadOptionsContext({ path: 'parameters.labels', ...run }));
}
