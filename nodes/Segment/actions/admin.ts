import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
} from 'n8n-workflow';

import { fieldError } from '../helpers/fieldError';
import { errorItem } from '../helpers/items';
import { asNodeError } from '../helpers/nodeError';
import { fetchPublicApiList, type PublicApiListRequest } from '../transport/pagination';
import { WORKSPACE_OBJECTS, type LocatableObjectName } from '../workspaceObjects';
import { PartFailure } from './requestParts';

/**
 * What the Public API (admin) operations share when they run: the per-item loop, reading a
 * resource locator, and shaping the output. The requests themselves go through
 * ../transport/publicApi.ts, which every other context (dropdowns, the trigger) uses too.
 */

/** What one input item gives: one object, or a list (one output item per element). */
export type AdminOutput = IDataObject | IDataObject[];

/**
 * The one per-item loop of the admin operations. Items run one after the other (the Public API is
 * rate limited per workspace, and a Delete then a Get must happen in that order). Every input item
 * gives its output items paired to it, or, with Continue On Fail, an error item. An item whose list
 * went in several requests (./requestParts.ts) keeps the outputs of those done before one failed.
 */
export async function runAdminOperation(
	this: IExecuteFunctions,
	perItem: (this: IExecuteFunctions, itemIndex: number) => Promise<AdminOutput>,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await perItem.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const partial = error instanceof PartFailure ? error : undefined;
			if (!this.continueOnFail()) {
				throw partial
					? partial.nodeError(this.getNode(), itemIndex, output)
					: asNodeError(this.getNode(), error);
			}
			for (const json of partial?.done ?? [])
				output.push({ json, pairedItem: { item: itemIndex } });
			output.push(partial ? partial.errorItem(itemIndex) : errorItem(error, itemIndex));
		}
	}
	return output;
}

function wantsRawResponse(this: IExecuteFunctions, itemIndex: number): boolean {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.rawResponse === true;
}

/**
 * The output of a single call: the useful part of Segment's `data` (chosen by `pick`), or the
 * whole response when the Raw Response option is on.
 */
export function adminOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	pick: (data: IDataObject) => unknown,
): AdminOutput {
	if (wantsRawResponse.call(this, itemIndex)) return body;
	const data = (body.data ?? {}) as IDataObject;
	const picked = pick(data);
	if (Array.isArray(picked)) return picked as IDataObject[];
	return picked !== null && typeof picked === 'object' ? (picked as IDataObject) : data;
}

/**
 * A list operation: Return All (follows the cursor to the end) or Limit, with the largest page
 * size the API allows; one output item per element, or one per page with Raw Response.
 */
export async function adminList(
	this: IExecuteFunctions,
	itemIndex: number,
	request: Omit<PublicApiListRequest, 'itemIndex'>,
): Promise<AdminOutput> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Limit', path: 'limit' },
			`expected a whole number of 1 or more; got ${limit}`,
		);
	}
	const { items, pages } = await fetchPublicApiList.call(this, { ...request, itemIndex }, limit);
	return wantsRawResponse.call(this, itemIndex) ? pages : items;
}

/**
 * The ID a resource locator parameter holds, whichever mode it was given in: chosen from the
 * list, typed as an ID, or pasted as a Segment app URL (the ID is read from it).
 */
export function resourceId(
	this: IExecuteFunctions,
	name: LocatableObjectName,
	itemIndex: number,
): string {
	const object = WORKSPACE_OBJECTS[name];
	const noun = object.label.toLowerCase();
	const raw = this.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator | string;
	const locator = typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw };
	const field = { label: object.label, path: object.locator.idField };
	const value =
		typeof locator.value === 'string' ? locator.value.trim() : String(locator.value ?? '').trim();
	if (value === '') {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`choose a ${noun} from the list, or enter its ID`,
		);
	}
	if (locator.mode === 'url') {
		const appUrl = 'appUrl' in object.locator ? object.locator.appUrl : undefined;
		const match = appUrl ? new RegExp(appUrl.pattern).exec(value) : null;
		if (!match) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				field,
				`expected the URL of a ${noun} page in the Segment app, which carries its ID; got "${value}"`,
			);
		}
		return match[1];
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`expected a ${noun} ID (letters and digits, as in Segment's settings or its API); got "${value}"`,
		);
	}
	return value;
}

/** A required text parameter, trimmed; empty fails with the field named. */
export function requiredText(
	this: IExecuteFunctions,
	itemIndex: number,
	field: { name: string; label: string; path?: string },
): string {
	const value = this.getNodeParameter(field.name, itemIndex, '') as unknown;
	const text =
		typeof value === 'string'
			? value.trim()
			: value === undefined || value === null
				? ''
				: String(value);
	if (text === '') {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: field.label, path: field.path ?? field.name },
			'must not be empty',
		);
	}
	return text;
}

/** A value that must be true or false: a boolean, or the text "true" / "false" an expression or an AI tool gives. */
export function booleanValue(
	this: IExecuteFunctions,
	itemIndex: number,
	field: { label: string; path: string },
	value: unknown,
): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true' || text === 'false') return text === 'true';
	throw fieldError(
		this.getNode(),
		itemIndex,
		field,
		`expected true or false; got ${JSON.stringify(value)}`,
	);
}

/** A text value that must not be empty once trimmed (a collection's name or title). */
export function nonEmptyText(
	this: IExecuteFunctions,
	itemIndex: number,
	field: { label: string; path: string },
	value: unknown,
): string {
	const text = String(value ?? '').trim();
	if (text === '') throw fieldError(this.getNode(), itemIndex, field, 'must not be empty');
	return text;
}
