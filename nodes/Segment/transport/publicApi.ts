import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { asNodeError } from '../helpers/nodeError';
import { asRecord } from '../helpers/values';
import { redactErrorValues } from './errors';
import { segmentApiRequest, type SegmentFunctions } from './index';
import type { EndpointRateLimit } from './rateLimit';

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

/** A path from the SDK's template, each parameter encoded as the SDK encodes it. */
export function apiPath(template: string, parameters: Record<string, string> = {}): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) =>
		encodeURIComponent(parameters[name] ?? ''),
	);
}

export interface PublicApiRequest {
	method: IHttpRequestMethods;
	path: string;
	version: ApiVersion;
	qs?: IDataObject;
	body?: IDataObject;
	/** Values that must not show in an error (a write key in the path), besides the credential's. */
	secrets?: string[];
	/** The input item the request is for, when there is one, so errors point at it. */
	itemIndex?: number;
	/** The endpoint's own rate limit (./rateLimit.ts), when it has one. */
	rateLimit?: EndpointRateLimit;
}

/**
 * One Public API call, from any context that talks to Segment (an operation, a dropdown, a
 * trigger's activation or its webhook); returns Segment's whole response body.
 */
export async function publicApiRequest(
	this: SegmentFunctions,
	{ method, path, version, qs, body, secrets = [], itemIndex, rateLimit }: PublicApiRequest,
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
			rateLimit,
		});
	} catch (error) {
		redactErrorValues(error, secrets);
		throw asNodeError(this.getNode(), error);
	}
	return asRecord(response.body) ?? {};
}
