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
