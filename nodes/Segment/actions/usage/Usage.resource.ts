import { defineResource } from '../resource';
import * as getDailyApiCalls from './getDailyApiCalls.operation';
import * as getDailyMtu from './getDailyMtu.operation';
import * as getDailyPerSourceApiCalls from './getDailyPerSourceApiCalls.operation';
import * as getDailyPerSourceMtu from './getDailyPerSourceMtu.operation';
import * as getEventVolume from './getEventVolume.operation';

export const usage = defineResource({
	option: {
		name: 'Usage',
		description: 'Event volume, API calls and monthly tracked users of the workspace (Public API)',
	},
	defaultOperation: 'getDailyPerSourceApiCalls',
	operations: {
		getDailyApiCalls,
		getDailyMtu,
		getDailyPerSourceApiCalls,
		getDailyPerSourceMtu,
		getEventVolume,
	},
});
