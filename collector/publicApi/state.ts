/**
 * The collector's in-memory workspace behind its Public API: sources, destinations, warehouses,
 * labels and how they connect, destination filters, the audit trail, Segment's catalog,
 * regulations, Tracking Plans and their rules, the workspace's features and its endpoint rate
 * limits, shaped like the official definition's models (SourceV1, DestinationV1, WarehouseV1,
 * LabelV1, DestinationFilterV1, AuditEventV1, *MetadataV1, Regulation, TrackingPlanV1, RuleV1 in
 * `@segment/public-api-sdk-typescript`). Tests change it through the API (Delete deletes, Update
 * shows on Get, labels added are listed) and `reset()` puts the seed back.
 */

import { ACTIONS_WEBHOOK, CLASSIC_WEBHOOKS } from './catalog';

export interface Workspace {
	id: string;
	name: string;
	slug: string;
}

export interface Label {
	key: string;
	value: string;
	description?: string;
}

type Json = Record<string, unknown>;

export interface Source {
	id: string;
	slug: string;
	name: string;
	metadata: Json;
	workspaceId: string;
	enabled: boolean;
	writeKeys: string[];
	settings: Json;
	labels: Label[];
}

export interface Destination {
	id: string;
	name: string;
	enabled: boolean;
	metadata: Json;
	sourceId: string;
	settings: Json;
}

/** An Actions destination's mapping (DestinationSubscription, alpha). */
export interface DestinationSubscription {
	id: string;
	name: string;
	actionId: string;
	actionSlug: string;
	destinationId: string;
	enabled: boolean;
	settings: Json;
	/** FQL: which events trigger the action. */
	trigger: string;
}

/** Per-workspace features the collector can switch off, as workspaces without them answer. */
export interface WorkspaceFeatures {
	/** The Destination Subscriptions feature the alpha subscription routes need. */
	destinationSubscriptions: boolean;
	/** Whether new classic Webhooks destinations may be created (it is in maintenance mode). */
	classicWebhooks: boolean;
	/** Protocols, which every Tracking Plan route needs. */
	protocols: boolean;
	/** Destination Filters, which Segment gives Business workspaces. */
	destinationFilters: boolean;
}

export interface Warehouse {
	id: string;
	metadata: Json;
	workspaceId: string;
	enabled: boolean;
	settings: Json;
}

export const REGULATION_SCOPES = ['workspace', 'source', 'cloudSource'] as const;

/** A deletion or suppression request (Regulation, RegulationListEntryV1). */
export interface Regulation {
	id: string;
	scope: (typeof REGULATION_SCOPES)[number];
	/** The source of a source or cloud source regulation. */
	sourceId?: string;
	collection?: string;
	regulationType: string;
	subjectType: string;
	subjectIds: string[];
	createdAt: string;
	/**
	 * A status set by the seed or a test; otherwise Segment's progress is played by the clock:
	 * INITIALIZED, then RUNNING after `regulationStepMs`, FINISHED after twice that.
	 */
	status?: string;
}

/** A Tracking Plan (TrackingPlanV1). */
export interface TrackingPlan {
	id: string;
	name: string;
	slug: string;
	description?: string;
	type: string;
	createdAt: string;
	updatedAt: string;
}

/** A destination filter (DestinationFilterV1). */
export interface DestinationFilter {
	id: string;
	sourceId: string;
	destinationId: string;
	if: string;
	actions: Json[];
	title: string;
	description?: string;
	enabled: boolean;
	createdAt: string;
	updatedAt: string;
}

/** A rule of a Tracking Plan (RuleV1). */
export interface TrackingPlanRule {
	type: string;
	key?: string;
	jsonSchema: unknown;
	version: number;
	createdAt: string;
	updatedAt: string;
}

/** Endpoints with a limit of their own (the definition's descriptions): requests per window. */
export const ENDPOINT_RATE_LIMITS = {
	regulationCreate: { requests: 600, windowMs: 60_000 },
	trackingPlanRulesRead: { requests: 200, windowMs: 60_000 },
} as const;

