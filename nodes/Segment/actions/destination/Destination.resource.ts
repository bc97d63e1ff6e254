import { defineResource } from '../resource';
import * as create from './create.operation';
import * as deleteDestination from './delete.operation';
import * as get from './get.operation';
import * as getDeliveryMetricsSummary from './getDeliveryMetricsSummary.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const destination = defineResource({
	option: {
		name: 'Destination',
		description:
			'Destinations of the workspace: create, update, delete, delivery metrics (Public API)',
	},
	defaultOperation: 'get',
	operations: {
		create,
		delete: deleteDestination,
		get,
		getDeliveryMetricsSummary,
		getMany,
		update,
	},
});
