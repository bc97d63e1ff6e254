import { paginate } from './pagination';
import {
	ApiError,
	invalid,
	jsonBody,
	notFound,
	SEGMENT,
	type Route,
	type RouteRequest,
} from './route';
import type { PublicApiState, Regulation, Source } from './state';

/**
 * Deletion and Suppression (DeletionAndSuppressionApi): regulations for the workspace, a source
 * or a cloud source's collection, as CreateWorkspaceRegulationV1Input & co. define them, with the
 * limits of Segment's privacy docs: at most 5,000 subject IDs and 4 MB per call (4 MB read as
 * 4,000,000 bytes, the stricter reading), 600 creates a minute. Lists hold the last 90 days;
 * older regulations are not found, though a suppression they made still holds. Suppressions
 * follow the workspace's SUPPRESS_* and UNSUPPRESS regulations in order.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const RETAINED_MS = 90 * DAY_MS;
const MAX_SUBJECT_IDS = 5000;
const MAX_BODY_BYTES = 4_000_000;

const REGULATION_TYPES = [
	'DELETE_INTERNAL',
	'DELETE_ONLY',
	'SUPPRESS_ONLY',
	'SUPPRESS_WITH_DELETE',
	'SUPPRESS_WITH_DELETE_INTERNAL',
	'UNSUPPRESS',
];
const STATUSES = [
	'FAILED',
	'FINISHED',
	'INITIALIZED',
	'INVALID',
	'NOT_SUPPORTED',
	'PARTIAL_SUCCESS',
	'RUNNING',
];
const SUBJECT_TYPES: Record<Regulation['scope'], string[]> = {
	workspace: ['OBJECT_ID', 'USER_ID'],
	source: ['USER_ID'],
	cloudSource: ['OBJECT_ID'],
};

/** Types Segment forwards to destinations (Segment & Destination regulations). */
const FORWARDED_TYPES = ['DELETE_ONLY', 'SUPPRESS_WITH_DELETE'];
/** Catalog slugs of destinations Segment forwards deletions to (Segment's privacy FAQ, in part). */
const DELETING_DESTINATIONS = ['amplitude', 'actions-braze-cloud', 'actions-webhook'];

const SUPPRESSING_TYPES = [
	'SUPPRESS_ONLY',
	'SUPPRESS_WITH_DELETE',
	'SUPPRESS_WITH_DELETE_INTERNAL',
];

function findSource(state: PublicApiState, id: string): Source {
	const found = state.sources.find((source) => source.id === id);
	if (!found) throw notFound('Source');
	return found;
}

const retained = (regulation: Regulation, now: number): boolean =>
	now - Date.parse(regulation.createdAt) <= RETAINED_MS;

function findRegulation(state: PublicApiState, id: string, now = Date.now()): Regulation {
	const found = state.regulations.find((regulation) => regulation.id === id);
	if (!found || !retained(found, now)) throw notFound('Regulation');
	return found;
}

/** Where a regulation stands: as set, or INITIALIZED, RUNNING and FINISHED as time passes. */
function statusOf(state: PublicApiState, regulation: Regulation, now = Date.now()): string {
	if (regulation.status) return regulation.status;
	const elapsed = now - Date.parse(regulation.createdAt);
	if (elapsed < state.regulationStepMs) return 'INITIALIZED';
	return elapsed < 2 * state.regulationStepMs ? 'RUNNING' : 'FINISHED';
}

function finishedAt(state: PublicApiState, regulation: Regulation): string | undefined {
	if (statusOf(state, regulation) !== 'FINISHED') return undefined;
	const at =
		Date.parse(regulation.createdAt) + (regulation.status ? 0 : 2 * state.regulationStepMs);
	return new Date(at).toISOString();
}

