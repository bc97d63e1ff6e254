import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

/** The operations of this resource, by their `operation` value. */
export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspace'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get the token's workspace (ID, name, slug)",
				action: 'Get the workspace',
			},
		],
		default: 'get',
	},
	...get.description,
];
