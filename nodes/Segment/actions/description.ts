import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from './resource';
import { RESOURCES } from './resources';

const resources = Object.entries(RESOURCES);

/**
 * The node's parameters: the Resource dropdown, then each resource's Operation dropdown and its
 * operations' parameters, all read from ./resources.ts.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map(([value, { option }]) => ({ name: option.name, value, description: option.description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'tracking',
	},
	...resources.flatMap(([value, resource]) => resourceProperties(value, resource)),
];
