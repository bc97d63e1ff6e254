import { defineResource } from '../resource';
import * as addOrUpdateRules from './addOrUpdateRules.operation';
import * as connectSource from './connectSource.operation';
import * as create from './create.operation';
import * as deleteTrackingPlan from './delete.operation';
import * as disconnectSource from './disconnectSource.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getRules from './getRules.operation';
import * as getSources from './getSources.operation';
import * as removeRules from './removeRules.operation';
import * as replaceRules from './replaceRules.operation';
import * as update from './update.operation';

export const trackingPlan = defineResource({
	option: {
		name: 'Tracking Plan',
		description:
			"The workspace's Tracking Plans (Protocols): their rules and the sources checked against them (Public API)",
	},
	defaultOperation: 'get',
	operations: {
		addOrUpdateRules,
		connectSource,
		create,
		delete: deleteTrackingPlan,
		disconnectSource,
		get,
		getMany,
		getRules,
		getSources,
		removeRules,
		replaceRules,
		update,
	},
});
