import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault } from '../collector';
import { locator, SEED } from './admin/helpers';
import {
	closedPort,
	collectorCredentials,
	PROFILE_API_TOKEN,
	PUBLIC_API_TOKEN,
	useCollector,
	WRITE_KEY,
} from './harness/collector';
import { capturedLogs, runSegmentNode } from './harness/engine';

/**
 * With recognisable secrets, every path — success, each Segment error, retries, timeouts, no
 * answer, bad input, a missing secret, tracking, admin and profile lookups — leaves no secret in
 * output items, errors, error descriptions or log lines.
 */
const collector = useCollector();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SECRETS = [
	WRITE_KEY,
	PUBLIC_API_TOKEN,
	PROFILE_API_TOKEN,
	Buffer.from(`${WRITE_KEY}:`).toString('base64'),
	Buffer.from(`${PROFILE_API_TOKEN}:`).toString('base64'),
	// Forms a content-derived messageId must not carry either.
	Buffer.from(WRITE_KEY).toString('hex'),
	sha256(WRITE_KEY),
	sha256(WRITE_KEY).slice(0, 40),
];
const QUICK = { maxRetries: 1, retryDelay: 1, timeout: 1 };
const TRACK: INodeParameters = {
	resource: 'tracking',
	operation: 'track',
	event: 'E',
	userId: '={{ $json.id }}',
	options: QUICK,
};
const ADMIN_GET: INodeParameters = {
	resource: 'source',
	operation: 'get',
	source: locator(SEED.websiteSource),
	options: QUICK,
};
const PROFILE_GET: INodeParameters = {
	resource: 'profile',
	operation: 'getTraits',
	idType: 'user_id',
	idValue: '={{ $json.id }}',
	options: QUICK,
};
const basicOf = (secret: string) => Buffer.from(`${secret}:`).toString('base64');
const echo = `key ${WRITE_KEY} token ${PUBLIC_API_TOKEN} profile ${PROFILE_API_TOKEN} basic ${basicOf(WRITE_KEY)} ${basicOf(PROFILE_API_TOKEN)}`;

interface Path {
	name: string;
	faults?: Fault[];
	parameters?: INodeParameters;
	credentials?: () => Promise<ICredentialDataDecryptedObject>;
	items?: IDataObject[];
}

