import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestMethods,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	MISSING_SECRET_HINT,
	NO_SECRET_MESSAGE,
	hasSecret,
	requestUrl,
	segmentApiForUrl,
	segmentBaseUrlExpression,
} from './segmentHosts';

/** The credential's Test reads the workspace when a token is filled in, else it tries the Tracking API. */
const HAS_TOKEN = "($credentials.publicApiToken || '') !== ''";
const byToken = (withToken: string, withoutToken: string) =>
	`={{ ${HAS_TOKEN} ? ${withToken} : ${withoutToken} }}`;

/**
 * One credential for both Segment APIs. Each secret goes only to its own API: the write key as
 * HTTP Basic user name to the Tracking API, the token as Bearer to the Public API. A request to any
 * other URL gets neither.
 */
export class TwilioSegmentApi implements ICredentialType {
	// Not `segmentApi`: that is n8n's built-in Segment credential, and credential names are global.
	name = 'twilioSegmentApi';

	displayName = 'Twilio Segment API';

	icon: Icon = {
		light: 'file:../nodes/Segment/segment.svg',
		dark: 'file:../nodes/Segment/segment.dark.svg',
	};

	documentationUrl = 'https://segment.com/docs/connections/find-writekey/';

	properties: INodeProperties[] = [
		{
			displayName:
				'Fill in the Write Key to send tracking calls and the Public API Token to manage the workspace; one of them is enough for the operations that use it. "Test" with a token reads the workspace, which checks the token, Region and the Public API Base URL ("Authorization failed" means the token is wrong or revoked, or Region does not match the workspace). With only a write key, "Test" sends an empty batch (no events), which checks that the Tracking API answers at Region\'s host or the Tracking API Base URL; Segment accepts any write key, so the key itself cannot be checked. "Could not be found" or "refused the connection" means a base URL is wrong.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a write key is a secret: whoever holds it can send data into the source
		{
			displayName: 'Write Key',
			name: 'writeKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The source's write key, for tracking calls (Track, Identify, Page, Screen, Group, Alias, Batch, Import). In Segment: Connections › Sources › your source › Settings › API Keys.",
		},
		{
			displayName: 'Public API Token',
			name: 'publicApiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A Public API token, for workspace operations (sources, destinations, labels, usage). In Segment: Settings › Workspace settings › Access Management › Tokens. Needs a Business plan.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{
					name: 'United States (api.segment.io, api.segmentapis.com)',
					value: 'us',
				},
				{
					name: 'Europe (events.eu1.segmentapis.com, eu1.api.segmentapis.com)',
					value: 'eu',
				},
			],
			default: 'us',
			description:
				'Where the workspace stores its data. EU workspaces must use Europe: events sent to the US host are answered with 200 and never show up.',
		},
		{
			displayName: 'Tracking API Base URL',
			name: 'trackingBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.segment.io/v1',
			description:
				"Optional. Replaces the region's Tracking API host, for a proxy or a Segment-compatible collector. Include the path up to /v1.",
		},
		{
			displayName: 'Public API Base URL',
			name: 'publicApiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.segmentapis.com',
			description: "Optional. Replaces the region's Public API host, for a proxy or a test server.",
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const api = segmentApiForUrl(credentials, requestUrl(requestOptions));
		if (api === undefined) return requestOptions;
		const secret = api === 'tracking' ? credentials.writeKey : credentials.publicApiToken;
		if (!hasSecret(secret)) {
			// Only the Test gets here: a node run checks for its operation's secret before sending.
			if (!hasSecret(credentials.writeKey) && !hasSecret(credentials.publicApiToken)) {
				throw new Error(NO_SECRET_MESSAGE);
			}
			const { message, hint } = MISSING_SECRET_HINT[api];
			throw new Error(`${message}. ${hint}`);
		}
		if (api === 'tracking') {
			return { ...requestOptions, auth: { username: secret, password: '' } };
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${secret}` },
		};
	};

	/**
	 * With a token: GET / on the Public API (the workspace), which checks the token, the region and
	 * the Public API Base URL. With only a write key: an empty batch to the Tracking API, which
	 * checks that its host answers; Segment accepts any write key, so the key itself cannot be
	 * checked. With neither, authenticate() says what to fill in.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: byToken(segmentBaseUrlExpression('publicApi'), segmentBaseUrlExpression('tracking')),
			url: byToken("'/'", "'/batch'"),
			method: byToken("'GET'", "'POST'") as IHttpRequestMethods,
			headers: {
				Accept: byToken("'application/vnd.segment.v1+json'", "'application/json'"),
			},
			body: byToken('undefined', '{ batch: [] }'),
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Segment rejected the Public API Token: check that it is complete and not revoked, and that Region matches the workspace.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"The Public API Token is valid but lacks access: give the token's role access to this workspace.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Segment API answered at this address: check Region and the base URL (Public API Base URL with a token, Tracking API Base URL without).',
				},
			},
		],
	};
}
