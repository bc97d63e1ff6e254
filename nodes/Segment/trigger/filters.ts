import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../helpers/nodeError';
import { FqlError, fqlString, parseFql, type FqlFilter } from './fql';

/** The calls Segment sends a webhook: the six tracking calls and a deletion request's notice. */
export const EVENT_TYPES = [
	{ name: 'Alias', value: 'alias', description: 'A user ID linked to a previous ID' },
	{
		name: 'Delete',
		value: 'delete',
		description:
			"Segment's notice that a deletion request removes a user's data (sent by the classic Webhooks destination only)",
	},
	{ name: 'Group', value: 'group', description: 'A user joined a group or account' },
	{ name: 'Identify', value: 'identify', description: 'Who a user is, and their traits' },
	{ name: 'Page', value: 'page', description: 'A website page view' },
	{ name: 'Screen', value: 'screen', description: 'A mobile app screen view' },
	{ name: 'Track', value: 'track', description: 'Something a user did (an event with a name)' },
] as const;

export type EventType = (typeof EVENT_TYPES)[number]['value'];

const TRACKING_TYPES: EventType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias'];

/** Which events start the workflow, as the node's parameters say. */
export type EventFilter =
	{ by: 'events'; types: EventType[]; names: string[] } | { by: 'fql'; fql: FqlFilter };

function textList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
	return list
		.map((entry) => (typeof entry === 'string' ? entry.trim() : String(entry)))
		.filter((entry) => entry !== '');
}

/** Reads and checks the filter parameters; a bad one fails naming the field and the problem. */
export function readEventFilter(this: IHookFunctions | IWebhookFunctions): EventFilter {
	const setup = this.getNodeParameter('setup', 'automatic') as string;
	const filterBy = setup === 'automatic' ? this.getNodeParameter('filterBy', 'events') : 'events';
	if (filterBy === 'fql') {
		const source = String(this.getNodeParameter('fql', '') ?? '').trim();
		try {
			return { by: 'fql', fql: parseFql(source) };
		} catch (error) {
			if (!(error instanceof FqlError)) throw asNodeError(this.getNode(), error);
			throw new NodeOperationError(
				this.getNode(),
				`Field "FQL Expression": ${error.message} (at character ${error.position + 1} of "${source}")`,
				{
					description:
						'Write it in Segment\'s Filter Query Language, e.g. type = "track" and event = "Order Completed"; strings in quotes, fields as dotted paths.',
				},
			);
		}
	}
	const known = EVENT_TYPES.map(({ value }) => value as string);
	const types = textList(this.getNodeParameter('eventTypes', []));
	const unknown = types.find((type) => !known.includes(type));
	if (unknown !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`Field "Event Types": "${unknown}" is not a Segment call type; expected any of ${known.join(', ')}`,
		);
	}
	return {
		by: 'events',
		types: [...new Set(types)] as EventType[],
		names: [...new Set(textList(this.getNodeParameter('eventNames', [])))],
	};
}

/** Whether the filter asks for deletion notices, which only a classic Webhooks destination sends. */
export function wantsDeletions(filter: EventFilter): boolean {
	return filter.by === 'events' && filter.types.includes('delete');
}

/**
 * The FQL trigger of the Actions mapping the node creates, written as Segment's trigger builder
 * writes them (`type = "track" and event = "…"`); empty when only deletion notices are wanted.
 */
export function subscriptionTrigger(filter: EventFilter): string {
	if (filter.by === 'fql') return filter.fql.source;
	const chosen = filter.types.filter((type) => type !== 'delete');
	const types = filter.types.length === 0 ? TRACKING_TYPES : chosen;
	const conditions = types.map((type) => {
		if (type !== 'track' || filter.names.length === 0) return `type = ${fqlString(type)}`;
		const names = filter.names.map((name) => `event = ${fqlString(name)}`).join(' or ');
		return `(type = "track" and ${filter.names.length > 1 ? `(${names})` : names})`;
	});
	return conditions.join(' or ');
}

/** Whether a received event is one the workflow asked for (the node checks every event again). */
export function matchesFilter(filter: EventFilter, event: Record<string, unknown>): boolean {
	if (filter.by === 'fql') return filter.fql.matches(event);
	const type = event.type;
	const types = filter.types.length === 0 ? TRACKING_TYPES : filter.types;
	if (typeof type !== 'string' || !types.includes(type as EventType)) return false;
	if (type === 'track' && filter.names.length > 0) {
		return typeof event.event === 'string' && filter.names.includes(event.event);
	}
	return true;
}
