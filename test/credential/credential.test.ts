import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { TwilioSegmentApi } from '../../credentials/TwilioSegmentApi.credentials';
import {
	NO_SECRET_MESSAGE,
	SEGMENT_HOSTS,
	segmentApiForUrl,
	segmentBaseUrl,
} from '../../credentials/segmentHosts';
import { PROFILE_SPACE_ID } from '../../collector';
import {
	basicAuthFor,
	collectorCredentials,
	PROFILE_API_TOKEN,
	PUBLIC_API_TOKEN,
	useCollector,
	WRITE_KEY,
} from '../harness/collector';
import { resolveExpression } from '../harness/engine';

const credential = new TwilioSegmentApi();
const collector = useCollector({
	publicApiTokens: [PUBLIC_API_TOKEN],
	profileApiTokens: [PROFILE_API_TOKEN],
});

const US = {
	writeKey: WRITE_KEY,
	publicApiToken: PUBLIC_API_TOKEN,
	profileApiToken: PROFILE_API_TOKEN,
	spaceId: 'spa_1',
	region: 'us',
};
const SECRETS = new RegExp(`${WRITE_KEY}|${PUBLIC_API_TOKEN}|${PROFILE_API_TOKEN}`);
/** Every form a secret could take in request options: raw, or inside a Basic header. */
const carried = (options: unknown) => {
	const text = JSON.stringify(options);
	return [WRITE_KEY, PUBLIC_API_TOKEN, PROFILE_API_TOKEN].filter((secret) => text.includes(secret));
};
const EU = { ...US, region: 'eu' };

async function authenticate(
	credentials: ICredentialDataDecryptedObject,
	options: Partial<IHttpRequestOptions>,
) {
	return await credential.authenticate(credentials, {
		url: '',
		headers: {},
		...options,
	} as IHttpRequestOptions);
}

const basic = (writeKey: string) => ({ username: writeKey, password: '' });

describe('the Twilio Segment credential', () => {
	test("does not take the name of n8n's built-in Segment credential", () => {
		expect(credential.name).toBe('twilioSegmentApi');
		expect(credential.name).not.toBe('segmentApi');
	});

	test('keeps the three secrets in password fields, and nothing else', () => {
		const passwords = credential.properties
			.filter(({ typeOptions }) => typeOptions?.password === true)
			.map(({ name }) => name);
		expect(passwords).toEqual(['writeKey', 'publicApiToken', 'profileApiToken']);
	});

	test('has a full documentation URL and a note on what its test can check', () => {
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		const notice = credential.properties.find(({ type }) => type === 'notice');
		expect(notice?.displayName).toContain('the key itself cannot be checked');
		expect(notice?.displayName).toContain(
			'"Authorization failed" means the token is wrong or revoked',
		);
		expect(notice?.displayName).toContain('"refused the connection" means a base URL is wrong');
		expect(notice?.displayName).toContain(
			'the Public API Token and Write Key are then not checked',
		);
	});
});

