import type { INodeProperties } from 'n8n-workflow';

/**
 * Retry and timeout options, for every operation's Options collection: the request helper reads
 * them from there (`options.maxRetries`, …). Their defaults are DEFAULT_RETRY_POLICY's (a test
 * keeps them equal).
 */
export const requestOptions: INodeProperties[] = [
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
