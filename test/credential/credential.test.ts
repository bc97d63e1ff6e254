import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { TwilioSegmentApi } from '../../credentials/TwilioSegmentApi.credentials';
import { SEGMENT_HOSTS } from '../../credentials/segmentHosts';
import {
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
		expect(notice?.displayName).toContain('A write key cannot be checked');
		expect(notice?.displayName).toContain(
			'"Authorization failed" means the token is wrong or revoked',
		);
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

describe('the credential test reads the workspace with the token', () => {
	const testRequest = credential.test.request;

	function resolvedBaseUrl(credentials: ICredentialDataDecryptedObject): unknown {
		return resolveExpression(testRequest.baseURL as string, { $credentials: credentials });
	}

	test('its URL follows the region and the custom Public API URL', () => {
		expect(resolvedBaseUrl(US)).toBe(SEGMENT_HOSTS.us.publicApi);
		expect(resolvedBaseUrl(EU)).toBe(SEGMENT_HOSTS.eu.publicApi);
		expect(resolvedBaseUrl({ ...EU, publicApiBaseUrl: ' http://127.0.0.1:9/ ' })).toBe(
			'http://127.0.0.1:9',
		);
	});

	async function runTest(
		credentials: ICredentialDataDecryptedObject,
	): Promise<{ status: number; message?: string }> {
		const baseURL = resolvedBaseUrl(credentials) as string;
		const options = await authenticate(credentials, {
			...(testRequest as IHttpRequestOptions),
			baseURL,
		});
		const response = await fetch(`${baseURL}${testRequest.url}`, {
			method: testRequest.method,
			headers: options.headers as Record<string, string>,
		});
		const rule = credential.test.rules?.find(
			(candidate) =>
				candidate.type === 'responseCode' && candidate.properties.value === response.status,
		);
		return { status: response.status, message: rule?.properties.message };
	}

	test('a good token passes; a rejected one gets a message that says what to check', async () => {
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
		const wrongHost = await runTest(
			collectorCredentials(collector(), { publicApiBaseUrl: `${collector().trackingBaseUrl}` }),
		);
		expect(wrongHost.status).toBe(404);
		expect(wrongHost.message).toContain('check Region and Public API Base URL');
	});

	test('the test request never carries the write key', async () => {
		await runTest(collectorCredentials(collector()));
		expect(JSON.stringify(collector().requests)).not.toContain(WRITE_KEY);
		expect(JSON.stringify(collector().requests)).not.toContain(
			Buffer.from(`${WRITE_KEY}:`).toString('base64'),
		);
	});
});
