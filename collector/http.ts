import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a request body whole, as raw bytes. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	response.end(text);
}

export function sendText(
	response: ServerResponse,
	status: number,
	body: string,
	headers: Record<string, string> = {},
): void {
	response.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
	response.end(body);
}

export function isJsonContentType(request: IncomingMessage): boolean {
	return /^application\/(?:[\w.+-]+\+)?json\b/i.test(request.headers['content-type'] ?? '');
}

/** The user name of an HTTP Basic Authorization header, if any. */
export function basicAuthUser(request: IncomingMessage): string | undefined {
	const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	return separator === -1 ? decoded : decoded.slice(0, separator);
}

export function bearerToken(request: IncomingMessage): string | undefined {
	const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
	return match ? match[1].trim() : undefined;
}

/** One segment of a request path, captured (route patterns). */
export const PATH_PARAM = '([^/]+)';
