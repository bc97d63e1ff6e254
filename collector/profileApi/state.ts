/**
 * The collector's Unify space behind its Profile API: user and account profiles with external
 * IDs, traits (with their class, source and update time), events and links, shaped as Segment's
 * Profile API documentation shows them. `resetProfileApiState()` puts the seed back.
 */

type Json = Record<string, unknown>;

export type Collection = 'users' | 'accounts';

/** Where a trait comes from: an Identify or Group call, an audience, or a computed trait. */
export type TraitClass = 'trait' | 'audience' | 'computed_trait';

export interface Trait {
	value: unknown;
	class: TraitClass;
	source_id: string;
	updated_at: string;
}

export interface ExternalId {
	id: string;
	type: string;
	source_id: string;
	collection: Collection;
	created_at: string;
	encoding: 'none';
	first_message_id: string;
}

export interface Profile {
	segmentId: string;
	collection: Collection;
	externalIds: ExternalId[];
	/** In the order Segment would page them. */
	traits: Record<string, Trait>;
	events: Json[];
	metadata: Json;
	/** Segment IDs of the linked profiles (a user's accounts, an account's users). */
	links: string[];
}

export interface Space {
	id: string;
	/** When set, only these access tokens are accepted; otherwise any non-empty token is. */
	tokens?: ReadonlySet<string>;
	profiles: Profile[];
}

export interface ProfileApiState {
	spaces: Map<string, Space>;
	/** When each request of the last second started, per space: the 100 per second limit. */
	recentRequests: Map<string, number[]>;
	/** Requests per second per space before 429 (Segment's default: 100). */
	requestsPerSecond: number;
	/** The tokens the seeded space accepts, when restricted. */
	tokens?: ReadonlySet<string>;
}

/** The seeded space. */
export const PROFILE_SPACE_ID = 'spa_local_collector';

const WEBSITE = 'src_website_prod';
const CRM = 'src_hubspot_crm';

function externalId(
	collection: Collection,
	type: string,
	id: string,
	createdAt = '2026-10-01T09:00:00.000Z',
	sourceId = WEBSITE,
): ExternalId {
	return {
		id,
		type,
		source_id: sourceId,
		collection,
		created_at: createdAt,
		encoding: 'none',
		first_message_id: `msg-${type}-${id.length}`,
	};
}

function traits(
	values: Record<string, unknown>,
	traitClass: TraitClass = 'trait',
	sourceId = CRM,
	updatedAt = '2026-11-20T12:00:00.000Z',
): Record<string, Trait> {
	return Object.fromEntries(
		Object.entries(values).map(([key, value]) => [
			key,
			{ value, class: traitClass, source_id: sourceId, updated_at: updatedAt },
		]),
	);
}

function event(
	segmentId: string,
	userId: string,
	name: string,
	timestamp: string,
	properties: Json = {},
): Json {
	return {
		external_ids: [{ collection: 'users', type: 'user_id', id: userId, encoding: 'none' }],
		context: { library: { name: 'analytics.js', version: '3.2.5' } },
		type: 'track',
		message_id: `ajs-${userId}-${timestamp}`,
		source_id: WEBSITE,
		timestamp,
		properties,
		event: name,
		related: { users: segmentId },
	};
}

function metadata(createdAt: string, updatedAt: string): Json {
	return {
		created_at: createdAt,
		updated_at: updatedAt,
		expires_at: null,
		first_message_id: `first-${createdAt}`,
		first_source_id: WEBSITE,
		last_message_id: `last-${updatedAt}`,
		last_source_id: CRM,
	};
}

/** Identifiers with every character the encoding must carry: `+`, `@`, spaces, `/`, `%`, Unicode. */
export const TRICKY_IDENTIFIERS = {
	email: 'zoë+news@bücher.example',
	phone: '+15555550123',
	crm_id: 'ACME/42 50% off + more?#&=',
	user_id: 'zoë 🙂/7',
} as const;

/** A profile with more traits, events and external IDs than fit in one page. */
export const LARGE_PROFILE = {
	type: 'user_id',
	value: 'many-things',
	traits: 450,
	events: 230,
	externalIds: 130,
};

