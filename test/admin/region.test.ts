import { useConnectProxy } from '../harness/connectProxy';
import { PUBLIC_API_TOKEN, WRITE_KEY } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';
import { runListSearch } from '../harness/loadOptions';
import { locator } from './helpers';

/**
 * The region switch: with region EU and no custom base URL, the admin operations go to Segment's
 * EU host. Nothing may leave 127.0.0.1: a proxy here records the CONNECT target and refuses the
 * tunnel (../harness/connectProxy.ts).
 */
const { connects, plainRequests } = useConnectProxy();

const credentials = (region: 'us' | 'eu') => ({
	writeKey: WRITE_KEY,
	publicApiToken: PUBLIC_API_TOKEN,
	region,
	trackingBaseUrl: '',
	publicApiBaseUrl: '',
});

describe('the Public API host follows the region', () => {
	test('EU: the request goes to eu1.api.segmentapis.com', async () => {
		const result = await runSegmentNode({
			items: [{}],
			parameters: { resource: 'workspace', operation: 'get' },
			credentials: credentials('eu'),
		});
		expect(connects.map(({ target }) => target)).toEqual(['eu1.api.segmentapis.com:443']);
		expect(result.error?.message).toBe(
			'The Public API request was answered 403 by something other than Segment (no Segment error in the answer): check Region, the Public API Base URL and any proxy between n8n and Segment',
		);
		expect(result.error?.description).toBe(
			'It said: "tunnel refused by test". GET https://eu1.api.segmentapis.com/',
		);
		expect(plainRequests).toEqual([]);
	});

	test('US: the request goes to api.segmentapis.com', async () => {
		await runSegmentNode({
			items: [{}],
			parameters: { resource: 'source', operation: 'get', source: locator('abc123') },
			credentials: credentials('us'),
		});
		expect(connects.map(({ target }) => target)).toEqual(['api.segmentapis.com:443']);
	});

	test('the "From list" of a resource locator follows the region too', async () => {
		await runListSearch('searchSources', { credentials: credentials('eu') }).catch(() => undefined);
		expect(connects.map(({ target }) => target)).toEqual(['eu1.api.segmentapis.com:443']);
	});

	test('the token never reaches the proxy: it would travel only inside the TLS tunnel', async () => {
		await runSegmentNode({
			items: [{}],
			parameters: { resource: 'workspace', operation: 'get' },
			credentials: credentials('eu'),
		});
		expect(connects).toHaveLength(1);
		expect(JSON.stringify(connects)).not.toContain(PUBLIC_API_TOKEN);
		expect(connects[0].headers.authorization).toBeUndefined();
	});
});
