import type { INodeParameters } from 'n8n-workflow';

import { closedPort, collectorCredentials, PUBLIC_API_TOKEN, useCollector, WRITE_KEY } from './harness/collector';
import { capturedLogs, runSegmentNode } from './harness/engine';

/**
 * With recognisable secrets, every path (success, Segment errors, no answer, bad input) leaves
 * no secret in output items, errors or log lines.
 */
const collector = useCollector();

const SECRETS = [WRITE_KEY, PUBLIC_API_TOKEN, Buffer.from(`${WRITE_KEY}:`).toString('base64')];
const TRACK: INodeParameters = {
	resource: 'tracking',
	operation: 'track',
	event: 'E',
	userId: '={{ $json.id }}',
	options: { maxRetries: 2, retryDelay: 1 },
};


const PATHS: Array<{ name: string; setUp?: () => void; parameters?: INodeParameters; trackingBaseUrl?: () => Promise<string>; items?: object[] }> = [
	{ name: 'success' },
	{ name: 'a 400 from Segment', setUp: () => collector().injectFault({ times: 3, respond: { status: 400, body: { message: 'Invalid JSON' } } }) },
	{ name: 'a 401 that echoes the key', setUp: () => collector().injectFault({ times: 3, respond: { status: 401, body: { message: `bad key ${WRITE_KEY}` } } }) },
	{ name: 'a dropped connection', setUp: () => collector().injectFault({ times: 3, destroy: true }) },
	{ name: 'no server at all', trackingBaseUrl: async () => `http://127.0.0.1:${await closedPort()}/v1` },
	{ name: 'bad input', items: [{ id: '' }, { id: { nested: true } }] },
];

test.each(PATHS)('$name: no secret in outputs, errors or logs', async ({ setUp, parameters, trackingBaseUrl, items }) => {
	setUp?.();
	capturedLogs.length = 0;
	for (const continueOnFail of [false, true]) {
		const result = await runSegmentNode({
			items: (items ?? [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }]) as never,
			parameters: { ...TRACK, ...parameters },
			credentials: collectorCredentials(collector(), trackingBaseUrl ? { trackingBaseUrl: await trackingBaseUrl() } : {}),
			continueOnFail,
		});
		const everything = [JSON.stringify(result.run), JSON.stringify(result.error ?? null), ...capturedLogs].join('\n');
		for (const secret of SECRETS) expect(everything).not.toContain(secret);
	}
});
