import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachWithConcurrency } from '../../helpers/concurrency';
import { fieldError } from '../../helpers/fieldError';
import { errorItem } from '../../helpers/items';
import { asNodeError } from '../../helpers/nodeError';
import { isBlank, isRecord } from '../../helpers/values';
import {
	followProfileCursor,
	identifierText,
	type ProfileCollection,
	type ProfileIdentifier,
	type ProfileRequest,
} from '../../transport/profileApi';
import { isProfileNotFound } from '../../transport/profileApiErrors';

/**
 * What the Profile operations share when they run: reading which profile an item names, the
 * per-item loop (with "not found" as data when asked) and the list parameters.
 */

/** The profile an input item names. */
export interface ProfileTarget {
	collection: ProfileCollection;
	identifier: ProfileIdentifier;
}

/**
 * How many items are looked up at once. The Profile API is a fast read (Segment quotes under
 * 200 ms); ten at a time reach its 100 requests per second per space, and the request helper
 * paces them to stay under it.
 */
export const PROFILE_ITEMS_AT_ONCE = 10;

/** Segment's external ID types: letters, digits and `_ . -` (user_id, ios.idfa, ga_client_id). */
const ID_TYPE = /^[A-Za-z0-9_.-]+$/;

/** Reads and checks the profile an item names, before anything is sent. */
export function readProfileTarget(this: IExecuteFunctions, itemIndex: number): ProfileTarget {
	const collection = this.getNodeParameter('collection', itemIndex, 'users') as string;
	if (collection !== 'users' && collection !== 'accounts') {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Profile Type', path: 'collection' },
			`expected users or accounts; got "${collection}"`,
		);
	}
	const rawType = this.getNodeParameter('idType', itemIndex, '') as unknown;
	const type = typeof rawType === 'string' ? rawType.trim() : '';
	if (!ID_TYPE.test(type)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Identifier Type', path: 'idType' },
			`expected an external ID type such as user_id, email, anonymous_id or group_id (letters, digits, "_", "." and "-"); got ${JSON.stringify(rawType ?? '')}`,
		);
	}
	const rawValue = this.getNodeParameter('idValue', itemIndex, '') as unknown;
	const field = { label: 'Identifier Value', path: 'idValue' };
	if (typeof rawValue === 'number' && Number.isFinite(rawValue)) {
		return { collection, identifier: { type, value: String(rawValue) } };
	}
	if (typeof rawValue !== 'string') {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`expected text or a number; got ${rawValue === null || rawValue === undefined ? 'nothing' : Array.isArray(rawValue) ? 'a list' : typeof rawValue === 'object' ? 'an object' : typeof rawValue}`,
		);
	}
	if (isBlank(rawValue)) {
		throw fieldError(this.getNode(), itemIndex, field, 'must not be empty');
	}
	// Kept exactly as given: Segment matches external IDs character for character.
	return { collection, identifier: { type, value: rawValue } };
}

function optionsOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as unknown;
	return isRecord(options) ? options : {};
}

/**
 * A comma-separated list of names from the Options collection (or a list from an expression),
 * as the Profile API takes it: `a,b,c`. Undefined when empty.
 */
export function readNameListOption(
	this: IExecuteFunctions,
	itemIndex: number,
	option: { name: string; label: string },
): string | undefined {
	const raw = optionsOf.call(this, itemIndex)[option.name];
	const field = { label: option.label, path: `options.${option.name}` };
	if (isBlank(raw)) return undefined;
	const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
	if (!entries || entries.some((entry) => typeof entry !== 'string')) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			'expected names separated by commas, e.g. plan,first_name',
		);
	}
	const names = (entries as string[]).map((entry) => entry.trim()).filter((entry) => entry !== '');
	if (Array.isArray(raw) && names.some((name) => name.includes(','))) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			'a name may not contain a comma: Segment takes the list separated by commas',
		);
	}
	return names.length > 0 ? names.join(',') : undefined;
}

/** An option of the Options collection, as given. */
export function readOption(this: IExecuteFunctions, itemIndex: number, name: string): unknown {
	return optionsOf.call(this, itemIndex)[name];
}

/** Return All (undefined) or the Limit, checked. */
export function readListLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Limit', path: 'limit' },
			`expected a whole number of 1 or more; got ${JSON.stringify(limit)}`,
		);
	}
	return limit;
}

/**
 * A list route (external IDs, events, links): its elements from every page, to the end or up to
 * `limit`, one output item each.
 */
export async function fetchProfileList(
	this: IExecuteFunctions,
	request: ProfileRequest & { route: 'external_ids' | 'events' | 'links' },
	limit: number | undefined,
): Promise<IDataObject[]> {
	const elements = (page: IDataObject) =>
		Array.isArray(page.data) ? (page.data as unknown[]).filter(isRecord) : [];
	const pages = await followProfileCursor.call(
		this,
		request,
		limit,
		(page) => elements(page).length,
	);
	const all = pages.flatMap(elements);
	return limit === undefined ? all : all.slice(0, limit);
}

/** What an operation makes of one item: its parameters read and checked, ready to send. */
export type PreparedLookup = () => Promise<IDataObject | IDataObject[]>;

/**
 * The per-item loop of the Profile operations. First every item's parameters are read and
 * checked (`prepare`), so bad input fails before anything is sent; then the lookups run, up to
 * PROFILE_ITEMS_AT_ONCE at a time, each giving its output items (one object, or one per list
 * element) paired to it, in input order. Segment's "no such profile" becomes an item saying so
 * when the option Output Not Found as Item is on; any other failure becomes an error item with
 * Continue On Fail, else stops the node.
 */
export async function runProfileOperation(
	this: IExecuteFunctions,
	prepare: (this: IExecuteFunctions, itemIndex: number, target: ProfileTarget) => PreparedLookup,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = new Array(items.length);
	const lookups: Array<{ itemIndex: number; target: ProfileTarget; send: PreparedLookup }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const target = readProfileTarget.call(this, itemIndex);
			lookups.push({ itemIndex, target, send: prepare.call(this, itemIndex, target) });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
			outputs[itemIndex] = [errorItem(error, itemIndex)];
		}
	}
	await forEachWithConcurrency(
		lookups,
		PROFILE_ITEMS_AT_ONCE,
		async ({ itemIndex, target, send }) => {
			const paired = (json: IDataObject): INodeExecutionData => ({
				json,
				pairedItem: { item: itemIndex },
			});
			try {
				const result = await send();
				outputs[itemIndex] = (Array.isArray(result) ? result : [result]).map(paired);
			} catch (error) {
				if (
					isProfileNotFound(error) &&
					readOption.call(this, itemIndex, 'outputNotFound') === true
				) {
					outputs[itemIndex] = [
						paired({
							notFound: true,
							collection: target.collection,
							identifier: identifierText(target.identifier),
							message: (error as Error).message,
						}),
					];
					return;
				}
				if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
				outputs[itemIndex] = [errorItem(error, itemIndex)];
			}
		},
	);
	return outputs.flat();
}