export type EndpointRateLimitName = keyof typeof ENDPOINT_RATE_LIMITS;

/** An audit trail event (AuditEventV1). */
export interface AuditEvent {
	id: string;
	timestamp: string;
	type: string;
	actor: string;
	actorEmail?: string;
	resourceId: string;
	resourceType: string;
	resourceName: string;
}

/** Segment's catalog: the kinds of source, destination and warehouse (their metadata). */
export interface Catalog {
	sources: Json[];
	destinations: Json[];
	warehouses: Json[];
}

export interface PublicApiState {
	workspace: Workspace;
	/** When set, only these tokens are accepted; otherwise any non-empty Bearer token is. */
	tokens?: ReadonlySet<string>;
	/** Tokens whose role may read but not change anything: writes get 403. */
	readOnlyTokens: Set<string>;
	sources: Source[];
	destinations: Destination[];
	subscriptions: DestinationSubscription[];
	features: WorkspaceFeatures;
	warehouses: Warehouse[];
	labels: Label[];
	/** Source ID → IDs of the warehouses it syncs to. */
	connections: Record<string, string[]>;
	/** Source ID → its schema (Protocols) settings, when not the defaults. */
	schemaSettings: Record<string, Json>;
	/** Numbers the write keys the collector creates. */
	writeKeySerial: number;
	/** Every regulation, oldest first (Segment lists those of the last 90 days). */
	regulations: Regulation[];
	/** How long each step of a new regulation's progress takes (INITIALIZED → RUNNING → FINISHED). */
	regulationStepMs: number;
	trackingPlans: TrackingPlan[];
	/** Tracking Plan ID → its rules. */
	trackingPlanRules: Record<string, TrackingPlanRule[]>;
	/** Tracking Plan ID → the IDs of the sources connected to it (a source has one plan at most). */
	trackingPlanSources: Record<string, string[]>;
	/** The endpoint limits in force (tests may lower them) and each one's current fixed window. */
	rateLimits: Record<EndpointRateLimitName, { requests: number; windowMs: number }>;
	rateLimitWindows: Partial<Record<EndpointRateLimitName, { start: number; count: number }>>;
	catalog: Catalog;
	filters: DestinationFilter[];
	/** The audit trail, oldest first; the routes that change the workspace add to it. */
	auditEvents: AuditEvent[];
	/** When each event volume request came (its 60 a minute are counted over these). */
	eventVolumeRequests: number[];
	/** Added to every usage count, to serve counts past what a JSON number holds exactly. */
	usageOffset: bigint;
	/** Numbers the IDs of what the collector creates. */
	serial: number;
}

export const WORKSPACE: Workspace = {
	id: 'ws_local_collector',
	name: 'Local Collector',
	slug: 'local-collector',
};

const logos = (slug: string): Json => ({
	default: `https://cdn.example.test/logos/${slug}.svg`,
	mark: null,
	alt: null,
});

/** A setting a catalog entry takes (IntegrationOptionBeta). */
function option(name: string, type: string, required: boolean, label: string): Json {
	return { name, type, required, label, description: `${label} setting`, defaultValue: null };
}

function sourceMetadata(
	id: string,
	name: string,
	slug: string,
	categories: string[],
	cloud = false,
	options: Json[] = [],
): Json {
	return {
		id,
		name,
		slug,
		description: `${name} source`,
		logos: logos(slug),
		options,
		categories,
		isCloudEventSource: cloud,
	};
}

function destinationMetadata(
	id: string,
	name: string,
	slug: string,
	category: string,
	website: string,
	options: Json[] = [],
): Json {
	return {
		id,
		name,
		slug,
		description: `${name} destination`,
		logos: logos(slug),
		options,
		status: 'PUBLIC',
		previousNames: [name],
		categories: [category],
		website,
		components: [],
		supportedFeatures: {},
		supportedMethods: { track: true, identify: true, page: true, group: true, alias: true },
		supportedPlatforms: { browser: true, server: true, mobile: true },
		actions: [],
		presets: [],
	};
}