/** Regulation (GetRegulationV1Output): each stream (source) with its destinations' statuses. */
function regulationOutput(state: PublicApiState, regulation: Regulation): Record<string, unknown> {
	const status = statusOf(state, regulation);
	const done = finishedAt(state, regulation);
	const sources =
		regulation.scope === 'workspace'
			? state.sources
			: state.sources.filter((source) => source.id === regulation.sourceId);
	return {
		id: regulation.id,
		workspaceId: state.workspace.id,
		overallStatus: status,
		...(done ? { finishedAt: done } : {}),
		createdAt: regulation.createdAt,
		streamStatus: sources.map((source) => ({
			id: source.id,
			destinationStatus: FORWARDED_TYPES.includes(regulation.regulationType)
				? state.destinations
						.filter((destination) => destination.sourceId === source.id)
						.map((destination) => {
							const deletes = DELETING_DESTINATIONS.includes(String(destination.metadata.slug));
							return {
								name: destination.name,
								id: destination.id,
								status: deletes ? status : 'NOT_SUPPORTED',
								errString: deletes ? '' : 'The destination does not support deletion',
								...(deletes && done ? { finishedAt: done } : {}),
							};
						})
				: [],
		})),
	};
}

/** RegulationListEntryV1. */
function listEntry(state: PublicApiState, regulation: Regulation): Record<string, unknown> {
	const done = finishedAt(state, regulation);
	return {
		id: regulation.id,
		subjectType: regulation.subjectType,
		subjects: regulation.subjectIds,
		status: statusOf(state, regulation),
		createdAt: regulation.createdAt,
		regulationType: regulation.regulationType,
		...(done ? { finishedAt: done } : {}),
	};
}

/** The values of a list query parameter, however the client spelt it (`a[0]=`, `a[]=`, `a=x,y`). */
function listParam(query: URLSearchParams, name: string): string[] {
	const values: string[] = [];
	for (const [key, value] of query.entries()) {
		if (key === name || key === `${name}[]` || new RegExp(`^${name}\\[\\d+\\]$`).test(key)) {
			values.push(...value.split(',').filter(Boolean));
		}
	}
	return values;
}

/** The regulations of the last 90 days that match `status` and `regulationTypes`, newest first. */
function listRegulations(
	state: PublicApiState,
	query: URLSearchParams,
	belongs: (regulation: Regulation) => boolean,
): { regulations: unknown[]; pagination: Record<string, unknown> } {
	const status = query.get('status');
	if (status !== null && !STATUSES.includes(status)) {
		throw invalid(`status must be one of ${STATUSES.join(', ')}`, 'status');
	}
	const types = listParam(query, 'regulationTypes');
	const unknown = types.find((type) => !REGULATION_TYPES.includes(type));
	if (unknown) throw invalid(`Unknown regulation type "${unknown}"`, 'regulationTypes');
	const now = Date.now();
	const matching = state.regulations
		.filter((regulation) => belongs(regulation) && retained(regulation, now))
		.filter((regulation) => status === null || statusOf(state, regulation, now) === status)
		.filter((regulation) => types.length === 0 || types.includes(regulation.regulationType))
		.reverse()
		.map((regulation) => listEntry(state, regulation));
	const { page, pagination } = paginate(query, matching);
	return { regulations: page, pagination };
}

