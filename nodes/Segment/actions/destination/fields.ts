import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { jsonObjectParameter } from '../../helpers/jsonParameter';
import { booleanValue, nonEmptyText } from '../admin';

/**
 * A destination's own fields, as Create and Update take them (CreateDestinationV1Input,
 * UpdateDestinationV1Input): their parameters and how they are read.
 */

export const enabledField: INodeProperties = {
	displayName: 'Enabled',
	name: 'enabled',
	type: 'boolean',
	default: false,
	description: 'Whether the destination receives data',
};

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'The name shown in the Segment app',
};

export const settingsField: INodeProperties = {
	displayName: 'Settings (JSON)',
	name: 'settings',
	type: 'json',
	default: '{}',
	description:
		"The destination's settings as a JSON object, as its catalog entry's options define them (Catalog › Get Destination lists them)",
};

/**
 * The fields of `fields` (a collection's value) that are set, checked: a name is not empty,
 * enabled is true or false, settings are a JSON object.
 */
export function readDestinationFields(
	this: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): IDataObject {
	const set: IDataObject = {};
	if (fields.name !== undefined) {
		set.name = nonEmptyText.call(this, itemIndex, { label: 'Name', path: 'name' }, fields.name);
	}
	if (fields.enabled !== undefined) {
		set.enabled = booleanValue.call(
			this,
			itemIndex,
			{ label: 'Enabled', path: 'enabled' },
			fields.enabled,
		);
	}
	if (fields.settings !== undefined) {
		set.settings = jsonObjectParameter(
			this.getNode(),
			itemIndex,
			{ label: 'Settings (JSON)', path: 'settings' },
			fields.settings,
		);
	}
	return set;
}