function warehouseMetadata(id: string, name: string, slug: string, options: Json[] = []): Json {
	return { id, name, slug, description: `${name} warehouse`, logos: logos(slug), options };
}

const LABELS: Label[] = [
	{ key: 'environment', value: 'prod', description: 'Production data' },
	{ key: 'environment', value: 'staging', description: 'Staging data' },
	{ key: 'environment', value: 'dev' },
	{ key: 'team', value: 'growth' },
	{ key: 'team', value: 'data' },
	{ key: 'pii', value: 'restricted', description: 'Carries personal data' },
];

function source(
	id: string,
	slug: string,
	name: string,
	metadata: Json,
	options: { enabled?: boolean; labels?: Label[] } = {},
): Source {
	return {
		id,
		slug,
		name,
		metadata,
		workspaceId: WORKSPACE.id,
		enabled: options.enabled ?? true,
		writeKeys: [`wk_dummy_${slug.replace(/-/g, '_')}_1`],
		settings: {},
		labels: options.labels ?? [],
	};
}

const JAVASCRIPT = sourceMetadata('IqDTy1TpoU', 'Javascript', 'javascript', ['Website']);
const IOS = sourceMetadata('UBrsG9RVzw', 'iOS', 'ios', ['Mobile']);
const ANDROID = sourceMetadata('V6ynUvQgbc', 'Android', 'android', ['Mobile']);
const NODE = sourceMetadata('yMu7LfxZgh', 'Node.js', 'node-js', ['Server']);
const HTTP = sourceMetadata('xeZMgSrtAQ', 'HTTP API', 'http-api', ['Server']);
const HUBSPOT = sourceMetadata('FdKZjpVFtm', 'HubSpot', 'hubspot', ['CRM'], true);
const STRIPE = sourceMetadata('bDdlcVJcoZ', 'Stripe', 'stripe', ['Payments'], true);
const PYTHON = sourceMetadata('XRksQPCr7X', 'Python', 'python', ['Server']);

function seedSources(): Source[] {
	return [
		source('qQEHquLrjRDN9j1ByrChyn', 'website-prod', 'Website (production)', JAVASCRIPT, {
			labels: [{ key: 'environment', value: 'prod', description: 'Production data' }],
		}),
		source('rH5a7SwEk3KfQ2zVjWUmPd', 'ios-app', 'iOS App', IOS),
		source('b8t2KcXq9LmNpZr4sYwA1e', 'android-app', 'Android App', ANDROID),
		source('Fz3mQ8vLk2NcXw7pRt5Yhs', 'node-backend', 'Node.js Backend', NODE, {
			labels: [{ key: 'team', value: 'data' }],
		}),
		source('Lp9sZx2Wq4NbVc7Mk1Rt8y', 'hubspot-crm', 'HubSpot CRM', HUBSPOT),
		source('Tn6yHb3Rk8QwZp1Xs4Lm9c', 'stripe-billing', 'Stripe Billing', STRIPE),
		source('Wq2eRt5Yu8IoPa3Sd6Fg9h', 'http-api-staging', 'HTTP API (staging)', HTTP, {
			enabled: false,
			labels: [{ key: 'environment', value: 'staging', description: 'Staging data' }],
		}),
		source('Zx1cVb4Nm7QwEr2Ty5Ui8o', 'python-jobs', 'Python Jobs', PYTHON),
	];
}

function destination(
	id: string,
	name: string,
	sourceId: string,
	metadata: Json,
	enabled = true,
): Destination {
	return { id, name, enabled, metadata, sourceId, settings: {} };
}

const AMPLITUDE = destinationMetadata(
	'54521fd525e721e32a72ee8f',
	'Amplitude',
	'amplitude',
	'Analytics',
	'https://amplitude.com',
	[option('apiKey', 'string', true, 'API Key'), option('secretKey', 'string', false, 'Secret Key')],
);
const MIXPANEL = destinationMetadata(
	'54521fd925e721e32a72eee1',
	'Mixpanel',
	'mixpanel',
	'Analytics',
	'https://mixpanel.com',
	[option('token', 'string', true, 'Project Token')],
);
/** The seed's webhook destination; the catalog lists the full entry (its actions) under this ID. */
const WEBHOOKS = destinationMetadata(
	'614a3c7d791c91c41bae7599',
	'Webhooks (Actions)',
	'actions-webhook',
	'Raw Data',
	'https://segment.com',
	[option('sharedSecret', 'string', false, 'Shared Secret')],
);
const BRAZE = destinationMetadata(
	'5d2d8f56f159f30001b3c3a9',
	'Braze Cloud Mode (Actions)',
	'actions-braze-cloud',
	'SMS & Push Notifications',
	'https://braze.com',
);

