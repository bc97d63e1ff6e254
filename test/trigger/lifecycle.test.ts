import type { IDataObject } from 'n8n-workflow';

import { ACTIONS_WEBHOOK, CLASSIC_WEBHOOKS, SEND_ACTION } from '../../collector/publicApi/catalog';
import { createPublicApiState } from '../../collector/publicApi';
import type { Destination } from '../../collector/publicApi/state';
import { registrationTag } from '../../nodes/Segment/trigger/registration';
import { collectorCredentials, PUBLIC_API_TOKEN, useCollector } from '../harness/collector';
import { automatic, captureNodeLogs, registeredSecret, segmentTrigger, WEBSITE } from './helpers';

/**
 * Automatic setup through n8n-core's real HookContext against the collector: activation creates a
 * webhook destination in Segment (and its mapping), checkExists asks Segment whether both are
 * still there, deactivation deletes them. Writes are never repeated after an unclear failure: the
 * node looks at what Segment holds instead, and leaves nothing behind.
 */
const collector = useCollector();

const state = () => collector().publicApiState;
const SEEDED = new Set(createPublicApiState().destinations.map(({ id }) => id));
/** The destinations that are not the seed workspace's. */
const created = (): Destination[] => state().destinations.filter(({ id }) => !SEEDED.has(id));
const calls = (method: string, path: string | RegExp) =>
	collector().requests.filter(
		(request) =>
			request.api === 'publicApi' &&
			request.method === method &&
			(typeof path === 'string' ? request.path === path : path.test(request.path)),
	);
const registration = (staticData: IDataObject) =>
	staticData.segmentRegistration as Record<string, unknown> | undefined;
const SECRET = expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string;

