import type { IDataObject } from 'n8n-workflow';

/** An object that is not a list: what n8n's JSON values and Segment's answers are made of. */
export function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `value` as an object, or undefined when it is not one (null, a list, text). */
export function asRecord(value: unknown): IDataObject | undefined {
	return isRecord(value) ? value : undefined;
}

/**
 * An object made by a JSON parser or an object literal, not an instance of a class (a Date, a
 * Luxon DateTime, a Buffer): only these are sent to Segment key by key.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (!isRecord(value)) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/** Nothing given: undefined, null, or text that is only whitespace. */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}
