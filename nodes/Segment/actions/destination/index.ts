import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getDeliveryMetricsSummary from './getDeliveryMetricsSummary.operation';
import * as getMany from './getMany.operation';

/** The operations of this resource, by their `operation` value. */
export const operations = { get, getDeliveryMetricsSummary, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['destination'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a destination by ID',
				action: 'Get a destination',
			},
			{
				name: 'Get Delivery Metrics Summary',
				value: 'getDeliveryMetricsSummary',
				description: 'Summarise how the events of a source were delivered to a destination',
				action: 'Get the delivery metrics summary of a destination',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many destinations of the workspace',
				action: 'Get many destinations',
			},
		],
		default: 'get',
	},
	...get.description,
	...getDeliveryMetricsSummary.description,
	...getMany.description,
];
