import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/** The three Segment APIs one credential serves, each with its own host and its own secret. */
export type SegmentApi = 'tracking' | 'publicApi' | 'profileApi';

export const SEGMENT_APIS: readonly SegmentApi[] = ['tracking', 'publicApi', 'profileApi'];

export type SegmentRegion = 'us' | 'eu';

/**
 * Segment's hosts per region. EU workspaces must use the EU hosts: the US Tracking API answers 200
 * to their events and they never show up.
 */
export const SEGMENT_HOSTS: Record<SegmentRegion, Record<SegmentApi, string>> = {
	us: {
		tracking: 'https://api.segment.io/v1',
		publicApi: 'https://api.segmentapis.com',
		profileApi: 'https://profiles.segment.com',
	},
	eu: {
		tracking: 'https://events.eu1.segmentapis.com/v1',
		publicApi: 'https://eu1.api.segmentapis.com',
		profileApi: 'https://profiles.euw1.segment.com',
	},
};

const CUSTOM_BASE_URL_FIELD: Record<SegmentApi, string> = {
	tracking: 'trackingBaseUrl',
	publicApi: 'publicApiBaseUrl',
	profileApi: 'profileApiBaseUrl',
};

/** The credential field that holds each API's secret. */
export const SECRET_FIELD: Record<SegmentApi, 'writeKey' | 'publicApiToken' | 'profileApiToken'> = {
	tracking: 'writeKey',
	publicApi: 'publicApiToken',
	profileApi: 'profileApiToken',
};

/** The name of each API in messages. */
export const API_NAME: Record<SegmentApi, string> = {
	tracking: 'Segment Tracking API',
	publicApi: 'Segment Public API',
	profileApi: 'Segment Profile API',
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

/**
 * The paths each API serves under its base URL. Base URLs may overlap (one proxy for all three,
 * or a Tracking API Base URL that is the Profile API Base URL plus `/v1`): a URL belongs to an API
 * only if it is under that API's base URL *and* has the shape of that API's paths, so each secret
 * still goes to its own API only. The Public API's paths have no common shape.
 */
const API_PATHS: Record<SegmentApi, RegExp | undefined> = {
	tracking: /^\/(?:identify|track|page|screen|group|alias|batch|import|b)\/?$/,
	publicApi: undefined,
	profileApi: /^\/v1\/spaces\/[^/]*\/collections\//,
};

/** The path of `url` under `base` (without its query), or undefined when `url` is not under it. */
function pathUnder(url: string, base: string): string | undefined {
	if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) return undefined;
	return url.slice(base.length).split('?')[0] || '/';
}

/**
 * Which API a request URL belongs to, or undefined when it belongs to none (then it gets no
 * secret). Among the APIs whose base URL and path shape it matches, the longer base URL wins,
 * then an API with a path shape over the Public API.
 */
export function segmentApiForUrl(
	credentials: ICredentialDataDecryptedObject,
	url: string,
): SegmentApi | undefined {
	const candidates = SEGMENT_APIS.map((api) => ({ api, base: segmentBaseUrl(credentials, api) }))
		.filter(({ api, base }) => {
			const path = pathUnder(url, base);
			const shape = API_PATHS[api];
			return path !== undefined && (shape === undefined || shape.test(path));
		})
		.sort(
			(a, b) =>
				b.base.length - a.base.length ||
				Number(API_PATHS[b.api] !== undefined) - Number(API_PATHS[a.api] !== undefined),
		);
	return candidates[0]?.api;
}

/**
 * What is wrong with an API's base URL, or undefined. A Profile API Base URL ending in /v1 (as the
 * Tracking API's must) would double it, and what answers there is not Segment's Profile API.
 */
export function baseUrlProblem(
	credentials: ICredentialDataDecryptedObject,
	api: SegmentApi,
): { message: string; hint: string } | undefined {
	if (api !== 'profileApi' || !/\/v1$/i.test(segmentBaseUrl(credentials, api))) return undefined;
	return {
		message: 'The Profile API Base URL ends in /v1, which the node adds itself',
		hint: 'Give the Profile API Base URL without the path, like https://profiles.segment.com.',
	};
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

/** The Profile API's space, trimmed; '' when not filled in. */
export function spaceIdOf(credentials: ICredentialDataDecryptedObject): string {
	return typeof credentials.spaceId === 'string' ? credentials.spaceId.trim() : '';
}

/** What the credential's Test says when no secret is filled in. */
export const NO_SECRET_MESSAGE =
	'The Segment credential has no secret: fill in the Write Key to send tracking calls, the Public API Token to manage the workspace, or the Profile API Access Token and Space ID to read profiles.';

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
	profileApi: {
		field: 'Profile API Access Token',
		message: 'The Segment credential has no Profile API Access Token, which profile lookups need',
		hint: 'Add a Profile API access token and its Space ID to the credential: in Segment, open Unify › Unify settings › API access, generate a token and copy the space ID shown there.',
	},
};

/** What the Profile API needs besides its token. */
export const MISSING_SPACE_ID = {
	message: 'The Segment credential has no Space ID, which profile lookups need with the token',
	hint: 'Copy the space ID from Unify › Unify settings › API access in Segment (the space the Profile API access token was generated in).',
};