describe('Automatic setup', () => {
	test('activation creates a Webhooks (Actions) destination, found in the catalog, with a mapping to the production URL', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: automatic({ eventTypes: ['track', 'identify'], eventNames: ['Order Completed'] }),
		});
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);

		const [destination] = created();
		const stored = registration(trigger.staticData)!;
		expect(created()).toHaveLength(1);
		expect(destination).toMatchObject({
			sourceId: WEBSITE.id,
			enabled: true,
			metadata: { id: ACTIONS_WEBHOOK.id, slug: 'actions-webhook' },
			settings: { sharedSecret: SECRET },
		});
		expect(destination.name).toMatch(/^n8n: trigger test \[n8n [0-9a-f]{12}\]$/);
		// The static data keeps what the secret is derived from, never the secret.
		expect(stored).toEqual(
			expect.objectContaining({
				secretNonce: expect.stringMatching(/^[0-9a-f]{64}$/),
				secretCheck: expect.stringMatching(/^[0-9a-f]{16}$/),
			}),
		);
		for (const secret of [String(destination.settings.sharedSecret), PUBLIC_API_TOKEN])
			expect(JSON.stringify(trigger.staticData)).not.toContain(secret);
		expect(state().subscriptions).toEqual([
			expect.objectContaining({
				destinationId: destination.id,
				actionId: SEND_ACTION.id,
				enabled: true,
				trigger: '(type = "track" and event = "Order Completed") or type = "identify"',
				settings: {
					url: trigger.webhookUrl(),
					method: 'POST',
					data: { '@path': '$.' },
					enable_batching: false,
				},
			}),
		]);
		expect(stored).toMatchObject({
			kind: 'actions',
			sourceId: WEBSITE.id,
			destinationId: destination.id,
			subscriptionId: state().subscriptions[0].id,
			webhookUrl: trigger.webhookUrl(),
			batching: false,
		});
		// Looked up in the catalog, not assumed; the mapping through the alpha API.
		expect(calls('GET', '/catalog/destinations')).toHaveLength(1);
		const [post] = calls('POST', /\/subscriptions$/);
		expect(post.headers.accept).toBe('application/vnd.segment.v1alpha+json');
		expect(JSON.parse(calls('POST', '/destinations')[0].body)).toMatchObject({
			metadataId: ACTIONS_WEBHOOK.id,
		});

		expect(await trigger.hook('checkExists')).toBe(true);
		collector().requests.length = 0;
		expect(await trigger.hook('delete')).toBe(true);
		expect(created()).toEqual([]);
		expect(state().subscriptions).toEqual([]);
		expect(trigger.staticData).toEqual({});
		// The mapping first, then its destination.
		expect(
			collector()
				.requests.filter(({ method }) => method === 'DELETE')
				.map(({ path }) => path),
		).toEqual([
			`/destinations/${destination.id}/subscriptions/${String(stored.subscriptionId)}`,
			`/destinations/${destination.id}`,
		]);
	});

	test('Batch Events: the mapping batches, with the chosen size', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: automatic({ options: { batchEvents: true, batchSize: 50, retryDelay: 1 } }),
		});
		await trigger.hook('create');
		expect(state().subscriptions[0].settings).toMatchObject({
			enable_batching: true,
			batch_size: 50,
		});
		expect(registration(trigger.staticData)?.batching).toBe(true);
	});

	test("FQL: the expression is the mapping's trigger; a bad one fails before anything is sent", async () => {
		const fql = 'type = "track" and properties.total > 100';
		const trigger = segmentTrigger(collector(), {
			parameters: automatic({ filterBy: 'fql', fql }),
		});
		await trigger.hook('create');
		expect(state().subscriptions[0].trigger).toBe(fql);

		collector().reset();
		const bad = segmentTrigger(collector(), {
			parameters: automatic({ filterBy: 'fql', fql: 'type = "track" and (event = "A"' }),
		});
		await expect(bad.hook('create')).rejects.toThrow(
			'Field "FQL Expression": expected ")", found the end of the expression (at character 32 of',
		);
		expect(collector().requests).toEqual([]);
	});

	test('Delete events: a classic Webhooks destination, the only one that sends deletion notices', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: automatic({ eventTypes: ['delete', 'identify'] }),
		});
		await trigger.hook('create');
		expect(created()).toEqual([
			expect.objectContaining({
				metadata: expect.objectContaining({ id: CLASSIC_WEBHOOKS.id }),
				settings: {
					hooks: [{ hook: trigger.webhookUrl(), headers: [] }],
					sharedSecret: SECRET,
				},
			}),
		]);
		expect(state().subscriptions).toEqual([]);
		expect(calls('POST', /\/subscriptions$/)).toEqual([]);
		expect(await trigger.hook('checkExists')).toBe(true);
	});

	test('checkExists is false when Segment lost the mapping or the destination, or the parameters changed; create replaces what was there', async () => {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		await trigger.hook('create');
		const first = registration(trigger.staticData)!;

		state().subscriptions = [];
		expect(await trigger.hook('checkExists')).toBe(false);
		await trigger.hook('create');
		expect(created()).toHaveLength(1);
		expect(created()[0].id).not.toBe(first.destinationId);

		// Deleted in Segment's app: its mapping goes with it.
		const { destinationId } = registration(trigger.staticData)!;
		state().destinations = state().destinations.filter(({ id }) => id !== destinationId);
		state().subscriptions = state().subscriptions.filter(
			(sub) => sub.destinationId !== destinationId,
		);
		expect(await trigger.hook('checkExists')).toBe(false);
		await trigger.hook('create');
		expect(created()).toHaveLength(1);

		trigger.node.parameters = automatic({ eventTypes: ['page'] });
		expect(await trigger.hook('checkExists')).toBe(false);
		await trigger.hook('create');
		expect(created()).toHaveLength(1);
		expect(state().subscriptions.map(({ trigger: fql }) => fql)).toEqual(['type = "page"']);
	});

	test('checkExists keeps the registration when Segment cannot be asked, and says so in the log', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: automatic({ options: { maxRetries: 0 } }),
		});
		await trigger.hook('create');
		const logs = captureNodeLogs();
		try {
			collector().injectFault({
				api: 'publicApi',
				path: /^\/destinations\//,
				respond: { status: 503, body: {} },
			});
			expect(await trigger.hook('checkExists')).toBe(true);
		} finally {
			logs.restore();
		}
		expect(logs.lines).toEqual([
			expect.stringMatching(
				/^warn Segment Trigger: could not check the webhook destination \w+ in Segment \(503: Segment's Public API failed on its side \(503\)/,
			),
		]);
	});
});