function seedDestinations(): Destination[] {
	return [
		destination('64d40b102eee0454dd8e2696', 'Amplitude (web)', 'qQEHquLrjRDN9j1ByrChyn', AMPLITUDE),
		destination('64c4576aabf38ee116d3fbcc', 'Mixpanel (web)', 'qQEHquLrjRDN9j1ByrChyn', MIXPANEL),
		destination('636084d26068eb8745412854', 'Amplitude (iOS)', 'rH5a7SwEk3KfQ2zVjWUmPd', AMPLITUDE),
		destination('660b034ae8f8daa49b9a1302', 'Order webhook', 'Fz3mQ8vLk2NcXw7pRt5Yhs', WEBHOOKS),
		destination('5df350b6e8a4c8b854a669e5', 'Braze push', 'b8t2KcXq9LmNpZr4sYwA1e', BRAZE, false),
		destination(
			'6562967044d3044947cd5a66',
			'Mixpanel (staging)',
			'Wq2eRt5Yu8IoPa3Sd6Fg9h',
			MIXPANEL,
		),
	];
}

/** Catalog kinds no seed object uses (and the two webhook kinds), so the catalog is more than the workspace. */
const GOOGLE_ANALYTICS_4 = destinationMetadata(
	'60ad61f9ff47a16b8fb7b5d9',
	'Google Analytics 4 Cloud',
	'actions-google-analytics-4',
	'Analytics',
	'https://analytics.google.com',
	[
		option('measurementId', 'string', true, 'Measurement ID'),
		option('apiSecret', 'string', true, 'API Secret'),
	],
);
const SLACK = destinationMetadata(
	'5c081a4acd8a2b0001a4c1a5',
	'Slack',
	'slack',
	'Raw Data',
	'https://slack.com',
	[option('webhook', 'string', true, 'Incoming Webhook URL')],
);
const RUBY = sourceMetadata('5b4f8c2dd4ea1b0001b8e7c0', 'Ruby', 'ruby', ['Server']);
const SNOWFLAKE = warehouseMetadata('JeuKmqvmMo', 'Snowflake', 'snowflake', [
	option('account', 'string', true, 'Account'),
	option('database', 'string', true, 'Database'),
]);
const BIGQUERY = warehouseMetadata('lMiwt0vPE8', 'BigQuery', 'bigquery', [
	option('project', 'string', true, 'Project'),
]);
const POSTGRES = warehouseMetadata('aea3bfb2dc', 'Postgres', 'postgres', [
	option('hostname', 'string', true, 'Host'),
]);
const REDSHIFT = warehouseMetadata('gdOxtxxpxl', 'Redshift', 'redshift', [
	option('hostname', 'string', true, 'Host'),
]);

function seedCatalog(): Catalog {
	return {
		sources: [JAVASCRIPT, IOS, ANDROID, NODE, HTTP, HUBSPOT, STRIPE, PYTHON, RUBY],
		destinations: [
			AMPLITUDE,
			MIXPANEL,
			ACTIONS_WEBHOOK,
			BRAZE,
			CLASSIC_WEBHOOKS,
			GOOGLE_ANALYTICS_4,
			SLACK,
		],
		warehouses: [SNOWFLAKE, BIGQUERY, POSTGRES, REDSHIFT],
	};
}

