import { defineResource } from '../resource';
import * as connectSource from './connectSource.operation';
import * as disconnectSource from './disconnectSource.operation';
import * as get from './get.operation';
import * as getConnectedSources from './getConnectedSources.operation';
import * as getMany from './getMany.operation';

export const warehouse = defineResource({
	option: {
		name: 'Warehouse',
		description: 'Warehouses of the workspace and the sources they load (Public API)',
	},
	defaultOperation: 'getMany',
	operations: {
		connectSource,
		disconnectSource,
		get,
		getConnectedSources,
		getMany,
	},
});