describe('fallbacks', () => {
	test('a workspace without Destination Subscriptions gets a classic Webhooks destination; the Actions one is deleted again', async () => {
		state().features.destinationSubscriptions = false;
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		const logs = captureNodeLogs();
		try {
			await trigger.hook('create');
		} finally {
			logs.restore();
		}
		expect(created()).toEqual([
			expect.objectContaining({
				metadata: expect.objectContaining({ slug: 'webhooks' }),
				settings: {
					hooks: [{ hook: trigger.webhookUrl(), headers: [] }],
					sharedSecret: SECRET,
				},
			}),
		]);
		expect(calls('POST', '/destinations')).toHaveLength(2);
		expect(calls('DELETE', /^\/destinations\/\w+$/)).toHaveLength(1);
		expect(registration(trigger.staticData)).toMatchObject({ kind: 'classic', batching: false });
		expect(logs.lines.find((line) => line.startsWith('info'))).toMatch(
			/created a Webhooks \(classic\) destination \w+ on source qQEHquLrjRDN9j1ByrChyn \(Segment refused the mapping \(Destination Subscriptions, an alpha Public API some workspaces lack; 403: /,
		);
		expect(await trigger.hook('checkExists')).toBe(true);
		await trigger.hook('delete');
		expect(created()).toEqual([]);
	});

	test('a 404 for the mapping falls back too (403, 404 and 422 count as refused), and the log says why', async () => {
		collector().injectFault({
			api: 'publicApi',
			path: /\/subscriptions$/,
			respond: {
				status: 404,
				body: { errors: [{ type: 'not-found', message: 'Resource not found' }] },
			},
		});
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		const logs = captureNodeLogs();
		try {
			await trigger.hook('create');
		} finally {
			logs.restore();
		}
		expect(registration(trigger.staticData)?.kind).toBe('classic');
		expect(logs.lines.find((line) => line.startsWith('info'))).toContain(
			'or its mapping was not found, or the workspace lacks the Destination Subscriptions feature (404)',
		);
	});

	test('when the classic destination is refused too, activation fails explaining Manual setup, and nothing is left', async () => {
		state().features.destinationSubscriptions = false;
		state().features.classicWebhooks = false;
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		const failure = trigger.hook('create');
		await expect(failure).rejects.toThrow(
			/^Segment Trigger could not create a webhook destination on source "qQEHquLrjRDN9j1ByrChyn": Segment refused the mapping \(Destination Subscriptions, an alpha Public API some workspaces lack; 403: .*\); then Segment refused the Webhooks \(classic\) destination \(422: Segment refused the input \(422\): The Webhooks destination is in maintenance mode/,
		);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining(
				"Use Setup: Manual instead. In Segment, add a Webhooks (Actions) destination to the source with a mapping that sends to this node's Production URL",
			),
		});
		expect(created()).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});

	test('a token that may only read fails with the permission error, and nothing is created', async () => {
		state().readOnlyTokens.add(PUBLIC_API_TOKEN);
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		await expect(trigger.hook('create')).rejects.toThrow(
			'The Public API Token lacks permission for this operation (403)',
		);
		expect(created()).toEqual([]);
	});
});

describe('unclear failures: writes are never repeated, and nothing is left behind', () => {
	test('creating the destination got no answer, but Segment made it: the node finds it and goes on', async () => {
		// The first request to /destinations is the look for leftovers; the second is the create.
		collector().injectFault({
			api: 'publicApi',
			path: '/destinations',
			skip: 1,
			destroyAfterHandling: true,
		});
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		const logs = captureNodeLogs();
		try {
			await trigger.hook('create');
		} finally {
			logs.restore();
		}
		expect(calls('POST', '/destinations')).toHaveLength(1);
		expect(created()).toHaveLength(1);
		expect(registration(trigger.staticData)?.destinationId).toBe(created()[0].id);
		expect(state().subscriptions.map(({ destinationId }) => destinationId)).toEqual([
			created()[0].id,
		]);
		expect(logs.lines).toContainEqual(
			expect.stringMatching(
				/^warn Segment Trigger: creating the Webhooks \(Actions\) destination got no clear answer/,
			),
		);
	});

	test('creating the destination got no answer and Segment has none: the error says nothing was left behind', async () => {
		collector().injectFault({ api: 'publicApi', path: '/destinations', skip: 1, destroy: true });
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		const failure = trigger.hook('create');
		await expect(failure).rejects.toThrow('Could not reach the Segment Public API');
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining(
				'Segment has no Webhooks (Actions) destination from this attempt (checked), so nothing was left behind.',
			),
		});
		expect(calls('POST', '/destinations')).toHaveLength(1);
		expect(created()).toEqual([]);
	});

	test("the mapping's creation fails with 503: not repeated, the destination is deleted again", async () => {
		collector().injectFault({
			api: 'publicApi',
			path: /\/subscriptions$/,
			respond: { status: 503, body: {} },
		});
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		await expect(trigger.hook('create')).rejects.toThrow(
			"Segment's Public API failed on its side (503)",
		);
		expect(calls('POST', /\/subscriptions$/)).toHaveLength(1);
		expect(created()).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});

	test('what an earlier activation left behind, found by its tag, is deleted before creating', async () => {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		const leftover: Destination = {
			id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
			name: `n8n: an earlier attempt ${registrationTag(trigger.webhookUrl()!)}`,
			enabled: true,
			metadata: ACTIONS_WEBHOOK,
			sourceId: WEBSITE.id,
			settings: {},
		};
		state().destinations.push(leftover);
		await trigger.hook('create');
		expect(created().map(({ id }) => id)).not.toContain(leftover.id);
		expect(created()).toHaveLength(1);
		expect(calls('DELETE', `/destinations/${leftover.id}`)).toHaveLength(1);
	});

	test('deleting got no answer: the node asks Segment, and the destination is gone', async () => {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		await trigger.hook('create');
		const { destinationId } = registration(trigger.staticData)!;
		collector().injectFault({
			api: 'publicApi',
			path: `/destinations/${String(destinationId)}`,
			destroyAfterHandling: true,
		});
		expect(await trigger.hook('delete')).toBe(true);
		expect(calls('DELETE', `/destinations/${String(destinationId)}`)).toHaveLength(1);
		expect(created()).toEqual([]);
	});
});

