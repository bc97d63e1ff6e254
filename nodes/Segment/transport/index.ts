import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	API_NAME,
	MISSING_SECRET_HINT,
	MISSING_SPACE_ID,
	SECRET_FIELD,
	baseUrlProblem,
	segmentApiForUrl,
	segmentBaseUrl,
	spaceIdOf,
	type SegmentApi,
} from '../../../credentials/segmentHosts';
import { asNodeError } from '../helpers/nodeError';
import { readParameter } from '../helpers/parameters';
import { redactSecrets, segmentErrorMessage } from './errors';
import { profileApiError } from './profileApiErrors';
import { publicApiError } from './publicApiErrors';
import {
	AnsweredRequestLimiter,
	EndpointRateLimiters,
	PROFILE_API_REQUESTS_PER_SECOND,
	RequestRateLimiter,
	type EndpointRateLimit,
	type RateLimiter,
} from './rateLimit';
import {
	DEFAULT_RETRY_POLICY,
	MAX_RATE_LIMITED_WAITS,
	backoffMs,
	isRetryableNetworkFailure,
	isRetryableStatus,
	isTimeout,
	mayRepeat,
	neverReachedServer,
	requestedWaitMs,
	type RetryPolicy,
} from './retry';

export type { SegmentApi } from '../../../credentials/segmentHosts';

export const SEGMENT_CREDENTIAL_TYPE = 'twilioSegmentApi';

/**
 * Every context that talks to Segment: an operation's run, a dropdown or resource locator being
 * filled in the editor, a trigger's activation hooks and its webhook.
 */
export type SegmentFunctions =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface SegmentRequest {
	api: SegmentApi;
	method: IHttpRequestMethods;
	/** Path under the API's base URL, starting with `/`. */
	path: string;
	/**
	 * A JSON value, or a JSON document already serialised (as text or UTF-8 bytes: batching measures
	 * the exact bytes), or a function giving that document for each attempt (a batch refreshes its
	 * `sentAt`).
	 */
	body?: IDataObject | IDataObject[] | string | Buffer | (() => string | Buffer);
	qs?: IDataObject;
	headers?: IDataObject;
	/** The input item the request is for, so errors point at it. */
	itemIndex?: number;
	/** The endpoint's own rate limit, when it has one lower than the workspace's. */
	rateLimit?: EndpointRateLimit;
}

export interface SegmentResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
	/** How many attempts the request took (1 when the first one succeeded). */
	attempts: number;
}

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

/**
 * Limiters per node run: the Tracking and Public APIs share Segment's per-workspace 1,000 requests
 * per second; the Profile API allows 100 per second per space, and a run reads one space.
 */
const rateLimitersByRun = new WeakMap<SegmentFunctions, Map<string, RateLimiter>>();

function rateLimiterFor(context: SegmentFunctions, api: SegmentApi): RateLimiter {
	let limiters = rateLimitersByRun.get(context);
	if (!limiters) {
		limiters = new Map();
		rateLimitersByRun.set(context, limiters);
	}
	const key = api === 'profileApi' ? 'profileApi' : 'workspace';
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter =
			api === 'profileApi'
				? new AnsweredRequestLimiter(PROFILE_API_REQUESTS_PER_SECOND)
				: new RequestRateLimiter();
		limiters.set(key, limiter);
	}
	return limiter;
}

const endpointLimitersByRun = new WeakMap<SegmentFunctions, EndpointRateLimiters>();

function endpointLimiterFor(
	context: SegmentFunctions,
	name: EndpointRateLimit,
): RequestRateLimiter {
	let limiters = endpointLimitersByRun.get(context);
	if (!limiters) {
		limiters = new EndpointRateLimiters();
		endpointLimitersByRun.set(context, limiters);
	}
	return limiters.for(name);
}

/** Fails with a message naming what to add when the credential lacks what `api` needs. */
export async function assertSecretFor(this: SegmentFunctions, api: SegmentApi): Promise<void> {
	const credentials = await getSegmentCredentials.call(this);
	const secret = credentials[SECRET_FIELD[api]];
	if (typeof secret !== 'string' || secret === '') {
		const { message, hint } = MISSING_SECRET_HINT[api];
		throw new NodeOperationError(this.getNode(), message, { description: hint });
	}
	if (api === 'profileApi' && spaceIdOf(credentials) === '') {
		throw new NodeOperationError(this.getNode(), MISSING_SPACE_ID.message, {
			description: MISSING_SPACE_ID.hint,
		});
	}
	const problem = baseUrlProblem(credentials, api);
	if (problem) {
		throw new NodeOperationError(this.getNode(), problem.message, { description: problem.hint });
	}
}

/**
 * Fails before sending when the credential would take the request for another API's (its base
 * URLs overlap so that this URL has the other API's shape): the secret of that API would be sent.
 */
