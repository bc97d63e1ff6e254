import { createHmac } from 'node:crypto';

import { SegmentCollector } from '../../collector';
import { ACTIONS_WEBHOOK } from '../../collector/publicApi/catalog';
import { collectorCredential } from '../../scripts/n8n/examples';
import type { RunningN8n } from '../../scripts/n8n/instance';
import { N8nRestSession } from '../../scripts/n8n/rest';
import { PUBLIC_API_TOKEN } from '../harness/collector';
import { e2eRuntime, OWNER, readTestWorkflow, useN8nInstance, WEBSITE } from './harness';

/**
 * The trigger in a real n8n (`n8n start`, the package installed from its tarball), the loop
 * n8n → Segment → n8n: publishing "Segment Trigger → …" makes the trigger create a Webhooks
 * (Actions) destination and its mapping in the collector's workspace, pointing at n8n's production
 * webhook URL; a second workflow sends tracking calls with the Segment node; the collector
 * delivers them as Segment would (signed, retried: some answers are lost on the way back, so some
 * events arrive twice); the trigger's executions hold exactly the events sent, each once. A forged
 * request gets 401 and starts nothing; unpublishing deletes the destination.
 */

const ORDERS = 20;
const OTHER_EVENTS = 3;
/** Deliveries whose answer is lost, so the collector sends them again (as Segment retries). */
const LOST_ANSWERS = 3;

const triggerWorkflow = readTestWorkflow('segment-trigger-orders.json');
const senderWorkflow = readTestWorkflow('send-orders.json');
const triggerNode = triggerWorkflow.nodes.find(({ name }) => name === 'Segment Trigger')!;

const n8n = useN8nInstance('trigger');
let collector: SegmentCollector;
let running: RunningN8n;
let rest: N8nRestSession;
/** The secret the trigger gave the destination it created. */
let sharedSecret = '';
/** The tag in the names of what the trigger creates. */
const TAGGED = /\[n8n [0-9a-f]{12}\]$/;

beforeAll(async () => {
	collector = await SegmentCollector.start({
		publicApiTokens: [PUBLIC_API_TOKEN],
		delivery: { retryBaseMs: 200, timeoutMs: 5000 },
	});
	await n8n().importCredentials([
		collectorCredential(collector, {
			writeKey: WEBSITE.writeKey,
			publicApiToken: PUBLIC_API_TOKEN,
		}),
	]);
	await n8n().importWorkflow(triggerWorkflow);
	await n8n().importWorkflow(senderWorkflow);
	running = await n8n().start();
	await running.setUpOwner(OWNER);
	rest = await N8nRestSession.signIn(running.url, e2eRuntime(), OWNER);
});

afterAll(async () => {
	await running?.stop();
	await collector?.close();
});

const webhookUrl = () => `${running.url}/webhook/${String(triggerNode.webhookId)}/webhook`;

async function waitFor<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	what: string,
): Promise<T> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline)
			throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Every event the trigger's executions hold, each execution's items in order. */
async function triggeredEvents(): Promise<Array<Record<string, unknown>>> {
	const executions = await rest.executions(triggerWorkflow.id);
	const outputs = await Promise.all(
		executions.map(async ({ id }) => await rest.executionOutputs(id)),
	);
	return outputs.flatMap((output) => output['Segment Trigger'] ?? []);
}

