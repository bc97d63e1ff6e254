import { defineResource } from '../resource';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const label = defineResource({
	option: {
		name: 'Label',
		description: 'Labels of the workspace (Public API)',
	},
	defaultOperation: 'getMany',
	operations: {
		create,
		getMany,
	},
});