function seedProfiles(): Profile[] {
	const ada: Profile = {
		segmentId: 'use_ada000000000000000000001',
		collection: 'users',
		externalIds: [
			externalId('users', 'user_id', '101'),
			externalId('users', 'email', 'ada@example.com'),
			externalId('users', 'anonymous_id', 'anon-3f9c1a'),
		],
		traits: {
			...traits({ name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro', seats: 3 }),
			...traits({ pro_users: true }, 'audience', 'src_engage'),
			...traits(
				{ orders_last_30_days: 4, last_order_total: 119.5 },
				'computed_trait',
				'src_engage',
			),
		},
		events: [
			event('use_ada000000000000000000001', '101', 'Signed Up', '2026-11-18T09:30:00.000Z', {
				plan: 'pro',
			}),
			event('use_ada000000000000000000001', '101', 'Page Viewed', '2026-11-19T10:00:00.000Z', {
				path: '/pricing',
			}),
			event('use_ada000000000000000000001', '101', 'Order Completed', '2026-11-20T11:15:00.000Z', {
				revenue: 49.5,
			}),
			event('use_ada000000000000000000001', '101', 'Page Viewed', '2026-11-21T08:45:00.000Z', {
				path: '/docs',
			}),
			event('use_ada000000000000000000001', '101', 'Order Completed', '2026-11-22T16:20:00.000Z', {
				revenue: 70,
			}),
		],
		metadata: metadata('2026-11-18T09:30:00.000Z', '2026-11-22T16:20:00.000Z'),
		links: ['acc_analytical_engines_00000001'],
	};
	const alan: Profile = {
		segmentId: 'use_alan00000000000000000002',
		collection: 'users',
		externalIds: [
			externalId('users', 'user_id', '102'),
			externalId('users', 'email', 'alan+crm@example.com'),
		],
		traits: traits({ name: 'Alan Turing', email: 'alan+crm@example.com', plan: 'team', seats: 12 }),
		events: [],
		metadata: metadata('2026-11-19T10:15:00.000Z', '2026-11-19T10:15:00.000Z'),
		links: ['acc_bletchley_0000000000000002'],
	};
	const grace: Profile = {
		segmentId: 'use_grace0000000000000000003',
		collection: 'users',
		externalIds: [
			externalId('users', 'user_id', '103'),
			externalId('users', 'email', 'grace@example.com'),
		],
		traits: traits({ name: 'Grace Hopper', email: 'grace@example.com', plan: 'free', seats: 1 }),
		events: [],
		metadata: metadata('2026-11-20T16:45:00.000Z', '2026-11-20T16:45:00.000Z'),
		links: [],
	};
	const zoe: Profile = {
		segmentId: 'use_zoe000000000000000000004',
		collection: 'users',
		externalIds: Object.entries(TRICKY_IDENTIFIERS).map(([type, id]) =>
			externalId('users', type, id),
		),
		traits: traits({ name: 'Zoë Ünicode', plan: 'pro' }),
		events: [],
		metadata: metadata('2026-11-21T07:00:00.000Z', '2026-11-21T07:00:00.000Z'),
		links: [],
	};
	const largeId = 'use_many00000000000000000005';
	const large: Profile = {
		segmentId: largeId,
		collection: 'users',
		externalIds: [
			externalId('users', LARGE_PROFILE.type, LARGE_PROFILE.value),
			...Array.from({ length: LARGE_PROFILE.externalIds - 1 }, (_, index) =>
				externalId('users', 'anonymous_id', `anon-${String(index + 1).padStart(3, '0')}`),
			),
		],
		traits: traits(
			Object.fromEntries(
				Array.from({ length: LARGE_PROFILE.traits }, (_, index) => [
					`trait_${String(index + 1).padStart(3, '0')}`,
					index + 1,
				]),
			),
		),
		events: Array.from({ length: LARGE_PROFILE.events }, (_, index) =>
			event(
				largeId,
				LARGE_PROFILE.value,
				index % 3 === 0 ? 'Order Completed' : 'Page Viewed',
				new Date(Date.UTC(2026, 10, 10) + index * 60_000).toISOString(),
				{ n: index + 1 },
			),
		),
		metadata: metadata('2026-11-10T00:00:00.000Z', '2026-11-10T03:49:00.000Z'),
		links: [],
	};
	const analyticalEngines: Profile = {
		segmentId: 'acc_analytical_engines_00000001',
		collection: 'accounts',
		externalIds: [externalId('accounts', 'group_id', 'analytical-engines', undefined, CRM)],
		traits: {
			...traits({ name: 'Analytical Engines', plan: 'enterprise', employees: 12 }),
			...traits({ enterprise_accounts: true }, 'audience', 'src_engage'),
		},
		// An account's events are the Group calls that set its traits.
		events: [
			{
				external_ids: [
					{ collection: 'accounts', type: 'group_id', id: 'analytical-engines', encoding: 'none' },
				],
				context: { library: { name: 'analytics-node', version: '2.1.0' } },
				type: 'group',
				message_id: 'node-group-analytical-engines-1',
				source_id: CRM,
				timestamp: '2026-11-18T09:31:00.000Z',
				traits: { name: 'Analytical Engines', plan: 'enterprise', employees: 12 },
				related: { accounts: 'acc_analytical_engines_00000001', users: ada.segmentId },
			},
		],
		metadata: metadata('2026-11-18T09:31:00.000Z', '2026-11-22T16:21:00.000Z'),
		links: [ada.segmentId],
	};
	const bletchley: Profile = {
		segmentId: 'acc_bletchley_0000000000000002',
		collection: 'accounts',
		externalIds: [externalId('accounts', 'group_id', 'bletchley', undefined, CRM)],
		traits: traits({ name: 'Bletchley Park', plan: 'team' }),
		events: [],
		metadata: metadata('2026-11-19T10:16:00.000Z', '2026-11-19T10:16:00.000Z'),
		links: [alan.segmentId],
	};
	return [ada, alan, grace, zoe, large, analyticalEngines, bletchley];
}

export function createProfileApiState(tokens?: string[]): ProfileApiState {
	const state: ProfileApiState = {
		spaces: new Map(),
		recentRequests: new Map(),
		requestsPerSecond: 100,
		tokens: tokens ? new Set(tokens) : undefined,
	};
	resetProfileApiState(state);
	return state;
}

/** Puts the seeded space back and forgets the rate limit's window. */
export function resetProfileApiState(state: ProfileApiState): void {
	state.spaces.clear();
	state.spaces.set(PROFILE_SPACE_ID, {
		id: PROFILE_SPACE_ID,
		tokens: state.tokens,
		profiles: seedProfiles(),
	});
	state.recentRequests.clear();
}
