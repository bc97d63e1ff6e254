import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { PUBLIC_API_TOKEN, WRITE_KEY } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';
import { runListSearch } from '../harness/loadOptions';
import { locator } from './helpers';

/**
 * The region switch: with region EU and no custom base URL, the admin operations go to Segment's
 * EU host. Nothing may leave 127.0.0.1, so HTTPS_PROXY points at a proxy here that records the
 * CONNECT target n8n's request helper asks for and refuses the tunnel: the request never reaches
 * any other host, and the token (which would travel inside the tunnel) never reaches the proxy.
 */
interface Connect {
	target: string;
	headers: IncomingHttpHeaders;
}

let proxy: Server;
const connects: Connect[] = [];
const plainRequests: string[] = [];
const saved: Record<string, string | undefined> = {};
const PROXY_VARIABLES = [
	'HTTPS_PROXY',
	'https_proxy',
	'HTTP_PROXY',
	'http_proxy',
	'ALL_PROXY',
	'all_proxy',
	'NO_PROXY',
	'no_proxy',
];

beforeAll(async () => {
	proxy = createServer((request, response) => {
		plainRequests.push(`${request.method} ${request.url}`);
		response.writeHead(403).end();
	});
	proxy.on('connect', (request, socket) => {
		connects.push({ target: String(request.url), headers: request.headers });
		socket.end(
			'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 23\r\nConnection: close\r\n\r\ntunnel refused by test\n',
		);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	for (const name of PROXY_VARIABLES) {
		saved[name] = process.env[name];
		delete process.env[name];
	}
	process.env.HTTPS_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const name of PROXY_VARIABLES) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
	await new Promise((resolve) => proxy.close(resolve));
});

beforeEach(() => {
	connects.length = 0;
	plainRequests.length = 0;
});

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
