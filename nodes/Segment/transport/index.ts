import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	MISSING_SECRET_HINT,
	segmentBaseUrl,
	type SegmentApi,
} from '../../../credentials/segmentHosts';
import { redactSecrets, segmentErrorMessage } from './errors';
import { publicApiError } from './publicApiErrors';

export type { SegmentApi } from '../../../credentials/segmentHosts';

export const SEGMENT_CREDENTIAL_TYPE = 'twilioSegmentApi';

/** Wait at most this long for Segment to answer one request. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export type SegmentFunctions = IExecuteFunctions | ILoadOptionsFunctions;

export interface SegmentRequest {
	api: SegmentApi;
	method: IHttpRequestMethods;
	/** Path under the API's base URL, starting with `/`. */
	path: string;
	/** A JSON value, or a JSON document already serialised (batching measures the exact bytes). */
	body?: IDataObject | IDataObject[] | string;
	qs?: IDataObject;
	headers?: IDataObject;
	/** The input item the request is for, so errors point at it. */
	itemIndex?: number;
}

export interface SegmentResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

const API_NAME: Record<SegmentApi, string> = {
	tracking: 'Segment Tracking API',
	publicApi: 'Segment Public API',
};

// One credential read per node run: n8n decrypts credentials on every getCredentials() call.
const credentialsByRun = new WeakMap<SegmentFunctions, Promise<ICredentialDataDecryptedObject>>();

export async function getSegmentCredentials(
	this: SegmentFunctions,
): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByRun.get(this);
	if (!credentials) {
		credentials = this.getCredentials(SEGMENT_CREDENTIAL_TYPE);
		credentialsByRun.set(this, credentials);
	}
	return await credentials;
}

/** Fails with a message naming the secret to add when the credential lacks what `api` needs. */
export async function assertSecretFor(this: SegmentFunctions, api: SegmentApi): Promise<void> {
	const credentials = await getSegmentCredentials.call(this);
	const secret = api === 'tracking' ? credentials.writeKey : credentials.publicApiToken;
	if (typeof secret === 'string' && secret !== '') return;
	const { message, hint } = MISSING_SECRET_HINT[api];
	throw new NodeOperationError(this.getNode(), message, { description: hint });
}

function stripUserInfo(url: string): string {
	return url.replace(/^(https?:\/\/)[^/@]*@/i, '$1');
}

/**
 * The one way this package talks to Segment: builds the URL from the credential's region or custom
 * base URL, lets the credential add its own API's secret, sends JSON through n8n's request helper
 * (so n8n's proxy settings apply) and turns every failure into a NodeApiError with Segment's own
 * message, the HTTP status and no secret.
 */
export async function segmentApiRequest<T = unknown>(
	this: SegmentFunctions,
	request: SegmentRequest,
): Promise<SegmentResponse<T>> {
	const { api, method, path, body, qs, headers, itemIndex } = request;
	await assertSecretFor.call(this, api);
	const credentials = await getSegmentCredentials.call(this);
	const url = `${segmentBaseUrl(credentials, api)}${path}`;

	const options: IHttpRequestOptions = {
		method,
		url,
		qs,
		headers: {
			Accept: 'application/json',
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			...headers,
		},
		body,
		json: true,
		timeout: DEFAULT_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};

	let response: SegmentResponse<T>;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			SEGMENT_CREDENTIAL_TYPE,
			options,
		)) as SegmentResponse<T>;
	} catch (error) {
		throw connectionError.call(this, error as JsonObject, api, url, credentials, itemIndex);
	}

	if (response.statusCode >= 200 && response.statusCode < 300) return response;

	const segmentMessage = redactSecrets(segmentErrorMessage(response.body), credentials);
	const cause: JsonObject = {
		httpCode: String(response.statusCode),
		message: segmentMessage,
		body: redactSecrets(response.body ?? null, credentials) as JsonObject,
	};
	if (api === 'publicApi') throw publicApiError(this.getNode(), { ...response, body: cause.body, segmentMessage, cause, method, path, url: stripUserInfo(url), itemIndex });
	throw new NodeApiError(this.getNode(), cause, {
		message: `${API_NAME[api]} answered ${response.statusCode}: ${segmentMessage}`,
		description: `${method} ${stripUserInfo(url)}`,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** A request that got no HTTP answer at all: refused, reset, timed out, DNS. */
function connectionError(
	this: SegmentFunctions,
	error: JsonObject,
	api: SegmentApi,
	url: string,
	credentials: ICredentialDataDecryptedObject,
	itemIndex: number | undefined,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	// n8n words the common network failures; the raw cause (e.g. "connect ECONNREFUSED …") is
	// kept among its messages and goes in the description, where n8n does not reword it.
	const reason = redactSecrets(String(error.message ?? 'unknown error'), credentials);
	const messages = Array.isArray(error.messages) ? (error.messages as unknown[]) : [];
	const detail = messages.find((entry) => typeof entry === 'string' && entry !== reason);
	const suffix = detail ? ` (${redactSecrets(String(detail), credentials)})` : '';
	return new NodeApiError(
		this.getNode(),
		{ message: reason },
		{
			message: `Could not reach the ${API_NAME[api]}: ${reason}`,
			description: `${stripUserInfo(url)} gave no HTTP answer${suffix}`,
			itemIndex,
		},
	);
}
