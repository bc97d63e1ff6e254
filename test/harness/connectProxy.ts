import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Proves which host a request goes to without it leaving 127.0.0.1: HTTPS_PROXY points at a
 * proxy here that records the CONNECT target n8n's request helper asks for and refuses the
 * tunnel. The request never reaches any other host, and the secrets (which would travel inside
 * the tunnel) never reach the proxy.
 */
export interface Connect {
	target: string;
	headers: IncomingHttpHeaders;
}

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

/** The proxy for the test file: what it saw, emptied before every test. */
export function useConnectProxy(): { connects: Connect[]; plainRequests: string[] } {
	let proxy: Server;
	const connects: Connect[] = [];
	const plainRequests: string[] = [];
	const saved: Record<string, string | undefined> = {};

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

	return { connects, plainRequests };
}
