import { createHash } from 'crypto';

import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { asNodeError } from '../helpers/nodeError';
import { asRecord } from '../helpers/values';
import { fetchPublicApiList, fetchPublicApiPage } from '../transport/pagination';
import { apiPath, publicApiRequest } from '../transport/publicApi';

/**
 * What the trigger creates in Segment for Automatic setup, and the Public API calls that create,
 * read and delete it (paths and shapes as `@segment/public-api-sdk-typescript` defines them:
 * DestinationsApi, CatalogApi; subscriptions are alpha only).
 */

export type WebhookKind = 'actions' | 'classic';

/** The two webhook destinations in Segment's catalog, found there by their slugs. */
export const WEBHOOK_DESTINATIONS: Record<WebhookKind, { slug: string; label: string }> = {
	actions: { slug: 'actions-webhook', label: 'Webhooks (Actions)' },
	classic: { slug: 'webhooks', label: 'Webhooks (classic)' },
};

/** The Actions destination's action that sends the event to a URL. */
export const SEND_ACTION_SLUG = 'send';

/** What the trigger created, in the workflow's static data: IDs, never the secret (sharedSecret.ts). */
export interface Registration {
	kind: WebhookKind;
	sourceId: string;
	destinationId: string;
	/** The Actions mapping; the classic destination has none. */
	subscriptionId?: string;
	/** What the shared secret is derived from (with the Public API token), and its check digest. */
	secretNonce: string;
	secretCheck: string;
	webhookUrl: string;
	/** Whether Segment was told to batch: a JSON list is refused otherwise. */
	batching: boolean;
	/** The parameters it was made for: when they change, it is made again. */
	fingerprint: string;
}

const STATIC_KEY = 'segmentRegistration';

type Context = IHookFunctions | IWebhookFunctions;

export function storedRegistration(context: Context): Registration | undefined {
	const stored = asRecord(context.getWorkflowStaticData('node')[STATIC_KEY]);
	if (!stored || typeof stored.destinationId !== 'string') return undefined;
	return stored as unknown as Registration;
}

export function storeRegistration(context: Context, registration: Registration): void {
	context.getWorkflowStaticData('node')[STATIC_KEY] = { ...registration } as unknown as IDataObject;
}

export function clearRegistration(context: Context): void {
	delete context.getWorkflowStaticData('node')[STATIC_KEY];
}

/**
 * The tag in the name of everything the trigger creates for a webhook URL, so what an earlier
 * attempt left behind can be found again. Made from the URL (which holds the node's webhook ID),
 * so the editor's test URL and the production URL never touch each other's destinations.
 */
export function registrationTag(webhookUrl: string): string {
	return `[n8n ${createHash('sha256').update(webhookUrl).digest('hex').slice(0, 12)}]`;
}

export function registrationName(context: Context, webhookUrl: string): string {
	const workflow = context.getWorkflow().name ?? 'workflow';
	return `n8n: ${workflow.slice(0, 80)} ${registrationTag(webhookUrl)}`;
}

/** The status Segment answered with, or undefined when there was no answer. */
export function answeredStatus(error: unknown): number | undefined {
	const status = Number((error as { httpCode?: unknown }).httpCode);
	return Number.isInteger(status) && status > 0 ? status : undefined;
}

/**
 * Whether a failed write may still have been done: no answer (a timeout, a reset) or a server
 * error. The request helper never repeats such a write, so the node looks at what Segment holds.
 */
export function mayHaveHappened(error: unknown): boolean {
	const status = answeredStatus(error);
	return status === undefined || status >= 500;
}

export interface CatalogEntry {
	id: string;
	name: string;
	slug: string;
	actions: IDataObject[];
}

/** A destination's catalog entry, found by its slug (CatalogApi.getDestinationsCatalog, then getDestinationMetadata). */
export async function findCatalogEntry(
	this: IHookFunctions,
	slug: string,
): Promise<CatalogEntry | undefined> {
	let cursor: string | undefined;
	const seen = new Set<string>();
	do {
		const page = await fetchPublicApiPage.call(
			this,
			{ path: '/catalog/destinations', listKey: 'destinationsCatalog', version: 'v1' },
			200,
			cursor,
		);
		const entry = page.items.find((candidate) => candidate.slug === slug);
		if (entry && typeof entry.id === 'string') {
			const body = await publicApiRequest.call(this, {
				method: 'GET',
				path: apiPath('/catalog/destinations/{destinationMetadataId}', {
					destinationMetadataId: entry.id,
				}),
				version: 'v1',
			});
			const metadata = asRecord(asRecord(body.data)?.destinationMetadata) ?? entry;
			return {
				id: String(metadata.id ?? entry.id),
				name: String(metadata.name ?? slug),
				slug,
				actions: Array.isArray(metadata.actions) ? (metadata.actions as IDataObject[]) : [],
			};
		}
		cursor = page.next !== undefined && !seen.has(page.next) ? page.next : undefined;
		if (cursor !== undefined) seen.add(cursor);
	} while (cursor !== undefined);
	return undefined;
}