function assertUrlBelongsTo(
	context: SegmentFunctions,
	credentials: ICredentialDataDecryptedObject,
	api: SegmentApi,
	url: string,
): void {
	const owner = segmentApiForUrl(credentials, url);
	if (owner === api) return;
	throw new NodeOperationError(
		context.getNode(),
		`The credential's base URLs overlap: this ${API_NAME[api]} request (${stripUserInfo(url)}) ${owner ? `falls under the ${API_NAME[owner]}'s base URL` : "falls under no API's base URL"}, so it was not sent`,
		{
			description: `Give each API a base URL under which the others' requests do not fall (${API_NAME[api]} Base URL: ${stripUserInfo(segmentBaseUrl(credentials, api))}).`,
		},
	);
}

function stripUserInfo(url: string): string {
	return url.replace(/^(https?:\/\/)[^/@]*@/i, '$1');
}

const retryPolicyByRun = new WeakMap<SegmentFunctions, RetryPolicy>();

/**
 * The node's Options collection, where the retry and timeout options live, in each context: an
 * operation reads it for its first item (one policy for the whole run); the editor's dropdowns
 * read the node's current parameters; a trigger's hooks and webhook read the trigger's own.
 */
function nodeOptions(context: SegmentFunctions): IDataObject {
	const options =
		'getInputData' in context
			? readParameter.call(context as IExecuteFunctions, 'options', 0, {})
			: (context as ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions).getNodeParameter(
					'options',
					{},
				);
	return options !== null && typeof options === 'object' ? (options as IDataObject) : {};
}

/** The retry and timeout options of the node, read once per run; unset ones are the defaults. */
export function retryPolicyFor(context: SegmentFunctions): RetryPolicy {
	let policy = retryPolicyByRun.get(context);
	if (policy) return policy;
	const options = nodeOptions(context);
	const number = (value: unknown, fallback: number, min: number) =>
		typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback;
	policy = {
		maxRetries: Math.floor(number(options.maxRetries, DEFAULT_RETRY_POLICY.maxRetries, 0)),
		baseDelayMs: number(options.retryDelay, DEFAULT_RETRY_POLICY.baseDelayMs, 0),
		maxTotalWaitMs:
			number(options.maxTotalWait, DEFAULT_RETRY_POLICY.maxTotalWaitMs / 1000, 0) * 1000,
		timeoutMs: number(options.timeout, DEFAULT_RETRY_POLICY.timeoutMs / 1000, 0.001) * 1000,
	};
	retryPolicyByRun.set(context, policy);
	return policy;
}

type Attempt<T> =
	| { response: SegmentResponse<T>; failure?: undefined }
	| { response?: undefined; failure: JsonObject };

function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` (after ${attempts} attempts)` : '';
}

/**
 * The one way this package talks to Segment: builds the URL from the credential's region or custom
 * base URL, lets the credential add its own API's secret, sends JSON through n8n's request helper
 * (so n8n's proxy settings apply), retries what is worth retrying (429, 5xx, reset, refused, timed
 * out) with backoff and the waits Segment asks for, and turns every failure into a NodeApiError
 * with Segment's own message, the HTTP status, the attempts made and no secret.
 */
export async function segmentApiRequest<T = unknown>(
	this: SegmentFunctions,
	request: SegmentRequest,
): Promise<SegmentResponse<T>> {
	const { api, method, path, body, qs, headers, itemIndex, rateLimit } = request;
	await assertSecretFor.call(this, api);
	const credentials = await getSegmentCredentials.call(this);
	const url = `${segmentBaseUrl(credentials, api)}${path}`;
	assertUrlBelongsTo(this, credentials, api, url);
	const policy = retryPolicyFor(this);
	const limiter = rateLimiterFor(this, api);
	const endpointLimiter = rateLimit ? endpointLimiterFor(this, rateLimit) : undefined;

	let waitedMs = 0;
	/** Retries spent from Max Retries, and the 429 waits Segment asked for, which do not spend one. */
	let retries = 0;
	let rateLimitedWaits = 0;
	for (let attempt = 1; ; attempt++) {
		const payload = typeof body === 'function' ? body() : body;
		const options: IHttpRequestOptions = {
			method,
			url,
			qs,
			headers: {
				Accept: 'application/json',
				...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
				// As Segment's libraries tell the Tracking API: the retries before this attempt (none on the first).
				...(api === 'tracking' && attempt > 1 ? { 'X-Retry-Count': String(attempt - 1) } : {}),
				...headers,
			},
			// Serialised JSON goes as bytes: given a string, axios would parse it again to check it.
			body: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
			json: true,
			timeout: policy.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};

		const release = await limiter.acquire();
		// Every attempt counts toward the endpoint's limit, a retry as much as the first.
		await endpointLimiter?.waitForSlot();
		let outcome: Attempt<T>;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				SEGMENT_CREDENTIAL_TYPE,
				options,
			)) as Omit<SegmentResponse<T>, 'attempts'>;
			outcome = { response: { ...response, attempts: attempt } };
		} catch (error) {
			// A credential problem raised before sending is not a failed attempt.
			if (error instanceof NodeOperationError) throw asNodeError(this.getNode(), error);
			outcome = { failure: error as JsonObject };
		} finally {
			release();
		}

		const { response, failure } = outcome;
		if (response && response.statusCode >= 200 && response.statusCode < 300) return response;

		const messages = failure ? failureMessages(failure) : [];
		const repeatable = mayRepeat(api, method);
		const retryable = response
			? response.statusCode === 429 || (repeatable && isRetryableStatus(response.statusCode))
			: neverReachedServer(messages) || (repeatable && isRetryableNetworkFailure(messages));
		let stopReason = '';
		if (retryable) {
			const asked = response ? requestedWaitMs(response.headers, response.body) : undefined;
			const rateLimited = response?.statusCode === 429 && asked !== undefined;
			const mayRetry = rateLimited
				? rateLimitedWaits < MAX_RATE_LIMITED_WAITS
				: retries < policy.maxRetries;
			const waitMs = asked ?? backoffMs(retries, policy.baseDelayMs);
			if (mayRetry && waitedMs + waitMs <= policy.maxTotalWaitMs) {
				if (rateLimited) rateLimitedWaits++;
				else retries++;
				this.logger.debug(
					`${API_NAME[api]}: ${response ? `answered ${response.statusCode}` : 'no answer'} to ${method} ${stripUserInfo(url)}; ${rateLimited ? `waiting ${waitMs} ms as Segment asked (rate limited, not counted against Max Retries)` : `retry ${retries} of ${policy.maxRetries} in ${waitMs} ms`}`,
				);
				await sleep(waitMs);
				waitedMs += waitMs;
				continue;
			}
			if (mayRetry) {
				stopReason = `; stopped retrying: the next wait (${Math.ceil(waitMs / 1000)} s${asked !== undefined ? ', as Segment asked' : ''}) would pass Max Total Wait (${policy.maxTotalWaitMs / 1000} s)`;
			} else if (rateLimited) {
				stopReason = `; stopped retrying: still rate limited after ${MAX_RATE_LIMITED_WAITS} waits Segment asked for`;
			}
		}
		if (failure) {
			throw connectionError.call(this, failure, {
				api,
				url,
				credentials,
				itemIndex,
				attempts: attempt,
				stopReason,
				policy,
			});
		}
		throw statusError.call(this, response as SegmentResponse, {
			api,
			method,
			path,
			url,
			credentials,
			itemIndex,
			attempts: attempt,
			stopReason,
		});
	}
}

