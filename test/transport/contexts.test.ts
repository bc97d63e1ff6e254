import type {
	IDataObject,
	IHookFunctions,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { publicApiRequest } from '../../nodes/Segment/transport/publicApi';
import { retryOptions } from '../../nodes/Segment/transport/retryOptions';
import { collectorCredentials, PUBLIC_API_TOKEN, useCollector } from '../harness/collector';
import { runListSearch } from '../harness/loadOptions';
import { TriggerHarness } from '../harness/webhooks';

/**
 * The one request helper serves every context that talks to Segment, not only an operation's run:
 * a dropdown in the editor (load options), a trigger's activation hooks and its webhook. Each reads
 * the retry settings of its own node's Options, explicitly; unset ones are the defaults.
 */
const collector = useCollector();

/** A trigger that reads the workspace on activation and lists sources when a request arrives. */
class PublicApiProbeTrigger implements INodeType {
	description = {
		displayName: 'Public API Probe Trigger',
		name: 'publicApiProbeTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test trigger',
		defaults: { name: 'Probe' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'twilioSegmentApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'probe' }],
		properties: [
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: retryOptions,
			},
		],
	} as unknown as INodeTypeDescription;

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return typeof this.getWorkflowStaticData('node').workspaceId === 'string';
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const body = await publicApiRequest.call(this, { method: 'GET', path: '/', version: 'v1' });
				const workspace = (body.data as IDataObject).workspace as IDataObject;
				this.getWorkflowStaticData('node').workspaceId = workspace.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').workspaceId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = await publicApiRequest.call(this, {
			method: 'GET',
			path: '/sources',
			version: 'v1',
			qs: { pagination: { count: 5 } },
		});
		const sources = ((body.data as IDataObject).sources as IDataObject[]).map(({ id }) => id);
		return { workflowData: [[{ json: { sources } }]] };
	}
}

function probe(options: IDataObject = {}): TriggerHarness {
	return new TriggerHarness({
		nodeType: new PublicApiProbeTrigger(),
		type: 'test.publicApiProbeTrigger',
		parameters: { options } as INodeParameters,
		credentials: collectorCredentials(collector()),
		webhookId: 'probe-webhook-id',
	});
}

const attempts = (path: string) =>
	collector().requests.filter((request) => request.api === 'publicApi' && request.path === path)
		.length;

const unavailable = (path: string, times: number) =>
	collector().injectFault({ api: 'publicApi', path, times, respond: { status: 503, body: {} } });

describe('activation hooks (HookContext)', () => {
	test('create, checkExists and delete reach the Public API with the token; ids live in static data', async () => {
		const trigger = probe();
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);
		expect(trigger.staticData).toEqual({ workspaceId: 'ws_local_collector' });
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(await trigger.hook('delete')).toBe(true);
		expect(trigger.staticData).toEqual({});
		const [request] = collector().requests;
		expect(request.headers.authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
		expect(request.headers.accept).toBe('application/vnd.segment.v1+json');
	});

	test("the trigger's own Max Retries applies: 0 fails at the first 503, 2 gets through two", async () => {
		unavailable('/', 1);
		await expect(probe({ maxRetries: 0, retryDelay: 1 }).hook('create')).rejects.toThrow(
			"Segment's Public API failed on its side (503)",
		);
		expect(attempts('/')).toBe(1);
		collector().reset();
		unavailable('/', 2);
		expect(await probe({ maxRetries: 2, retryDelay: 1 }).hook('create')).toBe(true);
		expect(attempts('/')).toBe(3);
	});

	test('the webhook URL is the production one, under the instance base URL', () => {
		expect(probe().webhookUrl()).toBe('http://localhost:5678/webhook/probe-webhook-id/probe');
	});
});

describe('a received request (WebhookContext)', () => {
	test('the webhook reads the Public API and gives the workflow its items', async () => {
		const { result } = await probe().receive({ body: { hello: 'world' } });
		expect(result.workflowData?.[0][0].json.sources).toHaveLength(5);
	});

	test("the trigger's Max Retries applies in the webhook too", async () => {
		unavailable('/sources', 1);
		await expect(probe({ maxRetries: 0, retryDelay: 1 }).receive({ body: {} })).rejects.toThrow(
			"Segment's Public API failed on its side (503)",
		);
		expect(attempts('/sources')).toBe(1);
		collector().reset();
		unavailable('/sources', 1);
		const { result } = await probe({ maxRetries: 1, retryDelay: 1 }).receive({ body: {} });
		expect(result.workflowData?.[0][0].json.sources).toHaveLength(5);
		expect(attempts('/sources')).toBe(2);
	});
});

describe('a dropdown in the editor (LoadOptionsContext)', () => {
	test("the node's current Options apply: Max Retries 0 fails at the first 503", async () => {
		unavailable('/sources', 1);
		await expect(
			runListSearch('searchSources', {
				credentials: collectorCredentials(collector()),
				parameters: { resource: 'source', operation: 'get', options: { maxRetries: 0 } },
			}),
		).rejects.toThrow("Segment's Public API failed on its side (503)");
		expect(attempts('/sources')).toBe(1);
	});

	test('unset, the defaults apply: a 503 is retried', async () => {
		unavailable('/sources', 1);
		const { results } = await runListSearch('searchSources', {
			credentials: collectorCredentials(collector()),
			parameters: { resource: 'source', operation: 'get', options: { retryDelay: 1 } },
		});
		expect(results.length).toBeGreaterThan(0);
		expect(attempts('/sources')).toBe(2);
	});
});
