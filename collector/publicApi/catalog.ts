import { paginate } from './pagination';
import { notFound, SEGMENT, type Route } from './route';
import type { PublicApiState } from './state';

/**
 * The collector's destination catalog (CatalogApi: `GET /catalog/destinations`,
 * `GET /catalog/destinations/{destinationMetadataId}`), entries shaped as DestinationMetadataV1.
 * The two webhook destinations are described as Segment's catalog has them: Webhooks (Actions)
 * (metadata ID and slug from Segment's docs, its one action `send` and the action's fields from
 * segmentio/action-destinations, destinations/webhook/send) and the classic Webhooks destination
 * (`hooks` and `sharedSecret` settings). The action and field IDs are the collector's own.
 */

type Json = Record<string, unknown>;

const logos = (slug: string): Json => ({
	default: `https://cdn.example.test/logos/${slug}.svg`,
	mark: null,
	alt: null,
});

function field(
	sortOrder: number,
	fieldKey: string,
	label: string,
	type: string,
	description: string,
	extra: Json = {},
): Json {
	return {
		id: `fld${fieldKey.replace(/_/g, '')}${sortOrder}`,
		sortOrder,
		fieldKey,
		label,
		type,
		description,
		required: false,
		multiple: false,
		dynamic: false,
		allowNull: false,
		...extra,
	};
}

/** The Webhooks (Actions) destination's `send` action (DestinationMetadataActionV1). */
export const SEND_ACTION = {
	id: 'sndWbhkAct9Xq2LmT4vR7pZ1',
	slug: 'send',
	name: 'Send',
	description: 'Send an HTTP request.',
	platform: 'CLOUD',
	hidden: false,
	defaultTrigger: null,
	fields: [
		field(0, 'url', 'URL', 'STRING', 'URL to deliver data to.', { required: true }),
		field(1, 'method', 'Method', 'STRING', 'HTTP method to use.', {
			required: true,
			defaultValue: 'POST',
			choices: [
				{ label: 'POST', value: 'POST' },
				{ label: 'PUT', value: 'PUT' },
				{ label: 'PATCH', value: 'PATCH' },
			],
		}),
		field(
			2,
			'batch_size',
			'Batch Size',
			'NUMBER',
			'Maximum number of events to include in each batch.',
			{
				defaultValue: 1000,
			},
		),
		field(3, 'headers', 'Headers', 'OBJECT', 'HTTP headers to send with each request.'),
		field(4, 'data', 'Data', 'OBJECT', 'Payload to deliver to webhook URL (JSON-encoded).', {
			defaultValue: { '@path': '$.' },
		}),
		field(5, 'enable_batching', 'Enable Batching', 'BOOLEAN', 'Send events in batches.', {
			defaultValue: false,
		}),
	],
};

function metadata(entry: {
	id: string;
	name: string;
	slug: string;
	description: string;
	options: Json[];
	actions?: Json[];
	category: string;
}): Json {
	return {
		id: entry.id,
		name: entry.name,
		slug: entry.slug,
		description: entry.description,
		logos: logos(entry.slug),
		options: entry.options,
		status: 'PUBLIC',
		previousNames: [entry.name],
		categories: [entry.category],
		website: 'https://segment.com',
		components: [],
		supportedFeatures: {},
		supportedMethods: { track: true, identify: true, page: true, group: true, alias: true },
		supportedPlatforms: { browser: true, server: true, mobile: true },
		actions: entry.actions ?? [],
		presets: [],
	};
}

const SHARED_SECRET_OPTION = {
	name: 'sharedSecret',
	type: 'string',
	required: false,
	label: 'Shared Secret',
	description:
		'If set, Segment will sign requests with an HMAC in the "X-Signature" request header.',
};

export const ACTIONS_WEBHOOK = metadata({
	id: '614a3c7d791c91c41bae7599',
	name: 'Webhooks (Actions)',
	slug: 'actions-webhook',
	description: 'Send events to any HTTP endpoint.',
	options: [SHARED_SECRET_OPTION],
	actions: [SEND_ACTION],
	category: 'Raw Data',
});

export const CLASSIC_WEBHOOKS = metadata({
	id: '54521fdc25e721e32a72ef04',
	name: 'Webhooks',
	slug: 'webhooks',
	description: 'Submit real-time user data to your own HTTP endpoints.',
	options: [
		{
			name: 'hooks',
			type: 'array',
			required: true,
			label: 'Webhooks (max 5)',
			description: 'Up to five webhook URLs, each with its headers.',
		},
		SHARED_SECRET_OPTION,
	],
	category: 'Raw Data',
});

/** The catalog: the two webhook destinations, then every other kind the seed workspace uses. */
export function catalogEntries(state: PublicApiState): Json[] {
	const entries = new Map<string, Json>(
		[ACTIONS_WEBHOOK, CLASSIC_WEBHOOKS].map((entry) => [String(entry.id), entry]),
	);
	for (const destination of state.destinations) {
		const id = String(destination.metadata.id ?? '');
		if (id && !entries.has(id)) entries.set(id, destination.metadata);
	}
	return [...entries.values()];
}

export function findCatalogEntry(state: PublicApiState, id: string): Json | undefined {
	return catalogEntries(state).find((entry) => entry.id === id);
}

export const CATALOG_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/catalog\/destinations$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, catalogEntries(state));
			return { destinationsCatalog: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/catalog/destinations/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const entry = findCatalogEntry(state, params[0]);
			if (!entry) throw notFound('Destination metadata');
			return { destinationMetadata: entry };
		},
	},
];
