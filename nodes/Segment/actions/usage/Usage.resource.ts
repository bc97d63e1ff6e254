import { defineResource } from '../resource';
import * as getDailyPerSourceApiCalls from './getDailyPerSourceApiCalls.operation';

export const usage = defineResource({
	option: {
		name: 'Usage',
		description: 'API call usage of the workspace (Public API)',
	},
	defaultOperation: 'getDailyPerSourceApiCalls',
	operations: {
		getDailyPerSourceApiCalls,
	},
});