/** A few changes made before the collector started, so the trail is never empty. */
function seedAuditEvents(): AuditEvent[] {
	const event = (
		id: string,
		timestamp: string,
		type: string,
		resourceId: string,
		resourceType: string,
		resourceName: string,
	): AuditEvent => ({
		id,
		timestamp,
		type,
		actor: 'ada@example.com',
		actorEmail: 'ada@example.com',
		resourceId,
		resourceType,
		resourceName,
	});
	return [
		event(
			'auditSeed01',
			'2024-04-01T09:00:00.000Z',
			'Source Created',
			'qQEHquLrjRDN9j1ByrChyn',
			'source',
			'Website (production)',
		),
		event(
			'auditSeed02',
			'2024-04-01T09:05:00.000Z',
			'Integration Created',
			'64d40b102eee0454dd8e2696',
			'destination',
			'Amplitude (web)',
		),
		event(
			'auditSeed03',
			'2024-04-02T14:30:00.000Z',
			'Storage Destination Modified',
			'3FkZ9pQw7LmX2sVbN8cRtY',
			'warehouse',
			'Snowflake (analytics)',
		),
		event(
			'auditSeed04',
			'2024-04-03T08:15:00.000Z',
			'Source Modified',
			'Fz3mQ8vLk2NcXw7pRt5Yhs',
			'source',
			'Node.js Backend',
		),
		event(
			'auditSeed05',
			'2024-04-04T17:45:00.000Z',
			'Integration Disabled',
			'5df350b6e8a4c8b854a669e5',
			'destination',
			'Braze push',
		),
	];
}

/** A filter on the website's Amplitude destination, so lists and gets have one to find. */
function seedFilters(): DestinationFilter[] {
	return [
		{
			id: '2Jb7cU8Bf1vYHkW3sO5tIY9cLdX',
			sourceId: 'qQEHquLrjRDN9j1ByrChyn',
			destinationId: '64d40b102eee0454dd8e2696',
			if: 'type = "track" and event = "Internal Test"',
			actions: [{ type: 'DROP', fields: {} }],
			title: 'Drop internal test events',
			description: 'Test traffic stays out of Amplitude',
			enabled: true,
			createdAt: '2024-04-05T10:00:00.000Z',
			updatedAt: '2024-04-05T10:00:00.000Z',
		},
	];
}

function seedWarehouses(): Warehouse[] {
	const warehouse = (id: string, name: string, metadata: Json): Warehouse => ({
		id,
		metadata,
		workspaceId: WORKSPACE.id,
		enabled: true,
		settings: { name },
	});
	return [
		warehouse('3FkZ9pQw7LmX2sVbN8cRtY', 'Snowflake (analytics)', SNOWFLAKE),
		warehouse('7HgT2kLp9QwZx4VbN1cMsR', 'BigQuery (marketing)', BIGQUERY),
		warehouse('9JkL3mNp5QrSt7VwX1yZaB', 'Postgres (ops)', POSTGRES),
	];
}

export function createPublicApiState(tokens?: readonly string[]): PublicApiState {
	const state = {
		workspace: { ...WORKSPACE },
		tokens: tokens ? new Set(tokens) : undefined,
		readOnlyTokens: new Set<string>(),
	} as PublicApiState;
	resetPublicApiState(state);
	return state;
}

