import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeParameterResourceLocator,
} from 'n8n-workflow';

import { fieldError } from '../helpers/fieldError';
import { errorItem } from '../helpers/items';
import { asNodeError } from '../helpers/nodeError';
import { segmentApiRequest } from '../transport';
import { fetchPublicApiList, type PublicApiListRequest } from '../transport/pagination';
import { SEGMENT_APP_URL } from './common.descriptions';

/**
 * What the Public API (admin) operations share: the per-item loop, the request with its version,
 * reading a resource locator, and shaping the output.
 */

/**
 * The `Accept` header that pins an operation's API version. The official SDK lists each
 * operation's versions in its `produces` (api/*.ts): v1 for most, beta only for the delivery
 * metrics summary, alpha only for the write key operations.
 */
export const ACCEPT = {
	v1: 'application/vnd.segment.v1+json',
	beta: 'application/vnd.segment.v1beta+json',
	alpha: 'application/vnd.segment.v1alpha+json',
} as const;

export type ApiVersion = keyof typeof ACCEPT;

/** What one input item gives: one object, or a list (one output item per element). */
export type AdminOutput = IDataObject | IDataObject[];

/**
 * The one per-item loop of the admin operations. Items run one after the other (the Public API is
 * rate limited per workspace, and a Delete then a Get must happen in that order). Every input item
 * gives its output items paired to it, or, with Continue On Fail, an error item.
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
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
			output.push(errorItem(error, itemIndex));
		}
	}
	return output;
}

/** A path from the SDK's template, each parameter encoded as the SDK encodes it. */
export function apiPath(template: string, parameters: Record<string, string> = {}): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) =>
		encodeURIComponent(parameters[name] ?? ''),
	);
}

export interface AdminRequest {
	method: IHttpRequestMethods;
	path: string;
	version: ApiVersion;
	qs?: IDataObject;
	body?: IDataObject;
	/** Values that must not show in an error (a write key in the path), besides the credential's. */
	secrets?: string[];
}

/** Replaces each of `secrets` (raw and URL-encoded) in the error's texts with [redacted]. */
function maskSecrets(error: unknown, secrets: string[]): void {
	const forms = secrets
		.filter((secret) => secret.length >= 4)
		.flatMap((secret) => [secret, encodeURIComponent(secret)])
		.sort((a, b) => b.length - a.length);
	if (forms.length === 0 || error === null || typeof error !== 'object') return;
	const mask = (value: unknown): unknown => {
		if (typeof value === 'string')
			return forms.reduce((masked, form) => masked.split(form).join('[redacted]'), value);
		if (Array.isArray(value)) return value.map(mask);
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, mask(entry)]));
		}
		return value;
	};
	const target = error as Record<string, unknown>;
	for (const key of ['message', 'description', 'context', 'errorResponse', 'messages', 'cause']) {
		if (target[key] !== undefined && target[key] !== null) target[key] = mask(target[key]);
	}
}

/** One Public API call for an item; returns Segment's whole response body. */
export async function adminRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	{ method, path, version, qs, body, secrets = [] }: AdminRequest,
): Promise<IDataObject> {
	let response;
	try {
		response = await segmentApiRequest.call(this, {
			api: 'publicApi',
			method,
			path,
			qs,
			body,
			headers: { Accept: ACCEPT[version] },
			itemIndex,
		});
	} catch (error) {
		maskSecrets(error, secrets);
		throw asNodeError(this.getNode(), error);
	}
	const responseBody = response.body;
	return responseBody !== null && typeof responseBody === 'object'
		? (responseBody as IDataObject)
		: {};
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
	request: Omit<PublicApiListRequest, 'headers' | 'itemIndex'> & { version: ApiVersion },
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
	const { version, ...list } = request;
	const { items, pages } = await fetchPublicApiList.call(
		this,
		{ ...list, headers: { Accept: ACCEPT[version] }, itemIndex },
		limit,
	);
	return wantsRawResponse.call(this, itemIndex) ? pages : items;
}

const RESOURCE_LABEL = {
	source: 'Source',
	destination: 'Destination',
	warehouse: 'Warehouse',
} as const;

/** Segment's name for each resource locator's value, as the API's path parameter calls it. */
const RESOURCE_FIELD = {
	source: 'sourceId',
	destination: 'destinationId',
	warehouse: 'warehouseId',
} as const;

/**
 * The ID a resource locator parameter holds, whichever mode it was given in: chosen from the
 * list, typed as an ID, or pasted as a Segment app URL (the ID is read from it).
 */
export function resourceId(
	this: IExecuteFunctions,
	name: keyof typeof RESOURCE_LABEL,
	itemIndex: number,
): string {
	const raw = this.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator | string;
	const locator = typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw };
	const field = { label: RESOURCE_LABEL[name], path: RESOURCE_FIELD[name] };
	const value =
		typeof locator.value === 'string' ? locator.value.trim() : String(locator.value ?? '').trim();
	if (value === '') {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`choose a ${name} from the list, or enter its ID`,
		);
	}
	if (locator.mode === 'url') {
		const pattern = SEGMENT_APP_URL[name as keyof typeof SEGMENT_APP_URL];
		const match = pattern ? new RegExp(pattern).exec(value) : null;
		if (!match) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				field,
				`expected the URL of a ${name} page in the Segment app, which carries its ID; got "${value}"`,
			);
		}
		return match[1];
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`expected a ${name} ID (letters and digits, as in Segment's settings or its API); got "${value}"`,
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