describe('Manual setup', () => {
	test('nothing to create or delete: no Public API call on activation or deactivation', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: { setup: 'manual', sharedSecret: 'whsec_dummy_manual' },
			credentials: {},
		});
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(await trigger.hook('create')).toBe(true);
		expect(await trigger.hook('delete')).toBe(true);
		expect(collector().requests).toEqual([]);
	});

	test('switched from Automatic while its destination is still in Segment: nothing is touched, the log names it', async () => {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		await trigger.hook('create');
		const { destinationId } = registration(trigger.staticData)!;
		trigger.node.parameters = { setup: 'manual', sharedSecret: 'whsec_dummy_manual' };
		collector().requests.length = 0;
		const logs = captureNodeLogs();
		try {
			expect(await trigger.hook('checkExists')).toBe(true);
		} finally {
			logs.restore();
		}
		expect(collector().requests).toEqual([]);
		expect(logs.lines).toEqual([
			`warn Segment Trigger "Trigger": the Webhooks (Actions) destination ${String(destinationId)} that Automatic setup created is still in Segment; switch back to Automatic setup and deactivate the workflow, or delete it in Segment`,
		]);
	});
});

describe('errors before anything is sent', () => {
	test('no Public API Token: fails naming it', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: automatic(),
			credentials: collectorCredentials(collector(), { publicApiToken: '' }),
		});
		await expect(trigger.hook('create')).rejects.toThrow(
			'The Segment credential has no Public API Token, which workspace (admin) operations need',
		);
		expect(collector().requests).toEqual([]);
	});

	test('no source chosen: fails naming the field', async () => {
		const trigger = segmentTrigger(collector(), {
			parameters: automatic({ source: { __rl: true, mode: 'list', value: '' } }),
		});
		await expect(trigger.hook('create')).rejects.toThrow(
			'Field "Source": choose the source whose events start the workflow, or enter its ID',
		);
		expect(collector().requests).toEqual([]);
	});

	test.each([
		'http://localhost:5678',
		'http://10.0.0.7:5678',
		'http://192.168.1.20',
		'http://172.20.0.3:5678',
		'http://100.72.1.1',
		'http://n8n.internal',
		'http://[::1]:5678',
	])(
		"Segment's own hosts and a webhook URL inside the network (%s): fails saying Segment cannot reach it",
		async (instanceBaseUrl) => {
			// Checked before anything is sent: no request reaches Segment's real hosts.
			const trigger = segmentTrigger(collector(), {
				parameters: automatic(),
				credentials: { publicApiToken: PUBLIC_API_TOKEN, region: 'us' },
				instanceBaseUrl,
			});
			const failure = trigger.hook('create');
			await expect(failure).rejects.toThrow(
				`Segment cannot reach this n8n: its webhook URL is ${trigger.webhookUrl()}, an address inside your network`,
			);
			await expect(failure).rejects.toMatchObject({
				description: expect.stringContaining("Set n8n's WEBHOOK_URL environment variable"),
			});
		},
	);
});

test('the shared secret and the token never appear in a log line or an error', async () => {
	const logs = captureNodeLogs();
	const messages: string[] = [];
	let secret = '';
	try {
		const trigger = segmentTrigger(collector(), { parameters: automatic() });
		collector().injectFault({
			api: 'publicApi',
			path: '/destinations',
			skip: 1,
			destroyAfterHandling: true,
		});
		await trigger.hook('create');
		secret = registeredSecret(collector(), trigger);
		collector().injectFault({
			api: 'publicApi',
			path: /^\/destinations\//,
			respond: { status: 503, body: { echo: PUBLIC_API_TOKEN } },
		});
		await trigger.hook('checkExists');
		state().features.destinationSubscriptions = false;
		state().features.classicWebhooks = false;
		trigger.node.parameters = automatic({ eventTypes: ['page'] });
		await trigger
			.hook('create')
			.catch((error: Error & { description?: string }) =>
				messages.push(error.message, error.description ?? ''),
			);
		await trigger.hook('delete');
	} finally {
		logs.restore();
	}
	expect(secret).toMatch(/^[0-9a-f]{64}$/);
	expect(messages.join('')).not.toBe('');
	for (const text of [...logs.lines, ...messages]) {
		expect(text).not.toContain(secret);
		expect(text).not.toContain(PUBLIC_API_TOKEN);
	}
});
