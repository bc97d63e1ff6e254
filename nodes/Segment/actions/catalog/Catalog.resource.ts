import { defineResource } from '../resource';
import * as getDestination from './getDestination.operation';
import * as getManyDestinations from './getManyDestinations.operation';
import * as getManySources from './getManySources.operation';
import * as getManyWarehouses from './getManyWarehouses.operation';
import * as getSource from './getSource.operation';
import * as getWarehouse from './getWarehouse.operation';

export const catalog = defineResource({
	option: {
		name: 'Catalog',
		description:
			"Segment's catalog: the kinds of destination, source and warehouse, and their settings (Public API)",
	},
	defaultOperation: 'getManyDestinations',
	operations: {
		getDestination,
		getManyDestinations,
		getManySources,
		getManyWarehouses,
		getSource,
		getWarehouse,
	},
});
