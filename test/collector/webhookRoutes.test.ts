import { CatalogApi, DestinationsApi, type HttpError } from '@segment/public-api-sdk-typescript';

import { ACTIONS_WEBHOOK, CLASSIC_WEBHOOKS, SEND_ACTION } from '../../collector/publicApi/catalog';
import { PUBLIC_API_TOKEN, useCollector } from '../harness/collector';

/**
 * The collector's catalog, destination writes and Actions mappings, driven by Segment's official
 * client (@segment/public-api-sdk-typescript, generated from the Public API definition): its
 * requests are accepted and its models read the answers, so what the trigger (and the admin
 * operations) get has the shape Segment defines.
 */
const collector = useCollector();
const WEBSITE = 'qQEHquLrjRDN9j1ByrChyn';

function sdk<T extends { accessToken: string | (() => string) }>(
	Api: new (basePath: string) => T,
): T {
	const api = new Api(collector().publicApiBaseUrl);
	api.accessToken = PUBLIC_API_TOKEN;
	return api;
}

/** The `data` of an answer (the SDK's models make it optional). */
function data<T>(body: { data?: T }): T {
	if (body.data === undefined) throw new Error(`No data in ${JSON.stringify(body)}`);
	return body.data;
}

async function failure(promise: Promise<unknown>): Promise<{ status?: number; body: unknown }> {
	try {
		await promise;
	} catch (error) {
		// The SDK's HttpError, told by its name: `instanceof HttpError` is false for it under jest here.
		if ((error as Error).name !== 'HttpError') throw error;
		const { statusCode, body } = error as HttpError;
		return { status: statusCode, body };
	}
	throw new Error('the call succeeded');
}

test('the catalog lists the webhook destinations, with the Actions one and its Send action', async () => {
	const catalog = sdk(CatalogApi);
	const { body } = await catalog.getDestinationsCatalog({ count: 200 });
	expect(data(body).destinationsCatalog.map(({ slug }) => slug)).toEqual(
		expect.arrayContaining(['actions-webhook', 'webhooks']),
	);
	const { body: entry } = await catalog.getDestinationMetadata(ACTIONS_WEBHOOK.id as string);
	expect(data(entry).destinationMetadata).toMatchObject({
		id: '614a3c7d791c91c41bae7599',
		slug: 'actions-webhook',
		actions: [expect.objectContaining({ id: SEND_ACTION.id, slug: 'send' })],
	});
	expect(data(entry).destinationMetadata.actions[0].fields.map(({ fieldKey }) => fieldKey)).toEqual(
		['url', 'method', 'batch_size', 'headers', 'data', 'enable_batching'],
	);
	expect(await failure(catalog.getDestinationMetadata('nope'))).toMatchObject({ status: 404 });
});

test('create, get and delete a destination; create, list, get and remove its mapping', async () => {
	const destinations = sdk(DestinationsApi);
	const { body: created } = await destinations.createDestination({
		sourceId: WEBSITE,
		metadataId: ACTIONS_WEBHOOK.id as string,
		name: 'To my endpoint',
		enabled: true,
		settings: { sharedSecret: 'whsec_dummy_sdk' },
	});
	const { destination } = data(created);
	expect(destination).toMatchObject({ name: 'To my endpoint', enabled: true, sourceId: WEBSITE });
	expect(destination.id).toMatch(/^[0-9a-f]{24}$/);
	const { body: read } = await destinations.getDestination(destination.id);
	expect(data(read).destination.metadata.slug).toBe('actions-webhook');

	const input = {
		name: 'Orders',
		actionId: SEND_ACTION.id,
		trigger: 'type = "track" and event = "Order Completed"',
		enabled: true,
		settings: { url: 'https://example.com/hook', method: 'POST', data: { '@path': '$.' } },
	};
	const { body: mapping } = await destinations.createDestinationSubscription(destination.id, input);
	const subscription = data(mapping).destinationSubscription;
	expect(subscription).toMatchObject({
		...input,
		actionSlug: 'send',
		destinationId: destination.id,
	});
	const { body: list } = await destinations.listSubscriptionsFromDestination(destination.id, {
		count: 10,
	});
	expect(data(list).subscriptions.map(({ id }) => id)).toEqual([subscription.id]);
	const { body: one } = await destinations.getSubscriptionFromDestination(
		destination.id,
		subscription.id,
	);
	expect(data(one).subscription.trigger).toBe(input.trigger);
	const { body: removed } = await destinations.removeSubscriptionFromDestination(
		destination.id,
		subscription.id,
	);
	expect(data(removed).status).toBe('SUCCESS');
	expect(
		await failure(destinations.getSubscriptionFromDestination(destination.id, subscription.id)),
	).toMatchObject({ status: 404 });

	const { body: deleted } = await destinations.deleteDestination(destination.id);
	expect(data(deleted).status).toBe('SUCCESS');
	expect(await failure(destinations.getDestination(destination.id))).toMatchObject({ status: 404 });
});

test('what Segment refuses is refused with its error envelope', async () => {
	const destinations = sdk(DestinationsApi);
	const classic = (settings: Record<string, unknown>) =>
		destinations.createDestination({
			sourceId: WEBSITE,
			metadataId: CLASSIC_WEBHOOKS.id as string,
			settings,
		});
	expect(await failure(classic({ hooks: [] }))).toEqual({
		status: 422,
		body: {
			errors: [
				{
					type: 'validation',
					message: 'settings.hooks must list 1 to 5 webhooks',
					field: 'settings.hooks',
				},
			],
		},
	});
	expect(
		await failure(
			destinations.createDestination({
				sourceId: 'nope',
				metadataId: CLASSIC_WEBHOOKS.id as string,
				settings: {},
			}),
		),
	).toMatchObject({ status: 404 });
	collector().publicApiState.features.classicWebhooks = false;
	expect(await failure(classic({ hooks: [{ hook: 'https://example.com/hook' }] }))).toMatchObject({
		status: 422,
	});

	const { body } = await destinations.createDestination({
		sourceId: WEBSITE,
		metadataId: ACTIONS_WEBHOOK.id as string,
		settings: {},
	});
	const id = data(body).destination.id;
	const mapping = (
		trigger: string,
		settings: Record<string, unknown> = { url: 'https://example.com/hook' },
	) =>
		destinations.createDestinationSubscription(id, {
			name: 'm',
			actionId: SEND_ACTION.id,
			trigger,
			enabled: true,
			settings,
		});
	expect(await failure(mapping('type = '))).toMatchObject({
		status: 422,
		body: { errors: [expect.objectContaining({ field: 'trigger' })] },
	});
	expect(await failure(mapping('type = "track"', { url: 'not a url' }))).toMatchObject({
		status: 422,
	});
	collector().publicApiState.features.destinationSubscriptions = false;
	expect(await failure(mapping('type = "track"'))).toMatchObject({
		status: 403,
		body: { errors: [expect.objectContaining({ type: 'forbidden' })] },
	});
	expect(
		await failure(destinations.listSubscriptionsFromDestination(id, { count: 10 })),
	).toMatchObject({
		status: 403,
	});
});
