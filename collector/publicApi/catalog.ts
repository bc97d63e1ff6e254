import { paginate } from './pagination';
import { notFound, SEGMENT, type Route } from './route';
import type { Catalog, PublicApiState } from './state';

/**
 * Segment's catalog (CatalogApi): `GET /catalog/{sources|destinations|warehouses}` (paginated,
 * `pagination` required) and `GET /catalog/<kind>/{metadataId}`, entries shaped as
 * SourceMetadataV1, DestinationMetadataV1 and WarehouseMetadataV1, with the options (settings)
 * each kind takes. Creating a source or destination checks its metadata ID against it.
 */

type Kind = keyof Catalog;

const KINDS: Record<Kind, { listKey: string; entryKey: string; label: string }> = {
	sources: { listKey: 'sourcesCatalog', entryKey: 'sourceMetadata', label: 'Source metadata' },
	destinations: {
		listKey: 'destinationsCatalog',
		entryKey: 'destinationMetadata',
		label: 'Destination metadata',
	},
	warehouses: {
		listKey: 'warehousesCatalog',
		entryKey: 'warehouseMetadata',
		label: 'Warehouse metadata',
	},
};

/** The catalog entry `id` of a kind, if Segment's catalog has it. */
export function findCatalogEntry(
	state: PublicApiState,
	kind: Kind,
	id: string,
): Record<string, unknown> | undefined {
	return state.catalog[kind].find((entry) => entry.id === id);
}

export const CATALOG_ROUTES: Route[] = (Object.keys(KINDS) as Kind[]).flatMap((kind) => {
	const { listKey, entryKey, label } = KINDS[kind];
	return [
		{
			method: 'GET',
			pattern: new RegExp(`^/catalog/${kind}$`),
			handler: ({ state, query }) => {
				const { page, pagination } = paginate(query, state.catalog[kind]);
				return { [listKey]: page, pagination };
			},
		},
		{
			method: 'GET',
			pattern: new RegExp(`^/catalog/${kind}/${SEGMENT}$`),
			handler: ({ state, params }) => {
				const entry = findCatalogEntry(state, kind, params[0]);
				if (!entry) throw notFound(label);
				return { [entryKey]: entry };
			},
		},
	] satisfies Route[];
});

/**
 * The two webhook destinations as Segment's catalog describes them: Webhooks (Actions) (metadata ID
 * and slug from Segment's docs, its one action `send` and the action's fields from
 * segmentio/action-destinations, destinations/webhook/send) and the classic Webhooks destination
 * (`hooks` and `sharedSecret` settings). The action and field IDs are the collector's own. The
 * seed catalog (./state.ts) lists them with the other kinds.
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
