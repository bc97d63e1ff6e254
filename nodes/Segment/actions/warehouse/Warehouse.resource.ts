import { defineResource } from '../resource';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const warehouse = defineResource({
	option: {
		name: 'Warehouse',
		description: 'Warehouses of the workspace (Public API)',
	},
	defaultOperation: 'getMany',
	operations: {
		get,
		getMany,
	},
});