describe('each secret goes only to its own API', () => {
	const profilePath = '/v1/spaces/spa_1/collections/users/profiles/email:a%40b.c/traits';

	test.each([
		['US', US, SEGMENT_HOSTS.us],
		['EU', EU, SEGMENT_HOSTS.eu],
	])('%s: each secret goes to its own API host only', async (_region, credentials, hosts) => {
		const tracked = await authenticate(credentials, { url: `${hosts.tracking}/track`, body: '{}' });
		expect(tracked.auth).toEqual(basic(WRITE_KEY));
		expect(carried(tracked)).toEqual([WRITE_KEY]);

		const admin = await authenticate(credentials, { url: `${hosts.publicApi}/sources` });
		expect(admin.headers?.Authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
		expect(admin.auth).toBeUndefined();
		expect(carried(admin)).toEqual([PUBLIC_API_TOKEN]);

		const profile = await authenticate(credentials, { url: `${hosts.profileApi}${profilePath}` });
		expect(profile.auth).toEqual(basic(PROFILE_API_TOKEN));
		expect(profile.headers?.Authorization).toBeUndefined();
		expect(carried(profile)).toEqual([PROFILE_API_TOKEN]);
	});

	test('the region decides the hosts: an EU credential sends nothing to the US hosts', async () => {
		for (const url of [
			`${SEGMENT_HOSTS.us.tracking}/track`,
			`${SEGMENT_HOSTS.us.publicApi}/sources`,
			`${SEGMENT_HOSTS.us.profileApi}${profilePath}`,
		]) {
			const options = await authenticate(EU, { url });
			expect(options.auth).toBeUndefined();
			expect(options.headers?.Authorization).toBeUndefined();
		}
	});

	test('any other URL gets no secret at all', async () => {
		for (const url of [
			'https://example.com/v1/track',
			'https://api.segment.io.evil.example/v1/track',
			'https://api.segment.io/v10/track',
			'https://profiles.segment.com.evil.example/v1/spaces/s/collections/users/profiles/a:b/traits',
			'https://profiles.segment.comx/v1/spaces/s/collections/users/profiles/a:b/traits',
		]) {
			const options = await authenticate(US, { url });
			expect(JSON.stringify(options)).not.toMatch(SECRETS);
		}
	});

	test("a URL on an API host but not of that API's shape gets no secret", async () => {
		for (const url of [
			`${SEGMENT_HOSTS.us.tracking}/sources`,
			`${SEGMENT_HOSTS.us.profileApi}/sources`,
			`${SEGMENT_HOSTS.us.profileApi}/v1/track`,
		]) {
			expect(carried(await authenticate(US, { url }))).toEqual([]);
		}
	});

	test('custom base URLs replace the region hosts; when one contains the other, the more specific one wins', async () => {
		const proxy = {
			...US,
			trackingBaseUrl: 'https://proxy.example/segment/v1/',
			publicApiBaseUrl: 'https://proxy.example/segment',
		};
		expect(
			(await authenticate(proxy, { url: 'https://proxy.example/segment/v1/batch' })).auth,
		).toEqual(basic(WRITE_KEY));
		const admin = await authenticate(proxy, { url: 'https://proxy.example/segment/sources' });
		expect(admin.headers?.Authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
		expect(admin.auth).toBeUndefined();
		expect(
			(await authenticate(proxy, { url: `${SEGMENT_HOSTS.us.tracking}/track` })).auth,
		).toBeUndefined();
	});

	test.each([
		[
			'one proxy for all three, the Tracking API under /v1',
			{
				trackingBaseUrl: 'https://proxy.example/v1',
				publicApiBaseUrl: 'https://proxy.example',
				profileApiBaseUrl: 'https://proxy.example',
			},
		],
		[
			'the same base URL for all three',
			{
				trackingBaseUrl: 'https://proxy.example',
				publicApiBaseUrl: 'https://proxy.example',
				profileApiBaseUrl: 'https://proxy.example',
			},
		],
		[
			'the Profile API under the Public API',
			{
				trackingBaseUrl: 'https://proxy.example/t/v1',
				publicApiBaseUrl: 'https://proxy.example',
				profileApiBaseUrl: 'https://proxy.example/profiles',
			},
		],
	])(
		"overlapping base URLs (%s): each request still carries only its own API's secret",
		async (_case, urls) => {
			const credentials = { ...US, ...urls };
			const requests: Array<[string, string, string]> = [
				['tracking', `${segmentBaseUrl(credentials, 'tracking')}/batch`, WRITE_KEY],
				['tracking', `${segmentBaseUrl(credentials, 'tracking')}/identify`, WRITE_KEY],
				[
					'publicApi',
					`${segmentBaseUrl(credentials, 'publicApi')}/sources?pagination[count]=2`,
					PUBLIC_API_TOKEN,
				],
				['publicApi', `${segmentBaseUrl(credentials, 'publicApi')}/`, PUBLIC_API_TOKEN],
				['publicApi', `${segmentBaseUrl(credentials, 'publicApi')}/spaces`, PUBLIC_API_TOKEN],
				[
					'profileApi',
					`${segmentBaseUrl(credentials, 'profileApi')}${profilePath}`,
					PROFILE_API_TOKEN,
				],
			];
			for (const [api, url, secret] of requests) {
				expect({ url, api: segmentApiForUrl(credentials, url) }).toEqual({ url, api });
				expect({ url, carried: carried(await authenticate(credentials, { url })) }).toEqual({
					url,
					carried: [secret],
				});
			}
		},
	);

	test('baseURL and url are joined as n8n joins them', async () => {
		const options = await authenticate(US, { baseURL: SEGMENT_HOSTS.us.publicApi, url: '/' });
		expect(options.headers?.Authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
	});

	test('a missing secret is named, with where to find it', async () => {
		await expect(
			authenticate({ ...US, publicApiToken: '' }, { url: `${SEGMENT_HOSTS.us.publicApi}/` }),
		).rejects.toThrow(/no Public API Token.*Access Management › Tokens/);
		await expect(
			authenticate({ ...US, writeKey: '' }, { url: `${SEGMENT_HOSTS.us.tracking}/track` }),
		).rejects.toThrow(/no Write Key.*API Keys/);
		await expect(
			authenticate(
				{ ...US, profileApiToken: '' },
				{ url: `${SEGMENT_HOSTS.us.profileApi}${profilePath}` },
			),
		).rejects.toThrow(/no Profile API Access Token.*Unify › Unify settings › API access/);
		await expect(
			authenticate(
				{ ...US, spaceId: '  ' },
				{ url: `${SEGMENT_HOSTS.us.profileApi}/v1/spaces//collections/users/profiles/a:b/traits` },
			),
		).rejects.toThrow(/no Space ID.*API access/);
	});

	test('a Profile API Base URL ending in /v1 is refused, as it would double the path', async () => {
		await expect(
			authenticate(
				{ ...US, profileApiBaseUrl: 'https://proxy.example/v1/' },
				{ url: `https://proxy.example/v1${profilePath}` },
			),
		).rejects.toThrow('The Profile API Base URL ends in /v1, which the node adds itself');
	});
});

describe("the credential's Test: one request, to the Profile API, else the Public API, else the Tracking API", () => {
	const testRequest = credential.test.request;
	const NO_PROFILE = { profileApiToken: '', spaceId: '' };

	/** The Test's request as n8n resolves it: every field is an expression over $credentials. */
	function resolvedRequest(credentials: ICredentialDataDecryptedObject) {
		const resolve = (value: unknown) =>
			resolveExpression(value as string, { $credentials: credentials });
		return {
			method: resolve(testRequest.method) as string,
			baseURL: resolve(testRequest.baseURL) as string,
			url: resolve(testRequest.url) as string,
			accept: resolve(testRequest.headers?.Accept) as string,
			body: resolve(testRequest.body) as object | undefined,
			ignoreHttpStatusErrors: resolve(testRequest.ignoreHttpStatusErrors) as boolean,
		};
	}

	test.each([
		['US', US],
		['EU', EU],
		[
			'US, custom URLs with spaces and a trailing slash',
			{
				...US,
				trackingBaseUrl: ' http://127.0.0.1:9/v1/ ',
				publicApiBaseUrl: 'http://127.0.0.1:8// ',
				profileApiBaseUrl: ' http://127.0.0.1:7/ ',
			},
		],
		[
			'EU, blank custom URLs',
			{ ...EU, trackingBaseUrl: '  ', publicApiBaseUrl: '', profileApiBaseUrl: ' ' },
		],
	])('%s: its URL is the one the node sends to, for each API', (_case, credentials) => {
		expect(resolvedRequest(credentials).baseURL).toBe(segmentBaseUrl(credentials, 'profileApi'));
		expect(resolvedRequest({ ...credentials, ...NO_PROFILE }).baseURL).toBe(
			segmentBaseUrl(credentials, 'publicApi'),
		);
		expect(resolvedRequest({ ...credentials, ...NO_PROFILE, publicApiToken: '' }).baseURL).toBe(
			segmentBaseUrl(credentials, 'tracking'),
		);
	});

	test('what it sends for each combination of filled-in secrets', () => {
		const profileLookup = {
			method: 'GET',
			baseURL: SEGMENT_HOSTS.us.profileApi,
			url: '/v1/spaces/spa_1/collections/users/profiles/user_id:n8n-credential-test/metadata',
			accept: 'application/json',
			body: undefined,
			ignoreHttpStatusErrors: true,
		};
		const publicApiRead = {
			method: 'GET',
			baseURL: SEGMENT_HOSTS.us.publicApi,
			url: '/',
			accept: 'application/vnd.segment.v1+json',
			body: undefined,
			ignoreHttpStatusErrors: false,
		};
		const emptyBatch = {
			method: 'POST',
			baseURL: SEGMENT_HOSTS.us.tracking,
			url: '/batch',
			accept: 'application/json',
			body: { batch: [] },
			ignoreHttpStatusErrors: false,
		};
		const cases: Array<[string, ICredentialDataDecryptedObject, object]> = [
			['all three', US, profileLookup],
			['profile and token', { ...US, writeKey: '' }, profileLookup],
			['profile and write key', { ...US, publicApiToken: '' }, profileLookup],
			['profile only', { ...US, writeKey: '', publicApiToken: '' }, profileLookup],
			[
				'profile token without space',
				{ ...US, spaceId: '' },
				{
					...profileLookup,
					url: '/v1/spaces//collections/users/profiles/user_id:n8n-credential-test/metadata',
				},
			],
			['space without profile token', { ...US, profileApiToken: '' }, profileLookup],
			['token and write key', { ...US, ...NO_PROFILE }, publicApiRead],
			['token only', { ...US, ...NO_PROFILE, writeKey: '' }, publicApiRead],
			['write key only', { ...US, ...NO_PROFILE, publicApiToken: '' }, emptyBatch],
			['nothing', { region: 'us' }, emptyBatch],
		];
		for (const [name, credentials, expected] of cases) {
			expect({ name, request: resolvedRequest(credentials) }).toEqual({ name, request: expected });
		}
	});

	test('the Space ID is encoded into the path and trimmed', () => {
		expect(resolvedRequest({ ...US, spaceId: ' spa/1 ü ' }).url).toBe(
			'/v1/spaces/spa%2F1%20%C3%BC/collections/users/profiles/user_id:n8n-credential-test/metadata',
		);
	});

	/** A value at a lodash-style path (`error.code`, `0`), as n8n's rules read the answer. */
	const at = (value: unknown, path: string): unknown =>
		path
			.split('.')
			.reduce<unknown>(
				(current, key) =>
					current === null || current === undefined
						? undefined
						: (current as Record<string, unknown>)[key],
				value,
			);

	/**
	 * Sends the Test's request to the collector as n8n does: authenticate, send, then the rules
	 * (a status rule for an HTTP error, else the first body rule that matches; otherwise OK).
	 */
	async function runTest(
		credentials: ICredentialDataDecryptedObject,
	): Promise<{ status: number; message?: string }> {
		const request = resolvedRequest(credentials);
		const { method, baseURL, url, accept, body } = request;
		const options = await authenticate(credentials, {
			method: method as IHttpRequestOptions['method'],
			baseURL,
			url,
			headers: { Accept: accept, ...(body ? { 'Content-Type': 'application/json' } : {}) },
		});
		const headers = { ...(options.headers as Record<string, string>) };
		if (options.auth) headers.Authorization = basicAuthFor(options.auth.username);
		const response = await fetch(`${baseURL}${url}`, {
			method,
			headers,
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await response.text();
		let answer: unknown = text;
		try {
			answer = JSON.parse(text);
		} catch {
			// A text answer stays text, as axios leaves it.
		}
		const rules = credential.test.rules ?? [];
		if (!request.ignoreHttpStatusErrors && !response.ok) {
			const rule = rules.find(
				(candidate) =>
					candidate.type === 'responseCode' && candidate.properties.value === response.status,
			);
			return { status: response.status, message: rule?.properties.message ?? 'HTTP error' };
		}
		const rule = rules.find(
			(candidate) =>
				candidate.type === 'responseSuccessBody' &&
				at(answer, candidate.properties.key) === candidate.properties.value,
		);
		return { status: response.status, message: rule?.properties.message };
	}

	test('the Profile API: Segment\'s "no such profile" passes; its refusals say which part to fix', async () => {
		const credentials = collectorCredentials(collector());
		expect(await runTest(credentials)).toEqual({ status: 404, message: undefined });
		expect(
			collector().requests.map(({ api, path, headers }) => [api, path, headers.authorization]),
		).toEqual([
			[
				'profileApi',
				`/v1/spaces/${PROFILE_SPACE_ID}/collections/users/profiles/user_id:n8n-credential-test/metadata`,
				basicAuthFor(PROFILE_API_TOKEN),
			],
		]);
		expect(await runTest({ ...credentials, profileApiToken: 'pat_revoked' })).toEqual({
			status: 401,
			message: expect.stringContaining(
				"Segment's Profile API rejected the Profile API Access Token for this Space ID (authentication_error)",
			),
		});
		expect(await runTest({ ...credentials, spaceId: 'spa_another' })).toEqual({
			status: 401,
			message: expect.stringContaining('that the Space ID is the space it was generated in'),
		});
		// Another API at the Profile API Base URL: an HTML page, or the Public API's error envelope.
		collector().injectFault({
			api: 'profileApi',
			respond: { status: 502, body: '<html><body>Bad gateway</body></html>' },
		});
		expect(await runTest(credentials)).toEqual({
			status: 502,
			message: expect.stringContaining('Something other than Segment answered (an HTML page)'),
		});
		collector().injectFault({
			api: 'profileApi',
			respond: {
				status: 429,
				body: { error: { code: 'rate_limit_error', message: 'Too many requests' } },
			},
		});
		expect(await runTest(credentials)).toEqual({
			status: 429,
			message: expect.stringContaining('the access token and Space ID were not checked'),
		});
		// Neither other secret travels with it.
		const sent = JSON.stringify(collector().requests);
		for (const secret of [WRITE_KEY, PUBLIC_API_TOKEN]) {
			expect(sent).not.toContain(secret);
			expect(sent).not.toContain(Buffer.from(`${secret}:`).toString('base64'));
		}
	});

	test('the Profile API with a part missing: nothing is sent, and the message names the part', async () => {
		const credentials = collectorCredentials(collector());
		await expect(runTest({ ...credentials, spaceId: '' })).rejects.toThrow(
			'The Segment credential has no Space ID',
		);
		await expect(runTest({ ...credentials, profileApiToken: '' })).rejects.toThrow(
			'The Segment credential has no Profile API Access Token',
		);
		await expect(
			runTest({ ...credentials, profileApiBaseUrl: `${collector().profileApiBaseUrl}/v1` }),
		).rejects.toThrow('The Profile API Base URL ends in /v1');
		expect(collector().requests).toEqual([]);
	});

	test('a token: a good one passes, a rejected one or a wrong address gets a message that says what to check', async () => {
		const credentials = collectorCredentials(collector(), NO_PROFILE);
		expect(await runTest(credentials)).toEqual({ status: 200, message: undefined });
		const rejected = await runTest({ ...credentials, publicApiToken: 'sgp_revoked' });
		expect(rejected).toEqual({
			status: 401,
			message: expect.stringContaining('Segment rejected the Public API Token'),
		});
		// The read carries the token only, even with a write key in the credential.
		const sent = JSON.stringify(collector().requests);
		expect(sent).not.toContain(WRITE_KEY);
		expect(sent).not.toContain(Buffer.from(`${WRITE_KEY}:`).toString('base64'));
		const wrongHost = await runTest({
			...credentials,
			publicApiBaseUrl: `${collector().trackingBaseUrl}`,
		});
		expect(wrongHost.status).toBe(404);
		expect(wrongHost.message).toContain('check Region and the base URL');
	});

	test('only a write key: an empty batch with the key, answered 200, and no event arrives', async () => {
		const credentials = collectorCredentials(collector(), { ...NO_PROFILE, publicApiToken: '' });
		expect(await runTest(credentials)).toEqual({ status: 200, message: undefined });
		expect(collector().requests.map(({ api, method, path }) => [api, method, path])).toEqual([
			['tracking', 'POST', '/v1/batch'],
		]);
		expect(collector().requests[0].headers.authorization).toBe(
			`Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
		);
		expect(collector().received).toEqual([]);
		const wrongPath = await runTest({
			...credentials,
			trackingBaseUrl: collector().trackingBaseUrl.replace(/\/v1$/, ''),
		});
		expect(wrongPath.status).toBe(404);
	});

	test('no secret: nothing is sent, and the message says what to fill in', async () => {
		await expect(
			runTest(
				collectorCredentials(collector(), { ...NO_PROFILE, writeKey: '', publicApiToken: '' }),
			),
		).rejects.toThrow(NO_SECRET_MESSAGE);
		expect(collector().requests).toEqual([]);
	});
});
