import { PUBLIC_API_TOKEN, useCollector } from '../../harness/collector';
import { lastPublicApiRequest, outputJson, runAdmin } from '../helpers';

/**
 * The Workspace operation through n8n's engine against the collector: the token's workspace,
 * read with the Bearer token and the pinned version.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

const V1 = 'application/vnd.segment.v1+json';

describe('Workspace', () => {
	test("Get returns the token's workspace, read with the Bearer token and the v1 version", async () => {
		const output = outputJson(
			await runAdmin(collector(), { resource: 'workspace', operation: 'get' }),
		);
		expect(output).toEqual([
			{ id: 'ws_local_collector', name: 'Local Collector', slug: 'local-collector' },
		]);
		expect(lastRequest()).toMatchObject({ method: 'GET', path: '/', status: 200 });
		expect(lastRequest().headers).toMatchObject({
			authorization: `Bearer ${PUBLIC_API_TOKEN}`,
			accept: V1,
		});
	});
});
