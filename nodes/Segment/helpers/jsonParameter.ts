import type { IDataObject, INode } from 'n8n-workflow';

import { fieldError, type FieldLocation } from './fieldError';
import { isRecord } from './values';

/**
 * A JSON parameter's value: n8n gives a `json` parameter as text, an expression may give the value
 * itself. Text that is not JSON fails with the field named.
 */
export function parseJsonParameter(
	node: INode,
	itemIndex: number,
	field: FieldLocation,
	raw: unknown,
): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		throw fieldError(node, itemIndex, field, 'is not valid JSON');
	}
}

/** A JSON parameter that must hold an object (settings, a payload). */
export function jsonObjectParameter(
	node: INode,
	itemIndex: number,
	field: FieldLocation,
	raw: unknown,
): IDataObject {
	const value = parseJsonParameter(node, itemIndex, field, raw);
	if (!isRecord(value)) throw fieldError(node, itemIndex, field, 'expected a JSON object');
	return value;
}
