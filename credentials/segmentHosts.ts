import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/** The two Segment APIs one credential serves, each with its own host and its own secret. */
export type SegmentApi = 'tracking' | 'publicApi';

export type SegmentRegion = 'us' | 'eu';

/**
 * Segment's hosts per region. EU workspaces must use the EU hosts: the US Tracking API answers 200
 * to their events and they never show up.
 */
export const SEGMENT_HOSTS: Record<SegmentRegion, Record<SegmentApi, string>> = {
	us: {
		tracking: 'https://api.segment.io/v1',
		publicApi: 'https://api.segmentapis.com',
	},
	eu: {
		tracking: 'https://events.eu1.segmentapis.com/v1',
		publicApi: 'https://eu1.api.segmentapis.com',
	},
};

const CUSTOM_BASE_URL_FIELD: Record<SegmentApi, string> = {
	tracking: 'trackingBaseUrl',
	publicApi: 'publicApiBaseUrl',
};

function withoutTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** The base URL requests to `api` go to: the custom one when set, else the region's Segment host. */
export function segmentBaseUrl(
	credentials: ICredentialDataDecryptedObject,
	api: SegmentApi,
): string {
	const custom = credentials[CUSTOM_BASE_URL_FIELD[api]];
	if (typeof custom === 'string' && custom.trim() !== '')
		return withoutTrailingSlash(custom.trim());
	const region: SegmentRegion = credentials.region === 'eu' ? 'eu' : 'us';
	return SEGMENT_HOSTS[region][api];
}

/**
 * The same base URL as an n8n expression over `$credentials` (the part inside `{{ }}`), for the
 * credential's declarative Test, which n8n resolves without running this package's code.
 */
export function segmentBaseUrlExpression(api: SegmentApi): string {
	const custom = `$credentials.${CUSTOM_BASE_URL_FIELD[api]}`;
	return `((${custom} || '').trim() ? ${custom}.trim().replace(/\\/+$/, '') : ($credentials.region === 'eu' ? '${SEGMENT_HOSTS.eu[api]}' : '${SEGMENT_HOSTS.us[api]}'))`;
}

function isUnder(url: string, base: string): boolean {
	return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

/**
 * Which API a request URL belongs to, or undefined when it is under neither base URL. When one base
 * URL contains the other (a proxy serving both), the longer, more specific one wins.
 */
export function segmentApiForUrl(
	credentials: ICredentialDataDecryptedObject,
	url: string,
): SegmentApi | undefined {
	const candidates = (['tracking', 'publicApi'] as const)
		.map((api) => ({ api, base: segmentBaseUrl(credentials, api) }))
		.filter(({ base }) => isUnder(url, base))
		.sort((a, b) => b.base.length - a.base.length);
	return candidates[0]?.api;
}

/** The absolute URL of a request as n8n will send it (`baseURL` joined with `url`). */
export function requestUrl(requestOptions: IHttpRequestOptions): string {
	const { baseURL, url } = requestOptions;
	if (!baseURL || /^https?:\/\//i.test(url)) return url;
	return `${withoutTrailingSlash(baseURL)}/${url.replace(/^\/+/, '')}`;
}

/** A secret field holds something (n8n keeps an emptied field as ''). */
export function hasSecret(value: unknown): value is string {
	return typeof value === 'string' && value !== '';
}

/** What the credential's Test says when neither secret is filled in. */
export const NO_SECRET_MESSAGE =
	'The Segment credential has neither a Write Key nor a Public API Token: fill in the Write Key to send tracking calls, the Public API Token to manage the workspace, or both.';

/** What each API needs from the credential, worded for the person who has to add it. */
export const MISSING_SECRET_HINT: Record<
	SegmentApi,
	{ field: string; message: string; hint: string }
> = {
	tracking: {
		field: 'Write Key',
		message: 'The Segment credential has no Write Key, which tracking calls need',
		hint: "Add the source's write key to the credential: in Segment, open Connections › Sources › your source › Settings › API Keys.",
	},
	publicApi: {
		field: 'Public API Token',
		message:
			'The Segment credential has no Public API Token, which workspace (admin) operations need',
		hint: 'Add a Public API token to the credential: in Segment, open Settings › Workspace settings › Access Management › Tokens and create one.',
	},
};