const PATHS: Path[] = [
	{ name: 'tracking: success' },
	{
		name: 'tracking: success, one request per item',
		parameters: { options: { ...QUICK, sendInBatches: false } },
	},
	{
		name: 'tracking: a 400',
		faults: [{ times: 5, respond: { status: 400, body: { message: 'Invalid JSON' } } }],
	},
	{
		name: 'tracking: a 401 echoing the secrets',
		faults: [{ times: 5, respond: { status: 401, body: { message: echo } } }],
	},
	{
		name: 'tracking: a 429 with Retry-After, then success',
		faults: [
			{ respond: { status: 429, headers: { 'Retry-After': '0' }, body: { message: echo } } },
		],
	},
	{
		name: 'tracking: a 503 on every attempt',
		faults: [{ times: 5, respond: { status: 503, body: `<html>${echo}</html>` } }],
	},
	{ name: 'tracking: a dropped connection', faults: [{ times: 5, destroy: true }] },
	{ name: 'tracking: dropped after handling', faults: [{ destroyAfterHandling: true }] },
	{ name: 'tracking: stalled past the timeout', faults: [{ times: 5, stallMs: 1500 }] },
	{
		name: 'tracking: no server at all',
		credentials: async () =>
			collectorCredentials(collector(), {
				trackingBaseUrl: `http://127.0.0.1:${await closedPort()}/v1`,
			}),
	},
	{
		name: 'tracking: Message ID From Content',
		parameters: { options: { ...QUICK, messageIdFromContent: true } },
	},
	{
		name: 'batch: Message ID From Content, one call invalid',
		parameters: {
			operation: 'batch',
			calls: '[{"type": "track", "userId": "u", "event": "E"}, {"type": "identify"}]',
			options: { ...QUICK, messageIdFromContent: true },
		},
	},
	{ name: 'tracking: bad input', items: [{ id: '' }, { id: { nested: true } }, { id: 'u3' }] },
	{
		name: 'tracking: no write key',
		credentials: async () => collectorCredentials(collector(), { writeKey: '' }),
	},
	{
		name: 'batch: an invalid call',
		parameters: {
			operation: 'batch',
			calls: '[{"type": "track", "userId": "u"}, {"type": "identify", "userId": "u2"}]',
		},
	},
	{
		name: 'import: a call without timestamp',
		parameters: {
			operation: 'importHistoricalData',
			calls: '[{"type": "track", "userId": "u", "event": "E"}]',
		},
	},
	{ name: 'admin: success', parameters: ADMIN_GET },
	{
		name: 'admin: a 401 echoing the secrets',
		parameters: ADMIN_GET,
		faults: [
			{
				api: 'publicApi',
				times: 5,
				respond: { status: 401, body: { errors: [{ type: 'unauthorized', message: echo }] } },
			},
		],
	},
	{
		name: 'admin: a 404',
		parameters: ADMIN_GET,
		faults: [
			{
				api: 'publicApi',
				times: 5,
				respond: { status: 404, body: { errors: [{ type: 'not-found', message: echo }] } },
			},
		],
	},
	{
		name: 'admin: a 429 on every attempt',
		parameters: ADMIN_GET,
		faults: [
			{
				api: 'publicApi',
				times: 5,
				respond: {
					status: 429,
					headers: { 'Retry-After': '0' },
					body: { errors: [{ type: 'rate', message: echo }] },
				},
			},
		],
	},
	{
		name: 'admin: a 500 on every attempt',
		parameters: ADMIN_GET,
		faults: [{ api: 'publicApi', times: 5, respond: { status: 500, body: echo } }],
	},
	{
		name: 'admin: no server at all',
		parameters: ADMIN_GET,
		credentials: async () =>
			collectorCredentials(collector(), {
				publicApiBaseUrl: `http://127.0.0.1:${await closedPort()}`,
			}),
	},
	{
		name: 'admin: no token',
		parameters: ADMIN_GET,
		credentials: async () => collectorCredentials(collector(), { publicApiToken: '' }),
	},
	{ name: 'profile: success', parameters: PROFILE_GET, items: [{ id: '101' }, { id: '102' }] },
	{
		name: 'profile: not found, as an item',
		parameters: { ...PROFILE_GET, options: { ...QUICK, outputNotFound: true } },
	},
	{ name: 'profile: not found, as an error', parameters: PROFILE_GET },
	{
		name: 'profile: a 401 echoing the secrets',
		parameters: PROFILE_GET,
		faults: [
			{
				api: 'profileApi',
				times: 5,
				respond: { status: 401, body: { error: { code: 'authentication_error', message: echo } } },
			},
		],
	},
	{
		name: 'profile: a 429 on every attempt',
		parameters: PROFILE_GET,
		faults: [
			{
				api: 'profileApi',
				times: 5,
				respond: {
					status: 429,
					headers: { 'Retry-After': '0' },
					body: { error: { code: 'rate_limit_error', message: echo } },
				},
			},
		],
	},
	{
		name: 'profile: a 500 on every attempt',
		parameters: PROFILE_GET,
		faults: [{ api: 'profileApi', times: 5, respond: { status: 500, body: echo } }],
	},
	{
		name: 'profile: no server at all',
		parameters: PROFILE_GET,
		credentials: async () =>
			collectorCredentials(collector(), {
				profileApiBaseUrl: `http://127.0.0.1:${await closedPort()}`,
			}),
	},
	{
		name: 'profile: no access token',
		parameters: PROFILE_GET,
		credentials: async () => collectorCredentials(collector(), { profileApiToken: '' }),
	},
	{
		name: 'profile: a wrong access token',
		parameters: PROFILE_GET,
		credentials: async () =>
			collectorCredentials(collector(), { spaceId: 'spa_not_this_tokens_space' }),
	},
];

test.each(PATHS)(
	'$name: no secret in outputs, errors or logs',
	async ({ faults, parameters, credentials, items }) => {
		for (const continueOnFail of [false, true]) {
			collector().reset();
			for (const fault of faults ?? []) collector().injectFault(fault);
			capturedLogs.length = 0;
			const result = await runSegmentNode({
				items: items ?? [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }],
				parameters: { ...TRACK, ...parameters },
				credentials: credentials ? await credentials() : collectorCredentials(collector()),
				continueOnFail,
			});
			const everything = [
				JSON.stringify(result.run),
				JSON.stringify(result.error ?? null),
				...capturedLogs,
			].join('\n');
			for (const secret of SECRETS) expect(everything).not.toContain(secret);
		}
	},
);
