import { defineResource } from '../resource';
import * as get from './get.operation';

export const workspace = defineResource({
	option: {
		name: 'Workspace',
		description: "The token's workspace (Public API)",
	},
	defaultOperation: 'get',
	operations: {
		get,
	},
});
