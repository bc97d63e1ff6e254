import type { INodeProperties } from 'n8n-workflow';

/**
 * The request helper's retry and timeout options, for the Options collection of every operation
 * and of the trigger: the helper reads them from there (`options.maxRetries`, …), and their
 * defaults are its defaults (DEFAULT_RETRY_POLICY is made from them).
 */
export const retryOptions: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 5,
		description:
			"How many times to retry a request that failed with a server error, a dropped connection, a timeout or a 429 that does not say when to come back. A 429 that does (Retry-After) is waited out without using up a retry, as in Segment's own libraries, within Max Total Wait. Other errors are never retried. A retried tracking call keeps its message ID, so Segment counts it once.",
	},
	{
		displayName: 'Max Total Wait (Seconds)',
		name: 'maxTotalWait',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description:
			'The longest all retry waits of one request may add up to, including the waits Segment asks for (Retry-After, X-RateLimit-Reset). A longer wait ends the retries with an error.',
	},
	{
		displayName: 'Retry Delay (Ms)',
		name: 'retryDelay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 500,
		description:
			'The first wait before a retry, in milliseconds; it doubles with each retry, plus a random part so that many clients do not retry at the same moment',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'How long to wait for Segment to answer one request before the attempt fails',
	},
];

function defaultOf(name: 'maxRetries' | 'maxTotalWait' | 'retryDelay' | 'timeout'): number {
	return retryOptions.find((option) => option.name === name)?.default as number;
}

/** The defaults of the options above, in the request helper's units. */
export const DEFAULT_RETRY_SETTINGS = {
	maxRetries: defaultOf('maxRetries'),
	baseDelayMs: defaultOf('retryDelay'),
	maxTotalWaitMs: defaultOf('maxTotalWait') * 1000,
	timeoutMs: defaultOf('timeout') * 1000,
};
