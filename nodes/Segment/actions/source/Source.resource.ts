import { defineResource } from '../resource';
import * as addLabels from './addLabels.operation';
import * as createWriteKey from './createWriteKey.operation';
import * as deleteSource from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as listConnectedWarehouses from './listConnectedWarehouses.operation';
import * as listSchemaSettings from './listSchemaSettings.operation';
import * as removeWriteKey from './removeWriteKey.operation';
import * as update from './update.operation';

export const source = defineResource({
	option: {
		name: 'Source',
		description: 'Sources of the workspace: labels, write keys, settings (Public API)',
	},
	defaultOperation: 'get',
	operations: {
		addLabels,
		createWriteKey,
		delete: deleteSource,
		get,
		getMany,
		listConnectedWarehouses,
		listSchemaSettings,
		removeWriteKey,
		update,
	},
});