/** A create's body, checked as CreateWorkspaceRegulationV1Input (& co.) define it. */
function createRegulation(
	{ state, body }: RouteRequest,
	scope: Regulation['scope'],
	sourceId?: string,
): { regulateId: string } {
	if (body.length > MAX_BODY_BYTES) {
		throw new ApiError(413, 'payload-too-large', 'The request body is larger than 4 MB');
	}
	if (sourceId !== undefined) {
		const source = findSource(state, sourceId);
		if (scope === 'cloudSource' && source.metadata.isCloudEventSource !== true) {
			throw invalid(`Source "${sourceId}" is not a cloud source`, 'sourceId');
		}
	}
	const input = jsonBody(body);
	const allowed = [
		'regulationType',
		'subjectType',
		'subjectIds',
		...(scope === 'cloudSource' ? ['collection'] : []),
	];
	const unknownField = Object.keys(input).find((key) => !allowed.includes(key));
	if (unknownField) throw invalid(`Unknown field "${unknownField}"`, unknownField);
	const { regulationType, subjectType, subjectIds, collection } = input;
	if (typeof regulationType !== 'string' || !REGULATION_TYPES.includes(regulationType)) {
		throw invalid(`regulationType must be one of ${REGULATION_TYPES.join(', ')}`, 'regulationType');
	}
	if (typeof subjectType !== 'string' || !SUBJECT_TYPES[scope].includes(subjectType)) {
		throw invalid(`subjectType must be one of ${SUBJECT_TYPES[scope].join(', ')}`, 'subjectType');
	}
	if (!Array.isArray(subjectIds) || subjectIds.length === 0) {
		throw invalid('subjectIds must be a non-empty list', 'subjectIds');
	}
	if (subjectIds.length > MAX_SUBJECT_IDS) {
		throw invalid(
			`subjectIds must contain less than or equal to ${MAX_SUBJECT_IDS} items`,
			'subjectIds',
		);
	}
	const bad = subjectIds.findIndex((id) => typeof id !== 'string' || id === '');
	if (bad !== -1) throw invalid('Every subject ID must be non-empty text', `subjectIds[${bad}]`);
	if (scope === 'cloudSource' && (typeof collection !== 'string' || collection.trim() === '')) {
		throw invalid('collection must be non-empty text', 'collection');
	}
	state.serial += 1;
	const regulation: Regulation = {
		id: `1kReg${String(state.serial).padStart(22, '0')}`,
		scope,
		...(sourceId !== undefined ? { sourceId } : {}),
		...(typeof collection === 'string' ? { collection } : {}),
		regulationType,
		subjectType,
		subjectIds: subjectIds as string[],
		createdAt: new Date().toISOString(),
	};
	state.regulations.push(regulation);
	return { regulateId: regulation.id };
}

/** SuppressedInner: the subjects each workspace suppression still holds. */
function suppressions(state: PublicApiState): Array<{ subjectType: string; subjectIds: string[] }> {
	const held: Array<{ subjectType: string; subjectIds: string[] }> = [];
	for (const regulation of state.regulations) {
		if (regulation.scope !== 'workspace') continue;
		if (SUPPRESSING_TYPES.includes(regulation.regulationType)) {
			held.push({ subjectType: regulation.subjectType, subjectIds: [...regulation.subjectIds] });
		} else if (regulation.regulationType === 'UNSUPPRESS') {
			for (const entry of held) {
				if (entry.subjectType !== regulation.subjectType) continue;
				entry.subjectIds = entry.subjectIds.filter((id) => !regulation.subjectIds.includes(id));
			}
		}
	}
	return held.filter((entry) => entry.subjectIds.length > 0);
}

export const PRIVACY_ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: /^\/regulations$/,
		rateLimit: 'regulationCreate',
		handler: (request) => createRegulation(request, 'workspace'),
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/regulations/sources/${SEGMENT}$`),
		rateLimit: 'regulationCreate',
		handler: (request) => createRegulation(request, 'source', request.params[0]),
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/regulations/cloudsources/${SEGMENT}$`),
		rateLimit: 'regulationCreate',
		handler: (request) => createRegulation(request, 'cloudSource', request.params[0]),
	},
	{
		method: 'GET',
		pattern: /^\/regulations$/,
		handler: ({ state, query }) =>
			listRegulations(state, query, (regulation) => regulation.scope === 'workspace'),
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/regulations/sources/${SEGMENT}$`),
		// ListRegulationsFromSourceV1Output has no pagination: one page of `pagination.count`.
		handler: ({ state, query, params }) => {
			const source = findSource(state, params[0]);
			const { regulations } = listRegulations(
				state,
				query,
				(regulation) => regulation.scope !== 'workspace' && regulation.sourceId === source.id,
			);
			return { regulations };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/regulations/${SEGMENT}$`),
		handler: ({ state, params }) => ({
			regulation: regulationOutput(state, findRegulation(state, params[0])),
		}),
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/regulations/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const regulation = findRegulation(state, params[0]);
			if (statusOf(state, regulation) !== 'INITIALIZED') {
				// The definition: "The regulation must be in the initialized state to be deleted".
				throw invalid(
					`Regulation "${regulation.id}" is ${statusOf(state, regulation)}: only an INITIALIZED regulation can be deleted`,
					'regulateId',
				);
			}
			state.regulations = state.regulations.filter((other) => other !== regulation);
			return { status: 'SUCCESS' };
		},
	},
	{
		method: 'GET',
		pattern: /^\/suppressions$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, suppressions(state));
			return { suppressed: page, pagination };
		},
	},
];
