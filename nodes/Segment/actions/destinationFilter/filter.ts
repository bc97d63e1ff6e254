import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { parseJsonParameter } from '../../helpers/jsonParameter';
import { isRecord } from '../../helpers/values';

/**
 * A destination filter's condition and actions, as Create, Update and Preview take them
 * (DestinationFilterActionV1 in the official definition): their parameters, and the checks made
 * before anything is sent.
 */

export const ACTION_TYPES = ['ALLOW_PROPERTIES', 'DROP', 'DROP_PROPERTIES', 'SAMPLE'] as const;

export const ifField: INodeProperties = {
	displayName: 'If',
	name: 'if',
	type: 'string',
	default: 'all',
	placeholder: 'e.g. type = "track" and event = "Order Completed"',
	description:
		'The FQL condition an event must meet for the actions to apply; "all" applies them to every event',
};

export const actionsField: INodeProperties = {
	displayName: 'Actions (JSON)',
	name: 'actions',
	type: 'json',
	default: '[{ "type": "DROP" }]',
	description:
		'A JSON list of actions: {"type": "DROP"}; {"type": "SAMPLE", "percent": 0.1, "path": "userId"}; {"type": "ALLOW_PROPERTIES" or "DROP_PROPERTIES", "fields": {"properties": ["email"]}} ("" names the top level)',
};

const ACTIONS = { label: 'Actions (JSON)', path: 'actions' };

/** The FQL condition: not empty. */
export function readIf(this: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	const condition = typeof raw === 'string' ? raw.trim() : '';
	if (condition === '') {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'If', path: 'if' },
			'expected an FQL condition, like type = "track", or "all" for every event',
		);
	}
	return condition;
}

function actionError(
	this: IExecuteFunctions,
	itemIndex: number,
	index: number,
	key: string | undefined,
	problem: string,
): Error {
	const path = `actions[${index}]${key ? `.${key}` : ''}`;
	return fieldError(this.getNode(), itemIndex, { label: ACTIONS.label, path }, problem);
}

/** One action, checked against its type; the type is sent as the definition's enum spells it. */
function readAction(
	this: IExecuteFunctions,
	itemIndex: number,
	action: unknown,
	index: number,
): IDataObject {
	const fail = (key: string | undefined, problem: string) =>
		actionError.call(this, itemIndex, index, key, problem);
	if (!isRecord(action)) throw fail(undefined, 'expected an object with a "type"');
	const type = typeof action.type === 'string' ? action.type.trim().toUpperCase() : '';
	if (!(ACTION_TYPES as readonly string[]).includes(type)) {
		throw fail(
			'type',
			`expected one of ${ACTION_TYPES.join(', ')}; got ${JSON.stringify(action.type)}`,
		);
	}
	const allowed = {
		DROP: ['type'],
		SAMPLE: ['type', 'percent', 'path'],
		ALLOW_PROPERTIES: ['type', 'fields'],
		DROP_PROPERTIES: ['type', 'fields'],
	}[type] as string[];
	const unknown = Object.keys(action).find((key) => !allowed.includes(key));
	if (unknown !== undefined) {
		throw fail(
			unknown,
			`a ${type} action takes only ${allowed.map((key) => `"${key}"`).join(', ')}`,
		);
	}
	const checked: IDataObject = { ...action, type };
	if (type === 'SAMPLE') {
		const { percent, path } = action;
		if (typeof percent !== 'number' || !(percent >= 0 && percent <= 1)) {
			throw fail(
				'percent',
				`expected a number from 0 to 1 (0.1 keeps 10%); got ${JSON.stringify(percent)}`,
			);
		}
		if (path !== undefined && (typeof path !== 'string' || path.trim() === '')) {
			throw fail(
				'path',
				`expected the path of a property, like "userId"; got ${JSON.stringify(path)}`,
			);
		}
	}
	if (type === 'ALLOW_PROPERTIES' || type === 'DROP_PROPERTIES') {
		const { fields } = action;
		const entries = isRecord(fields) ? Object.entries(fields) : [];
		if (entries.length === 0) {
			throw fail(
				'fields',
				'expected an object of paths to property names, like {"properties": ["email"]}',
			);
		}
		for (const [path, names] of entries) {
			if (!Array.isArray(names) || names.some((name) => typeof name !== 'string' || name === '')) {
				throw fail(
					`fields.${path}`,
					`expected a list of property names, like ["email"]; got ${JSON.stringify(names)}`,
				);
			}
		}
	}
	return checked;
}

/** The actions: a JSON list of at least one valid action. */
export function readActions(
	this: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): IDataObject[] {
	const actions = parseJsonParameter(this.getNode(), itemIndex, ACTIONS, raw);
	if (!Array.isArray(actions) || actions.length === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			ACTIONS,
			'expected a JSON list of at least one action, like [{"type": "DROP"}]',
		);
	}
	return actions.map((action, index) => readAction.call(this, itemIndex, action, index));
}
