import { randomBytes } from 'node:crypto';

import { FqlError, parseFql } from '../../nodes/Segment/trigger/fql';
import { isActionsDestination } from './destinations';
import { paginate } from './pagination';
import { ApiError, invalid, jsonBody, notFound, SEGMENT, type Route } from './route';
import type { Destination, DestinationSubscription, PublicApiState } from './state';

/**
 * An Actions destination's mappings (DestinationsApi, alpha only): create, list, get and remove
 * under `/destinations/{destinationId}/subscriptions`, with CreateDestinationSubscriptionAlphaInput.
 * Segment serves them only to workspaces with the Destination Subscriptions feature; with
 * `features.destinationSubscriptions` off the collector refuses them (403, its own wording).
 * The trigger is parsed as FQL, the `send` action's settings are checked as its fields describe.
 */

const ID_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789';

function subscriptionId(): string {
	return [...randomBytes(22)].map((byte) => ID_CHARS[byte % ID_CHARS.length]).join('');
}

function requireFeature(state: PublicApiState): void {
	if (!state.features.destinationSubscriptions) {
		throw new ApiError(
			403,
			'forbidden',
			'This workspace does not have the Destination Subscriptions feature enabled. Please reach out to your customer success manager.',
		);
	}
}

function findDestination(state: PublicApiState, id: string): Destination {
	const destination = state.destinations.find((candidate) => candidate.id === id);
	if (!destination) throw notFound('Destination');
	return destination;
}

function findSubscription(
	state: PublicApiState,
	destination: Destination,
	id: string,
): DestinationSubscription {
	const subscription = state.subscriptions.find(
		(candidate) => candidate.destinationId === destination.id && candidate.id === id,
	);
	if (!subscription) throw notFound('Subscription');
	return subscription;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `send` action's fields (url, method, batching, headers, data), as its definition types them. */
function checkSendSettings(settings: Record<string, unknown>): void {
	let url: URL | undefined;
	try {
		url = typeof settings.url === 'string' ? new URL(settings.url) : undefined;
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol)) {
		throw invalid('settings.url must be an http(s) URL', 'settings.url');
	}
	if (
		settings.method !== undefined &&
		!['POST', 'PUT', 'PATCH'].includes(String(settings.method))
	) {
		throw invalid('settings.method must be POST, PUT or PATCH', 'settings.method');
	}
	if (settings.enable_batching !== undefined && typeof settings.enable_batching !== 'boolean') {
		throw invalid('settings.enable_batching must be true or false', 'settings.enable_batching');
	}
	const size = settings.batch_size;
	if (
		size !== undefined &&
		(!Number.isInteger(size) || (size as number) < 1 || (size as number) > 4000)
	) {
		throw invalid(
			'settings.batch_size must be a whole number from 1 to 4000',
			'settings.batch_size',
		);
	}
	for (const key of ['headers', 'data']) {
		if (settings[key] !== undefined && !isRecord(settings[key])) {
			throw invalid(`settings.${key} must be an object`, `settings.${key}`);
		}
	}
}

export const SUBSCRIPTION_ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: new RegExp(`^/destinations/${SEGMENT}/subscriptions$`),
		handler: ({ state, params, body }) => {
			requireFeature(state);
			const destination = findDestination(state, params[0]);
			if (!isActionsDestination(destination)) {
				throw invalid(
					'The destination is not an Actions destination: it has no actions to subscribe to',
					'destinationId',
				);
			}
			const input = jsonBody(body);
			if (typeof input.name !== 'string' || input.name.trim() === '') {
				throw invalid('name is required', 'name');
			}
			if (typeof input.enabled !== 'boolean')
				throw invalid('enabled must be true or false', 'enabled');
			if (typeof input.trigger !== 'string') throw invalid('trigger is required', 'trigger');
			try {
				parseFql(input.trigger);
			} catch (error) {
				if (!(error instanceof FqlError)) throw error;
				throw invalid(`trigger is not valid FQL: ${error.message}`, 'trigger');
			}
			const actions = destination.metadata.actions as Array<Record<string, unknown>>;
			const action = actions.find((candidate) => candidate.id === input.actionId);
			if (!action) throw invalid('actionId is not an action of this destination', 'actionId');
			const settings = input.settings ?? {};
			if (!isRecord(settings)) throw invalid('settings must be an object', 'settings');
			if (action.slug === 'send') checkSendSettings(settings);
			const subscription: DestinationSubscription = {
				id: subscriptionId(),
				name: input.name,
				actionId: String(action.id),
				actionSlug: String(action.slug),
				destinationId: destination.id,
				enabled: input.enabled,
				settings,
				trigger: input.trigger,
			};
			state.subscriptions.push(subscription);
			return { destinationSubscription: subscription };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destinations/${SEGMENT}/subscriptions$`),
		handler: ({ state, params, query }) => {
			requireFeature(state);
			const destination = findDestination(state, params[0]);
			const list = state.subscriptions.filter(
				(subscription) => subscription.destinationId === destination.id,
			);
			const { page, pagination } = paginate(query, list);
			return { subscriptions: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destinations/${SEGMENT}/subscriptions/${SEGMENT}$`),
		handler: ({ state, params }) => {
			requireFeature(state);
			const destination = findDestination(state, params[0]);
			return { subscription: findSubscription(state, destination, params[1]) };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/destinations/${SEGMENT}/subscriptions/${SEGMENT}$`),
		handler: ({ state, params }) => {
			requireFeature(state);
			const destination = findDestination(state, params[0]);
			const subscription = findSubscription(state, destination, params[1]);
			state.subscriptions = state.subscriptions.filter((other) => other !== subscription);
			return { status: 'SUCCESS' };
		},
	},
];