/** The raw messages of a failure that got no HTTP answer (n8n keeps the original among them). */
function failureMessages(failure: JsonObject): string[] {
	const messages = Array.isArray(failure.messages) ? (failure.messages as unknown[]) : [];
	return [failure.message, ...messages].filter(
		(entry): entry is string => typeof entry === 'string',
	);
}

/** Segment answered, with an error status. */
function statusError(
	this: SegmentFunctions,
	response: SegmentResponse,
	context: {
		api: SegmentApi;
		method: string;
		path: string;
		url: string;
		credentials: ICredentialDataDecryptedObject;
		itemIndex?: number;
		attempts: number;
		stopReason: string;
	},
): NodeApiError {
	const { api, method, path, url, credentials, itemIndex, attempts, stopReason } = context;
	const segmentMessage = redactSecrets(segmentErrorMessage(response.body), credentials);
	const cause: JsonObject = {
		httpCode: String(response.statusCode),
		message: segmentMessage,
		body: redactSecrets(response.body ?? null, credentials) as JsonObject,
	};
	if (api === 'profileApi' || api === 'publicApi') {
		const apiError = api === 'profileApi' ? profileApiError : publicApiError;
		return apiError(this.getNode(), {
			...response,
			body: cause.body,
			segmentMessage,
			cause,
			method,
			path,
			url: stripUserInfo(url),
			itemIndex,
			attempts,
			stopReason,
		});
	}
	return new NodeApiError(this.getNode(), cause, {
		message: `${API_NAME[api]} answered ${response.statusCode}: ${segmentMessage}${attemptsNote(attempts)}`,
		description: `${method} ${stripUserInfo(url)}${stopReason}`,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** A request that got no HTTP answer at all: refused, reset, timed out, DNS. */
function connectionError(
	this: SegmentFunctions,
	failure: JsonObject,
	context: {
		api: SegmentApi;
		url: string;
		credentials: ICredentialDataDecryptedObject;
		itemIndex?: number;
		attempts: number;
		stopReason: string;
		policy: RetryPolicy;
	},
): NodeApiError {
	const { api, url, credentials, itemIndex, attempts, stopReason, policy } = context;
	// n8n words the common network failures; the raw cause (e.g. "connect ECONNREFUSED …") is
	// kept among its messages and goes in the description, where n8n does not reword it.
	const messages = failureMessages(failure);
	const reason = isTimeout(messages)
		? `no answer within the ${policy.timeoutMs / 1000} s timeout`
		: redactSecrets(messages[0] ?? 'unknown error', credentials);
	const detail = messages.find((entry) => entry !== messages[0]);
	const suffix = detail ? ` (${redactSecrets(detail, credentials)})` : '';
	return new NodeApiError(
		this.getNode(),
		{ message: reason },
		{
			message: `Could not reach the ${API_NAME[api]}: ${reason}${attemptsNote(attempts)}`,
			description: `${stripUserInfo(url)} gave no HTTP answer${suffix}${stopReason}`,
			itemIndex,
		},
	);
}
