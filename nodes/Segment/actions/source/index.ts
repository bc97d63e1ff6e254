import type { INodeProperties } from 'n8n-workflow';

import * as addLabels from './addLabels.operation';
import * as createWriteKey from './createWriteKey.operation';
import * as deleteSource from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as listConnectedWarehouses from './listConnectedWarehouses.operation';
import * as listSchemaSettings from './listSchemaSettings.operation';
import * as removeWriteKey from './removeWriteKey.operation';
import * as update from './update.operation';

/** The operations of this resource, by their `operation` value. */
export const operations = {
	addLabels,
	createWriteKey,
	delete: deleteSource,
	get,
	getMany,
	listConnectedWarehouses,
	listSchemaSettings,
	removeWriteKey,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['source'] } },
		options: [
			{
				name: 'Add Labels',
				value: 'addLabels',
				description: 'Add workspace labels to a source',
				action: 'Add labels to a source',
			},
			{
				name: 'Create Write Key',
				value: 'createWriteKey',
				description: 'Create a new write key for a source',
				action: 'Create a write key for a source',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a source permanently (one-way: it cannot be restored)',
				action: 'Delete a source',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a source by ID',
				action: 'Get a source',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many sources of the workspace',
				action: 'Get many sources',
			},
			{
				name: 'List Connected Warehouses',
				value: 'listConnectedWarehouses',
				description: 'List the warehouses a source syncs to',
				action: 'List warehouses connected to a source',
			},
			{
				name: 'List Schema Settings',
				value: 'listSchemaSettings',
				description: "Get a source's schema (Protocols) settings",
				action: 'List schema settings of a source',
			},
			{
				name: 'Remove Write Key',
				value: 'removeWriteKey',
				description:
					'Remove a write key from a source permanently (one-way: it cannot be restored)',
				action: 'Remove a write key from a source',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Update a source's name, slug, enabled state or settings",
				action: 'Update a source',
			},
		],
		default: 'get',
	},
	...addLabels.description,
	...createWriteKey.description,
	...deleteSource.description,
	...get.description,
	...getMany.description,
	...listConnectedWarehouses.description,
	...listSchemaSettings.description,
	...removeWriteKey.description,
	...update.description,
];
