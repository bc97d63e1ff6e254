import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';

/** The operations of this resource, by their `operation` value. */
export const operations = { create, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a workspace label (key:value)',
				action: 'Create a label',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many labels of the workspace',
				action: 'Get many labels',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...getMany.description,
];
