import { defineResource } from '../resource';
import * as addLabels from './addLabels.operation';
import * as create from './create.operation';
import * as createWriteKey from './createWriteKey.operation';
import * as deleteSource from './delete.operation';
import * as get from './get.operation';
import * as getConnectedDestinations from './getConnectedDestinations.operation';
import * as getMany from './getMany.operation';
import * as listConnectedWarehouses from './listConnectedWarehouses.operation';
import * as listSchemaSettings from './listSchemaSettings.operation';
import * as removeWriteKey from './removeWriteKey.operation';
import * as replaceLabels from './replaceLabels.operation';
import * as update from './update.operation';

export const source = defineResource({
	option: {
		name: 'Source',
		description:
			'Sources of the workspace: create, labels, write keys, settings, connections (Public API)',
	},
	defaultOperation: 'get',
	operations: {
		addLabels,
		create,
		createWriteKey,
		delete: deleteSource,
		get,
		getConnectedDestinations,
		getMany,
		listConnectedWarehouses,
		listSchemaSettings,
		removeWriteKey,
		replaceLabels,
		update,
	},
});