describe(`the Segment Trigger in n8n ${e2eRuntime().version}`, () => {
	test('publishing creates a Webhooks (Actions) destination and mapping that point at n8n', async () => {
		await rest.activateWorkflow(triggerWorkflow.id);
		await rest.activateWorkflow(senderWorkflow.id);
		const state = collector.publicApiState;
		const destination = state.destinations.find(({ name }) => TAGGED.test(name));
		sharedSecret = String(destination?.settings.sharedSecret ?? '');
		expect(sharedSecret).toMatch(/^[0-9a-f]{64}$/);
		expect(destination?.metadata.id).toBe(ACTIONS_WEBHOOK.id);
		expect(destination).toMatchObject({ sourceId: WEBSITE.id, enabled: true });
		expect(state.subscriptions).toEqual([
			expect.objectContaining({
				destinationId: destination!.id,
				enabled: true,
				trigger: '(type = "track" and event = "Order Completed")',
				settings: expect.objectContaining({ url: webhookUrl(), method: 'POST' }),
			}),
		]);
		// n8n keeps the registration in the workflow's static data, which the editor and an export
		// show: the IDs and what the secret is derived from, never the secret.
		const { staticData } = await rest.workflow(triggerWorkflow.id);
		expect(JSON.stringify(staticData)).toContain(destination!.id);
		expect(JSON.stringify(staticData)).not.toContain(sharedSecret);
		// The activation says which kind it created, in n8n's log.
		expect(running.output).toContain(
			`Segment Trigger "Segment Trigger" (workflow ${triggerWorkflow.id}): created a Webhooks (Actions) destination ${destination!.id} with mapping ${state.subscriptions[0].id} on source ${WEBSITE.id}`,
		);
	});

	test('tracking calls sent by the Segment node come back as executions holding each event once', async () => {
		const orders = Array.from({ length: ORDERS }, (_, index) => ({
			event: 'Order Completed',
			userId: `user-${index + 1}`,
			messageId: `e2e-order-${index + 1}`,
			total: (index + 1) * 10,
		}));
		const others = Array.from({ length: OTHER_EVENTS }, (_, index) => ({
			event: 'Cart Viewed',
			userId: `user-${index + 1}`,
			messageId: `e2e-other-${index + 1}`,
			total: 0,
		}));
		collector.injectDeliveryFault({ loseAnswer: true, times: LOST_ANSWERS });
		const sent = await fetch(`${running.url}/webhook/send-orders`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ events: [...orders, ...others] }),
		});
		expect(sent.status).toBe(200);
		expect(collector.received.map(({ messageId }) => messageId).sort()).toEqual(
			[...orders, ...others].map(({ messageId }) => messageId).sort(),
		);

		await collector.deliveriesSettled();
		const deliveries = collector.deliveries;
		const executions = await waitFor(
			async () => await rest.executions(triggerWorkflow.id),
			(list) => list.length >= ORDERS && list.every(({ status }) => status === 'success'),
			`${ORDERS} executions`,
		);
		const events = await triggeredEvents();
		const ids = events.map(({ messageId }) => String(messageId));
		const duplicates = ids.length - new Set(ids).size;
		const report = {
			eventsSent: orders.length + others.length,
			matchingEventsSent: orders.length,
			deliveryAttempts: deliveries.length,
			answersLost: deliveries.filter(({ error }) => error?.includes('lost')).length,
			executions: executions.length,
			eventsReceived: events.length,
			duplicates,
		};
		process.stdout.write(`\n[e2e trigger] ${JSON.stringify(report)}\n`);
		expect(report).toEqual({
			eventsSent: ORDERS + OTHER_EVENTS,
			matchingEventsSent: ORDERS,
			// Segment filters by the mapping's trigger: the other events were never delivered.
			deliveryAttempts: ORDERS + LOST_ANSWERS,
			answersLost: LOST_ANSWERS,
			executions: ORDERS,
			eventsReceived: ORDERS,
			duplicates: 0,
		});
		expect(ids.sort()).toEqual(orders.map(({ messageId }) => messageId).sort());
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'track',
				event: 'Order Completed',
				userId: 'user-7',
				properties: { total: 70 },
			}),
		);
		expect(deliveries.filter(({ outcome }) => outcome === 'delivered')).toHaveLength(ORDERS);
	});

	test('a forged request gets 401 and starts no execution', async () => {
		const before = (await rest.executions(triggerWorkflow.id)).length;
		const forged = {
			type: 'track',
			event: 'Order Completed',
			userId: 'mallory',
			messageId: 'e2e-forged-1',
		};
		const body = JSON.stringify(forged);
		const answers = await Promise.all(
			[
				{} as Record<string, string>,
				{ 'X-Signature': createHmac('sha1', 'a guessed secret').update(body).digest('hex') },
			].map(
				async (headers) =>
					await fetch(webhookUrl(), {
						method: 'POST',
						headers: { 'Content-Type': 'application/json', ...headers },
						body,
					}),
			),
		);
		expect(
			await Promise.all(answers.map(async (answer) => [answer.status, await answer.json()])),
		).toEqual([
			[401, { message: 'The X-Signature header is missing' }],
			[401, { message: 'The X-Signature header does not match the body' }],
		]);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await rest.executions(triggerWorkflow.id)).toHaveLength(before);
		expect((await triggeredEvents()).map(({ userId }) => userId)).not.toContain('mallory');
	});

	test('unpublishing deletes the destination and its mapping', async () => {
		await rest.deactivateWorkflow(triggerWorkflow.id);
		const state = collector.publicApiState;
		expect(state.destinations.filter(({ name }) => TAGGED.test(name))).toEqual([]);
		expect(state.subscriptions).toEqual([]);
		expect(running.output).toMatch(
			/Segment Trigger "Segment Trigger": deleted the Webhooks \(Actions\) destination \w+/,
		);
	});

	test("nothing n8n asked for left 127.0.0.1; the token and the shared secret are not in n8n's log", () => {
		expect(n8n.outbound()).toEqual([]);
		expect(sharedSecret).not.toBe('');
		expect(running.output).not.toContain(PUBLIC_API_TOKEN);
		expect(running.output).not.toContain(sharedSecret);
	});
});
