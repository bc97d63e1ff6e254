import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
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
	MISSING_SPACE_ID,
	baseUrlProblem,
	NO_SECRET_MESSAGE,
	SECRET_FIELD,
	SEGMENT_APIS,
	hasSecret,
	requestUrl,
	segmentApiForUrl,
	segmentBaseUrlExpression,
	spaceIdOf,
	type SegmentApi,
} from './segmentHosts';

/**
 * The credential's Test makes one request, to one API: the Profile API when its access token or
 * Space ID is filled in, else the Public API when its token is, else the Tracking API. Each field
 * of the request is an expression choosing between the three.
 */
const HAS_PROFILE =
	"(($credentials.profileApiToken || '') !== '' || String($credentials.spaceId || '').trim() !== '')";
const HAS_TOKEN = "($credentials.publicApiToken || '') !== ''";
const byApi = (values: Record<SegmentApi, string>) =>
	`={{ ${HAS_PROFILE} ? ${values.profileApi} : ${HAS_TOKEN} ? ${values.publicApi} : ${values.tracking} }}`;

/**
 * The Profile API has no cheap read of the space itself, so the Test looks up a profile that does
 * not exist: Segment answers `not_found` once it has accepted the token for the space, and one of
 * its other error codes otherwise.
 */
export const PROFILE_TEST_IDENTIFIER = 'user_id:n8n-credential-test';
const PROFILE_TEST_PATH = `'/v1/spaces/' + encodeURIComponent(String($credentials.spaceId || '').trim()) + '/collections/users/profiles/${PROFILE_TEST_IDENTIFIER}/metadata'`;

/** Segment's Profile API error codes the Test turns into a message naming the part to fix. */
const profileAnswer = (code: string, message: string): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: { key: 'error.code', value: code, message },
});

const SPACE_ID_PLACE = 'Unify › Unify settings › API access';

