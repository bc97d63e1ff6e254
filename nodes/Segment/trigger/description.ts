import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator, sortedByDisplayName } from '../actions/common.descriptions';
import { retryOptions } from '../transport/retryOptions';
import { EVENT_TYPES } from './filters';

/** The Segment Trigger's parameters. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Setup',
		name: 'setup',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					"On activation, create the webhook destination in Segment (needs the credential's Public API Token); on deactivation, delete it",
			},
			{
				name: 'Manual',
				value: 'manual',
				description:
					"Add the webhook destination in Segment yourself and paste this node's Production URL into it",
			},
		],
		default: 'automatic',
		description: 'Who creates the webhook destination in Segment that sends events to n8n',
	},
	{
		displayName:
			"On activation this node creates a Webhooks (Actions) destination on the source, with a mapping that sends the chosen events here, signed with a random secret; deactivation deletes it. Workspaces without Destination Subscriptions get a classic Webhooks destination instead, which sends every event (this node keeps the chosen ones) and Delete events. n8n's log names the one created.",
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { setup: ['automatic'] } },
	},
	{
		...resourceLocator(
			'source',
			'The Segment source whose events start this workflow: the webhook destination is created on it',
		),
		displayOptions: { show: { setup: ['automatic'] } },
	},
	{
		displayName:
			"In Segment, add a Webhooks (Actions) destination to your source with a mapping whose URL is this node's Production URL (Webhook URLs, above), or a classic Webhooks destination with that URL. Set a Shared Secret in the destination's settings and the same one below.",
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { setup: ['manual'] } },
	},
	{
		displayName: 'Shared Secret',
		name: 'sharedSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"The Shared Secret set in the Segment destination's settings. Requests whose X-Signature does not match it are refused with 401 and start no execution.",
		displayOptions: { show: { setup: ['manual'] } },
	},
	{
		displayName:
			'Without a Shared Secret, anyone who learns this URL can start the workflow with made-up events: set one in Segment and here',
		name: 'noSecretWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { setup: ['manual'], sharedSecret: [''] } },
	},
	{
		displayName: 'Filter By',
		name: 'filterBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Event Types and Names',
				value: 'events',
				description: 'Choose the types of call, and the names of Track events',
			},
			{
				name: 'FQL Expression',
				value: 'fql',
				description:
					'Write the mapping\'s trigger in Segment\'s Filter Query Language, e.g. type = "track" and properties.total > 100',
			},
		],
		default: 'events',
		description: 'How to choose the events that start the workflow',
		displayOptions: { show: { setup: ['automatic'] } },
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: EVENT_TYPES.map(({ name, value, description }) => ({ name, value, description })),
		default: [],
		description:
			'The calls that start the workflow. Leave empty for every tracking call (all but Delete).',
		displayOptions: { hide: { filterBy: ['fql'] } },
	},
	{
		displayName: 'Track Event Names',
		name: 'eventNames',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Event Name' },
		default: [],
		placeholder: 'e.g. Order Completed',
		description:
			"Only Track events with one of these names (the call's event) start the workflow; other call types are not affected. Leave empty for every name. Names are case sensitive, as in Segment.",
		displayOptions: { hide: { filterBy: ['fql'] } },
	},
	{
		displayName: 'FQL Expression',
		name: 'fql',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. type = "track" and event = "Order Completed"',
		description:
			"The mapping's trigger, in Segment's Filter Query Language. The node checks it before creating anything and applies it again to each event it receives.",
		displayOptions: { show: { setup: ['automatic'], filterBy: ['fql'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: 'More settings for this trigger',
		options: sortedByDisplayName([
			{
				displayName: 'Batch Events',
				name: 'batchEvents',
				type: 'boolean',
				default: false,
				description:
					"Whether Segment sends events in batches (one JSON list per request) instead of one request per event. Off by default: Segment's signature of a batch covers only its first event.",
				displayOptions: { show: { '/setup': ['automatic'] } },
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 4000 },
				default: 1000,
				description:
					'The most events Segment puts in one batch (Segment allows up to 4,000); each batch is one execution',
				displayOptions: { show: { '/setup': ['automatic'], batchEvents: [true] } },
			},
			{
				displayName: 'Drop Repeated Events',
				name: 'dropRepeatedEvents',
				type: 'boolean',
				default: true,
				description:
					"Whether to drop an event whose message ID this trigger already received in the last 24 hours (up to the last 10,000 IDs). Segment retries a webhook that failed or timed out, so an event can arrive twice. On unless turned off; remembered in this n8n process's memory.",
			},
			// For the Public API calls of Automatic setup, on activation and deactivation.
			...retryOptions.map((option) => ({
				...option,
				displayOptions: { show: { '/setup': ['automatic'] } },
			})),
		]),
	},
];
