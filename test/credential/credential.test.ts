import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { TwilioSegmentApi } from '../../credentials/TwilioSegmentApi.credentials';
import { NO_SECRET_MESSAGE, SEGMENT_HOSTS, segmentBaseUrl } from '../../credentials/segmentHosts';
import {
	basicAuthFor,
	collectorCredentials,
	PUBLIC_API_TOKEN,
	useCollector,
	WRITE_KEY,
} from '../harness/collector';
import { resolveExpression } from '../harness/engine';

const credential = new TwilioSegmentApi();
const collector = useCollector({ publicApiTokens: [PUBLIC_API_TOKEN] });

const US = { writeKey: WRITE_KEY, publicApiToken: PUBLIC_API_TOKEN, region: 'us' };
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

	test('keeps both secrets in password fields', () => {
		const secrets = credential.properties.filter(({ name }) =>
			['writeKey', 'publicApiToken'].includes(name),
		);
		expect(secrets.map(({ typeOptions }) => typeOptions?.password)).toEqual([true, true]);
	});

	test('has a full documentation URL and a note on what its test can check', () => {
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		const notice = credential.properties.find(({ type }) => type === 'notice');
		expect(notice?.displayName).toContain('the key itself cannot be checked');
		expect(notice?.displayName).toContain(
			'"Authorization failed" means the token is wrong or revoked',
		);
		expect(notice?.displayName).toContain('"refused the connection" means a base URL is wrong');
	});
});

describe('each secret goes only to its own API', () => {
	test.each([
		['US', US, SEGMENT_HOSTS.us],
		['EU', EU, SEGMENT_HOSTS.eu],
	])(
		'%s: the write key goes as Basic auth to the Tracking API host only',
		async (_region, credentials, hosts) => {
			const tracked = await authenticate(credentials, {
				url: `${hosts.tracking}/track`,
				body: '{}',
			});
			expect(tracked.auth).toEqual(basic(WRITE_KEY));
			expect(JSON.stringify(tracked)).not.toContain(PUBLIC_API_TOKEN);

			const admin = await authenticate(credentials, { url: `${hosts.publicApi}/sources` });
			expect(admin.headers?.Authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
			expect(admin.auth).toBeUndefined();
			expect(JSON.stringify(admin)).not.toContain(WRITE_KEY);
		},
	);

	test('the region decides the hosts: an EU credential sends nothing to the US hosts', async () => {
		for (const url of [
			`${SEGMENT_HOSTS.us.tracking}/track`,
			`${SEGMENT_HOSTS.us.publicApi}/sources`,
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
		]) {
			const options = await authenticate(US, { url });
			expect(JSON.stringify(options)).not.toMatch(new RegExp(`${WRITE_KEY}|${PUBLIC_API_TOKEN}`));
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
	});
});

describe("the credential's Test: with a token it reads the workspace, with only a write key it tries the Tracking API", () => {
	const testRequest = credential.test.request;

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
			},
		],
		['EU, blank custom URLs', { ...EU, trackingBaseUrl: '  ', publicApiBaseUrl: '' }],
	])('%s: its URL is the one the node sends to, for both APIs', (_case, credentials) => {
		expect(resolvedRequest(credentials).baseURL).toBe(segmentBaseUrl(credentials, 'publicApi'));
		expect(resolvedRequest({ ...credentials, publicApiToken: '' }).baseURL).toBe(
			segmentBaseUrl(credentials, 'tracking'),
		);
	});

	test('what it sends for each combination of filled-in secrets', () => {
		const publicApiRead = {
			method: 'GET',
			baseURL: SEGMENT_HOSTS.us.publicApi,
			url: '/',
			accept: 'application/vnd.segment.v1+json',
			body: undefined,
		};
		expect(resolvedRequest(US)).toEqual(publicApiRead);
		expect(resolvedRequest({ ...US, writeKey: '' })).toEqual(publicApiRead);
		const emptyBatch = {
			method: 'POST',
			baseURL: SEGMENT_HOSTS.us.tracking,
			url: '/batch',
			accept: 'application/json',
			body: { batch: [] },
		};
		expect(resolvedRequest({ ...US, publicApiToken: '' })).toEqual(emptyBatch);
		expect(resolvedRequest({ ...US, writeKey: '', publicApiToken: '' })).toEqual(emptyBatch);
	});

	/** Sends the Test's request to the collector as n8n would (authenticate, then the rules). */
	async function runTest(
		credentials: ICredentialDataDecryptedObject,
	): Promise<{ status: number; message?: string }> {
		const { method, baseURL, url, accept, body } = resolvedRequest(credentials);
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
		const rule = credential.test.rules?.find(
			(candidate) =>
				candidate.type === 'responseCode' && candidate.properties.value === response.status,
		);
		return { status: response.status, message: rule?.properties.message };
	}

	test('a token: a good one passes, a rejected one or a wrong address gets a message that says what to check', async () => {
		expect(await runTest(collectorCredentials(collector()))).toEqual({
			status: 200,
			message: undefined,
		});
		const rejected = await runTest(
			collectorCredentials(collector(), { publicApiToken: 'sgp_revoked' }),
		);
		expect(rejected).toEqual({
			status: 401,
			message: expect.stringContaining('Segment rejected the Public API Token'),
		});
		// The read carries the token only, even with a write key in the credential.
		const sent = JSON.stringify(collector().requests);
		expect(sent).not.toContain(WRITE_KEY);
		expect(sent).not.toContain(Buffer.from(`${WRITE_KEY}:`).toString('base64'));
		const wrongHost = await runTest(
			collectorCredentials(collector(), { publicApiBaseUrl: `${collector().trackingBaseUrl}` }),
		);
		expect(wrongHost.status).toBe(404);
		expect(wrongHost.message).toContain('check Region and the base URL');
	});

	test('only a write key: an empty batch with the key, answered 200, and no event arrives', async () => {
		const credentials = collectorCredentials(collector(), { publicApiToken: '' });
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

	test('neither secret: nothing is sent, and the message says what to fill in', async () => {
		await expect(
			runTest(collectorCredentials(collector(), { writeKey: '', publicApiToken: '' })),
		).rejects.toThrow(NO_SECRET_MESSAGE);
		expect(collector().requests).toEqual([]);
	});
});
