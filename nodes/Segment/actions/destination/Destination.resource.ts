import { defineResource } from '../resource';
import * as get from './get.operation';
import * as getDeliveryMetricsSummary from './getDeliveryMetricsSummary.operation';
import * as getMany from './getMany.operation';

export const destination = defineResource({
	option: {
		name: 'Destination',
		description: 'Destinations of the workspace and their delivery metrics (Public API)',
	},
	defaultOperation: 'get',
	operations: {
		get,
		getDeliveryMetricsSummary,
		getMany,
	},
});
