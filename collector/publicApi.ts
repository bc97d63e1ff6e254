import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken, sendJson } from './http';

export interface Workspace {
	id: string;
	name: string;
	slug: string;
}

export interface PublicApiState {
	workspace: Workspace;
	/** When set, only these tokens are accepted; otherwise any non-empty Bearer token is. */
	tokens?: ReadonlySet<string>;
}

/** Segment's Public API error envelope. */
export function sendPublicApiError(
	response: ServerResponse,
	status: number,
	type: string,
	message: string,
): void {
	sendJson(response, status, { errors: [{ type, message }] });
}

/** Handles one Public API request the way api.segmentapis.com does (the routes in use so far). */
export function handlePublicApiRequest(
	state: PublicApiState,
	request: IncomingMessage,
	response: ServerResponse,
	path: string,
): void {
	const token = bearerToken(request);
	if (!token || (state.tokens && !state.tokens.has(token))) {
		sendPublicApiError(response, 401, 'unauthorized', 'The request is missing a valid token.');
		return;
	}
	if (request.method === 'GET' && (path === '/' || path === '')) {
		sendJson(response, 200, { data: { workspace: state.workspace } });
		return;
	}
	sendPublicApiError(response, 404, 'not-found', `Resource not found: ${request.method} ${path}`);
}
