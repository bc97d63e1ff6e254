import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The operations of this resource, by their `operation` value. */
export const operations = { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['warehouse'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a warehouse by ID',
				action: 'Get a warehouse',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many warehouses of the workspace',
				action: 'Get many warehouses',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
