import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

/**
 * The Segment action node. Its parameters come from its resources (./actions/resources.ts); the
 * fields n8n's community rules check on the class itself (icon, credentials, connections, tool
 * use) stay here, where the rules and the package scanner can read them.
 */
export class Segment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segment',
		name: 'segment',
		icon: { light: 'file:segment.svg', dark: 'file:segment.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send tracking calls to Twilio Segment, read its profiles and manage its workspace: sources, destinations, labels, warehouses, usage',
		defaults: { name: 'Segment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'twilioSegmentApi', required: true }],
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
