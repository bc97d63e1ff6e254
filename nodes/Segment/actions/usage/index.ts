import type { INodeProperties } from 'n8n-workflow';

import * as getDailyPerSourceApiCalls from './getDailyPerSourceApiCalls.operation';

/** The operations of this resource, by their `operation` value. */
export const operations = { getDailyPerSourceApiCalls };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [
			{
				name: 'Get Daily Per-Source API Calls',
				value: 'getDailyPerSourceApiCalls',
				description: "Get each source's API calls, day by day, for a usage month",
				action: 'Get daily API calls per source',
			},
		],
		default: 'getDailyPerSourceApiCalls',
	},
	...getDailyPerSourceApiCalls.description,
];
