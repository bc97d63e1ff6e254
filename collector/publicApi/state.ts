/**
 * The collector's in-memory workspace behind its Public API: sources, destinations, warehouses,
 * labels and how they connect, regulations, Tracking Plans and their rules, the workspace's
 * features and its endpoint rate limits, shaped like the official definition's models (SourceV1,
 * DestinationV1, WarehouseV1, LabelV1, Regulation, TrackingPlanV1, RuleV1 in
 * `@segment/public-api-sdk-typescript`). Tests change it
 * through the API (Delete deletes, Update shows on Get, labels added are listed) and `reset()`
 * puts the seed back.
 */

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
	/** Numbers the regulations and Tracking Plans the collector creates. */
	serial: number;
	/** The endpoint limits in force (tests may lower them) and each one's current fixed window. */
	rateLimits: Record<EndpointRateLimitName, { requests: number; windowMs: number }>;
	rateLimitWindows: Partial<Record<EndpointRateLimitName, { start: number; count: number }>>;
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

function sourceMetadata(
	id: string,
	name: string,
	slug: string,
	categories: string[],
	cloud = false,
): Json {
	return {
		id,
		name,
		slug,
		description: `${name} source`,
		logos: logos(slug),
		options: [],
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
): Json {
	return {
		id,
		name,
		slug,
		description: `${name} destination`,
		logos: logos(slug),
		options: [],
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

function warehouseMetadata(id: string, name: string, slug: string): Json {
	return { id, name, slug, description: `${name} warehouse`, logos: logos(slug), options: [] };
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
);
const MIXPANEL = destinationMetadata(
	'54521fd925e721e32a72eee1',
	'Mixpanel',
	'mixpanel',
	'Analytics',
	'https://mixpanel.com',
);
const WEBHOOKS = destinationMetadata(
	'614a3c7d791c91c41bae7599',
	'Webhooks (Actions)',
	'actions-webhook',
	'Raw Data',
	'https://segment.com',
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

function seedWarehouses(): Warehouse[] {
	const warehouse = (id: string, name: string, metadata: Json): Warehouse => ({
		id,
		metadata,
		workspaceId: WORKSPACE.id,
		enabled: true,
		settings: { name },
	});
	return [
		warehouse(
			'3FkZ9pQw7LmX2sVbN8cRtY',
			'Snowflake (analytics)',
			warehouseMetadata('JeuKmqvmMo', 'Snowflake', 'snowflake'),
		),
		warehouse(
			'7HgT2kLp9QwZx4VbN1cMsR',
			'BigQuery (marketing)',
			warehouseMetadata('lMiwt0vPE8', 'BigQuery', 'bigquery'),
		),
		warehouse(
			'9JkL3mNp5QrSt7VwX1yZaB',
			'Postgres (ops)',
			warehouseMetadata('aea3bfb2dc', 'Postgres', 'postgres'),
		),
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
	state.features = { destinationSubscriptions: true, classicWebhooks: true, protocols: true };
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