/**
 * One credential for all three Segment APIs. Each secret goes only to its own API: the write key
 * as HTTP Basic user name to the Tracking API, the Public API token as Bearer to the Public API,
 * the Profile API access token as HTTP Basic user name to the Profile API. A request to any other
 * URL gets none of them.
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
				'Fill in what your operations use: the Write Key for tracking calls, the Public API Token for workspace operations, the Profile API Access Token and Space ID for profile lookups. "Test" checks one API, the first of these filled in. With a Profile API Access Token or Space ID: it looks up a profile that does not exist, which checks the access token, the Space ID, Region and the Profile API Base URL, and says which of them Segment refused (the Public API Token and Write Key are then not checked). Else with a Public API Token: it reads the workspace, which checks the token, Region and the Public API Base URL ("Authorization failed" means the token is wrong or revoked, or Region does not match the workspace). Else with only a write key: it sends an empty batch (no events), which checks that the Tracking API answers at Region\'s host or the Tracking API Base URL; Segment accepts any write key, so the key itself cannot be checked. "Could not be found" or "refused the connection" means a base URL is wrong.',
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
			displayName: 'Profile API Access Token',
			name: 'profileApiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `An access token of the Profile API, for profile lookups (traits, external IDs, events). In Segment: ${SPACE_ID_PLACE} › Generate token. Needs Unify.`,
		},
		{
			displayName: 'Space ID',
			name: 'spaceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. spa_9aQ1Lj62S4bomZKLF4DPqW',
			description: `The Unify space whose profiles the access token reads, shown in ${SPACE_ID_PLACE} next to the tokens`,
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{
					name: 'United States (api.segment.io, api.segmentapis.com, profiles.segment.com)',
					value: 'us',
				},
				{
					name: 'Europe (events.eu1.segmentapis.com, eu1.api.segmentapis.com, profiles.euw1.segment.com)',
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
		{
			displayName: 'Profile API Base URL',
			name: 'profileApiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://profiles.segment.com',
			description:
				"Optional. Replaces the region's Profile API host, for a proxy or a test server. Without the /v1 path.",
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const api = segmentApiForUrl(credentials, requestUrl(requestOptions));
		if (api === undefined) return requestOptions;
		const secret = credentials[SECRET_FIELD[api]];
		// Only the Test gets past these: a node run checks for its operation's secrets before sending.
		if (!hasSecret(secret)) {
			const nothingFilledIn =
				SEGMENT_APIS.every((each) => !hasSecret(credentials[SECRET_FIELD[each]])) &&
				spaceIdOf(credentials) === '';
			if (nothingFilledIn) throw new Error(NO_SECRET_MESSAGE);
			const { message, hint } = MISSING_SECRET_HINT[api];
			throw new Error(`${message}. ${hint}`);
		}
		if (api === 'profileApi' && spaceIdOf(credentials) === '') {
			throw new Error(`${MISSING_SPACE_ID.message}. ${MISSING_SPACE_ID.hint}`);
		}
		const problem = baseUrlProblem(credentials, api);
		if (problem) throw new Error(`${problem.message}. ${problem.hint}`);
		if (api === 'publicApi') {
			return {
				...requestOptions,
				headers: { ...requestOptions.headers, Authorization: `Bearer ${secret}` },
			};
		}
		return { ...requestOptions, auth: { username: secret, password: '' } };
	};

	/**
	 * With a Profile API access token or Space ID: a lookup of a made-up profile, answered
	 * `not_found` when Segment accepted the token for the space; Segment's other error codes are
	 * turned into messages by the rules below (the request takes any status as an answer, so
	 * they reach the rules). With a Public API token: GET / (the workspace), which checks the
	 * token, the region and the Public API Base URL. With only a write key: an empty batch to
	 * the Tracking API, which checks that its host answers; Segment accepts any write key, so
	 * the key itself cannot be checked. With nothing: authenticate() says what to fill in.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: byApi({
				profileApi: segmentBaseUrlExpression('profileApi'),
				publicApi: segmentBaseUrlExpression('publicApi'),
				tracking: segmentBaseUrlExpression('tracking'),
			}),
			url: byApi({ profileApi: PROFILE_TEST_PATH, publicApi: "'/'", tracking: "'/batch'" }),
			method: byApi({
				profileApi: "'GET'",
				publicApi: "'GET'",
				tracking: "'POST'",
			}) as IHttpRequestMethods,
			headers: {
				Accept: byApi({
					profileApi: "'application/json'",
					publicApi: "'application/vnd.segment.v1+json'",
					tracking: "'application/json'",
				}),
			},
			body: byApi({ profileApi: 'undefined', publicApi: 'undefined', tracking: '{ batch: [] }' }),
			ignoreHttpStatusErrors: `={{ ${HAS_PROFILE} }}` as unknown as boolean,
		},
		rules: [
			// The Public API and the Tracking API: n8n 2.41 words their failures with these (n8n 2.8 with its own).
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
			// The Profile API: Segment's answer, whatever its status, by its error code.
			profileAnswer(
				'authentication_error',
				`Segment's Profile API rejected the Profile API Access Token for this Space ID (authentication_error): check that the token is complete and not revoked, that the Space ID is the space it was generated in (${SPACE_ID_PLACE}), and that Region matches the workspace.`,
			),
			profileAnswer(
				'validation_error',
				`Segment's Profile API refused the Space ID (validation_error): copy it from ${SPACE_ID_PLACE}.`,
			),
			profileAnswer(
				'invalid_request_error',
				`Segment's Profile API refused the request (invalid_request_error): check the Space ID (${SPACE_ID_PLACE}) and the Profile API Base URL.`,
			),
			profileAnswer(
				'rate_limit_error',
				"Segment's Profile API is rate limiting this space (rate_limit_error, 100 requests per second): the access token and Space ID were not checked; test again in a moment.",
			),
			{
				// An HTML page (a proxy's, a load balancer's or another server's) starts with "<"; no Segment API answers one.
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: '<',
					message:
						'Something other than Segment answered (an HTML page): check Region and the base URL of the API the Test reads (the Profile API Base URL with a Profile API Access Token).',
				},
			},
		] as Array<
			IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody
		> as ICredentialTestRequest['rules'],
	};
}
