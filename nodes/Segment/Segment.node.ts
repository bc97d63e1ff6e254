import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as destination from './actions/destination';
import * as label from './actions/label';
import { router } from './actions/router';
import * as source from './actions/source';
import * as tracking from './actions/tracking';
import * as usage from './actions/usage';
import * as warehouse from './actions/warehouse';
import * as workspace from './actions/workspace';
import { listSearch, loadOptions } from './methods';

export class Segment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segment',
		name: 'segment',
		icon: { light: 'file:segment.svg', dark: 'file:segment.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send tracking calls to Twilio Segment and manage its workspace: sources, destinations, labels, warehouses, usage',
		defaults: { name: 'Segment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'twilioSegmentApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Destination',
						value: 'destination',
						description: 'Destinations of the workspace and their delivery metrics (Public API)',
					},
					{
						name: 'Label',
						value: 'label',
						description: 'Labels of the workspace (Public API)',
					},
					{
						name: 'Source',
						value: 'source',
						description: 'Sources of the workspace: labels, write keys, settings (Public API)',
					},
					{
						name: 'Tracking',
						value: 'tracking',
						description: "Calls to Segment's Tracking API: who users are and what they do",
					},
					{
						name: 'Usage',
						value: 'usage',
						description: 'API call usage of the workspace (Public API)',
					},
					{
						name: 'Warehouse',
						value: 'warehouse',
						description: 'Warehouses of the workspace (Public API)',
					},
					{
						name: 'Workspace',
						value: 'workspace',
						description: "The token's workspace (Public API)",
					},
				],
				default: 'tracking',
			},
			...tracking.description,
			...source.description,
			...destination.description,
			...usage.description,
			...label.description,
			...warehouse.description,
			...workspace.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