function isNotFound(error: unknown): boolean {
	return answeredStatus(error) === 404;
}

export async function createDestination(
	this: IHookFunctions,
	input: IDataObject,
): Promise<IDataObject> {
	const body = await publicApiRequest.call(this, {
		method: 'POST',
		path: '/destinations',
		version: 'v1',
		body: input,
	});
	return asRecord(asRecord(body.data)?.destination) ?? {};
}

/** The destination, or undefined when Segment has none with this ID. */
export async function getDestination(
	this: IHookFunctions,
	destinationId: string,
): Promise<IDataObject | undefined> {
	try {
		const body = await publicApiRequest.call(this, {
			method: 'GET',
			path: apiPath('/destinations/{destinationId}', { destinationId }),
			version: 'v1',
		});
		return asRecord(asRecord(body.data)?.destination);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError(this.getNode(), error);
	}
}

/**
 * Deletes a destination (its mappings go with it); one already gone counts as deleted. After an
 * ambiguous failure it asks Segment whether the destination is still there.
 */
export async function deleteDestination(
	this: IHookFunctions,
	destinationId: string,
): Promise<void> {
	try {
		await publicApiRequest.call(this, {
			method: 'DELETE',
			path: apiPath('/destinations/{destinationId}', { destinationId }),
			version: 'v1',
		});
	} catch (error) {
		if (isNotFound(error)) return;
		if (mayHaveHappened(error) && (await getDestination.call(this, destinationId)) === undefined) {
			return;
		}
		throw asNodeError(this.getNode(), error);
	}
}

/** The destinations whose name carries the tag of this webhook URL, in the whole workspace. */
export async function taggedDestinations(
	this: IHookFunctions,
	webhookUrl: string,
): Promise<IDataObject[]> {
	const tag = registrationTag(webhookUrl);
	const { items } = await fetchPublicApiList.call(this, {
		path: '/destinations',
		listKey: 'destinations',
		version: 'v1',
	});
	return items.filter((destination) => String(destination.name ?? '').endsWith(tag));
}

export async function createSubscription(
	this: IHookFunctions,
	destinationId: string,
	input: IDataObject,
): Promise<IDataObject> {
	const body = await publicApiRequest.call(this, {
		method: 'POST',
		path: apiPath('/destinations/{destinationId}/subscriptions', { destinationId }),
		version: 'alpha',
		body: input,
	});
	return asRecord(asRecord(body.data)?.destinationSubscription) ?? {};
}

/** The mapping, or undefined when Segment has none with this ID on the destination. */
export async function getSubscription(
	this: IHookFunctions,
	destinationId: string,
	id: string,
): Promise<IDataObject | undefined> {
	try {
		const body = await publicApiRequest.call(this, {
			method: 'GET',
			path: apiPath('/destinations/{destinationId}/subscriptions/{id}', { destinationId, id }),
			version: 'alpha',
		});
		return asRecord(asRecord(body.data)?.subscription);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError(this.getNode(), error);
	}
}

export async function listSubscriptions(
	this: IHookFunctions,
	destinationId: string,
): Promise<IDataObject[]> {
	const { items } = await fetchPublicApiList.call(this, {
		path: apiPath('/destinations/{destinationId}/subscriptions', { destinationId }),
		listKey: 'subscriptions',
		version: 'alpha',
	});
	return items;
}

/** Deletes a mapping; one already gone counts as deleted. */
export async function deleteSubscription(
	this: IHookFunctions,
	destinationId: string,
	id: string,
): Promise<void> {
	try {
		await publicApiRequest.call(this, {
			method: 'DELETE',
			path: apiPath('/destinations/{destinationId}/subscriptions/{id}', { destinationId, id }),
			version: 'alpha',
		});
	} catch (error) {
		if (isNotFound(error)) return;
		throw asNodeError(this.getNode(), error);
	}
}