/** Puts the seed workspace back and forgets read-only tokens. */
export function resetPublicApiState(state: PublicApiState): void {
	state.workspace = { ...WORKSPACE };
	state.readOnlyTokens.clear();
	state.sources = seedSources();
	state.destinations = seedDestinations();
	state.subscriptions = [];
	state.features = {
		destinationSubscriptions: true,
		classicWebhooks: true,
		protocols: true,
		destinationFilters: true,
	};
	state.warehouses = seedWarehouses();
	state.labels = LABELS.map((label) => ({ ...label }));
	state.connections = {
		qQEHquLrjRDN9j1ByrChyn: ['3FkZ9pQw7LmX2sVbN8cRtY', '7HgT2kLp9QwZx4VbN1cMsR'],
		Fz3mQ8vLk2NcXw7pRt5Yhs: ['3FkZ9pQw7LmX2sVbN8cRtY'],
	};
	state.schemaSettings = {};
	state.writeKeySerial = 0;
	state.regulations = seedRegulations();
	state.regulationStepMs = 1000;
	state.trackingPlans = seedTrackingPlans();
	state.trackingPlanRules = seedTrackingPlanRules();
	state.trackingPlanSources = { [SEED_TRACKING_PLAN_ID]: ['Fz3mQ8vLk2NcXw7pRt5Yhs'] };
	state.serial = 0;
	state.rateLimits = {
		regulationCreate: { ...ENDPOINT_RATE_LIMITS.regulationCreate },
		trackingPlanRulesRead: { ...ENDPOINT_RATE_LIMITS.trackingPlanRulesRead },
	};
	state.rateLimitWindows = {};
	state.catalog = seedCatalog();
	state.filters = seedFilters();
	state.auditEvents = seedAuditEvents();
	state.eventVolumeRequests = [];
	state.usageOffset = 0n;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const daysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString();

/**
 * Regulations the workspace made before: two finished workspace suppressions, one of them 120
 * days old (past the 90 days Segment lists, yet still suppressing), a finished deletion, and a
 * source deletion still running.
 */
function seedRegulations(): Regulation[] {
	const regulation = (
		id: string,
		days: number,
		fields: Omit<Regulation, 'id' | 'createdAt' | 'scope'> & Partial<Pick<Regulation, 'scope'>>,
	): Regulation => ({ id, scope: 'workspace', createdAt: daysAgo(days), ...fields });
	return [
		regulation('1kOldSuppress0000000000001', 120, {
			regulationType: 'SUPPRESS_ONLY',
			subjectType: 'USER_ID',
			subjectIds: ['user-suppressed-long-ago'],
			status: 'FINISHED',
		}),
		regulation('1kSeedSuppress000000000001', 10, {
			regulationType: 'SUPPRESS_ONLY',
			subjectType: 'USER_ID',
			subjectIds: ['user-suppressed-1', 'user-suppressed-2'],
			status: 'FINISHED',
		}),
		regulation('1kSeedDelete00000000000001', 3, {
			regulationType: 'SUPPRESS_WITH_DELETE',
			subjectType: 'USER_ID',
			subjectIds: ['user-deleted-1'],
			status: 'FINISHED',
		}),
		regulation('1kSeedSourceDelete00000001', 1, {
			scope: 'source',
			sourceId: 'qQEHquLrjRDN9j1ByrChyn',
			regulationType: 'DELETE_ONLY',
			subjectType: 'USER_ID',
			subjectIds: ['user-web-9'],
			status: 'RUNNING',
		}),
	];
}

export const SEED_TRACKING_PLAN_ID = 'tp_2Ul5HjMaqBiKkNHUsG8tEUNwQ9v';

function seedTrackingPlans(): TrackingPlan[] {
	return [
		{
			id: SEED_TRACKING_PLAN_ID,
			name: 'Website',
			slug: 'website',
			description: 'Events of the website',
			type: 'LIVE',
			createdAt: '2024-01-15T09:00:00.000Z',
			updatedAt: '2024-04-02T16:30:00.000Z',
		},
		{
			id: 'tp_2Ul5L0ibraryPr0pert1es01',
			name: 'Common properties',
			slug: 'common-properties',
			type: 'PROPERTY_LIBRARY',
			createdAt: '2024-02-01T10:00:00.000Z',
			updatedAt: '2024-02-01T10:00:00.000Z',
		},
	];
}

const eventSchema = (required: string[], properties: Record<string, unknown>): unknown => ({
	$schema: 'http://json-schema.org/draft-07/schema#',
	type: 'object',
	properties: {
		properties: { type: 'object', required, properties },
	},
});

function seedTrackingPlanRules(): Record<string, TrackingPlanRule[]> {
	const at = '2024-01-15T09:00:00.000Z';
	return {
		[SEED_TRACKING_PLAN_ID]: [
			{
				type: 'TRACK',
				key: 'Order Completed',
				version: 1,
				jsonSchema: eventSchema(['orderId', 'revenue'], {
					orderId: { type: 'string' },
					revenue: { type: 'number' },
				}),
				createdAt: at,
				updatedAt: at,
			},
			{
				type: 'TRACK',
				key: 'Product Viewed',
				version: 1,
				jsonSchema: eventSchema(['productId'], { productId: { type: 'string' } }),
				createdAt: at,
				updatedAt: at,
			},
			{
				type: 'IDENTIFY',
				version: 1,
				jsonSchema: {
					$schema: 'http://json-schema.org/draft-07/schema#',
					type: 'object',
					properties: { traits: { type: 'object', required: ['email'] } },
				},
				createdAt: at,
				updatedAt: at,
			},
		],
		tp_2Ul5L0ibraryPr0pert1es01: [],
	};
}

/** A new ID for something the collector creates, in the shape Segment gives that kind. */
export function nextId(state: PublicApiState, kind: 'source' | 'destination' | 'filter'): string {
	state.serial += 1;
	const serial = String(state.serial).padStart(6, '0');
	if (kind === 'destination') return `6e${serial.padStart(22, '0')}`;
	if (kind === 'filter') return `2N${serial.padStart(25, '0')}`;
	return `newSrc${serial}`;
}

/** Adds an event to the audit trail, as the token's user did it now. */
export function recordAudit(
	state: PublicApiState,
	type: string,
	resource: { id: string; type: string; name: string },
): void {
	state.serial += 1;
	state.auditEvents.push({
		id: `audit${String(state.serial).padStart(6, '0')}`,
		timestamp: new Date().toISOString(),
		type,
		actor: 'Public API token',
		resourceId: resource.id,
		resourceType: resource.type,
		resourceName: resource.name,
	});
}

/** Adds `count` generated destination kinds to the catalog (for lists longer than one page). */
export function addGeneratedCatalogDestinations(state: PublicApiState, count: number): Json[] {
	const added: Json[] = [];
	for (let n = 1; n <= count; n++) {
		const serial = String(state.catalog.destinations.length + n).padStart(5, '0');
		added.push(
			destinationMetadata(
				`genMeta${serial}`,
				`Generated destination kind ${serial}`,
				`generated-${serial}`,
				'Raw Data',
				'https://example.test',
			),
		);
	}
	state.catalog.destinations.push(...added);
	return added;
}

/** Adds `count` generated sources (for lists longer than one page). */
export function addGeneratedSources(state: PublicApiState, count: number): Source[] {
	const added: Source[] = [];
	for (let n = 1; n <= count; n++) {
		const serial = String(state.sources.length + n).padStart(5, '0');
		added.push(
			source(`genSrc${serial}`, `generated-${serial}`, `Generated source ${serial}`, HTTP),
		);
	}
	state.sources.push(...added);
	return added;
}

/** Adds `count` generated destinations on the first source. */
export function addGeneratedDestinations(state: PublicApiState, count: number): Destination[] {
	const added: Destination[] = [];
	for (let n = 1; n <= count; n++) {
		const serial = String(state.destinations.length + n).padStart(5, '0');
		added.push(
			destination(
				`genDst${serial}`,
				`Generated destination ${serial}`,
				state.sources[0].id,
				WEBHOOKS,
			),
		);
	}
	state.destinations.push(...added);
	return added;
}

/** Protocols' defaults, which a source without a Tracking Plan has (SourceSettingsOutputV1). */
export function defaultSchemaSettings(): Json {
	return {
		track: {
			allowUnplannedEvents: true,
			allowUnplannedEventProperties: true,
			allowEventOnViolations: true,
			allowPropertiesOnViolations: true,
			commonEventOnViolations: 'ALLOW',
		},
		identify: {
			allowUnplannedTraits: true,
			allowTraitsOnViolations: true,
			commonEventOnViolations: 'ALLOW',
		},
		group: {
			allowUnplannedTraits: true,
			allowTraitsOnViolations: true,
			commonEventOnViolations: 'ALLOW',
		},
	};
}

/** A small deterministic number from text, for made-up but stable metrics. */
export function stableNumber(text: string, modulo: number): number {
	let hash = 2166136261;
	for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
	return hash % modulo;
}
