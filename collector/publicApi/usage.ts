import { paginate } from './pagination';
import { invalid, type Route } from './route';
import { stableNumber, type PublicApiState } from './state';

/**
 * Usage (APICallsApi, MonthlyTrackedUsersApi): daily API calls and MTUs of one usage month
 * (`period`, its first day), for the workspace (cumulative, as Segment reports them) or per source
 * (`/sources/daily`). Every count is a decimal string, as the definition has it ("a bigint"), with
 * the state's `usageOffset` added so tests can serve counts past what a JSON number holds exactly.
 */

function monthDays(query: URLSearchParams): Date[] {
	const period = query.get('period');
	if (!period) throw invalid('period is required', 'period');
	const start = new Date(Date.parse(period));
	if (Number.isNaN(start.getTime())) throw invalid('period must be an ISO-8601 date', 'period');
	const year = start.getUTCFullYear();
	const month = start.getUTCMonth();
	const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return Array.from({ length: days }, (_, day) => new Date(Date.UTC(year, month, day + 1)));
}

/** A made-up, stable count of `what` for a day, as a bigint string. */
function count(state: PublicApiState, what: string, modulo: number, day: number): string {
	return String(BigInt(stableNumber(what, modulo) * day) + state.usageOffset);
}

/** The MTU fields of a snapshot (MtuSnapshotV1, UsersPerSourceSnapshotV1). */
function mtu(state: PublicApiState, seed: string, day: Date, index: number) {
	const periodStart = Math.floor(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1) / 1000);
	const periodEnd = Math.floor(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1) / 1000);
	return {
		periodStart,
		periodEnd,
		anonymous: count(state, `${seed}/anonymous`, 900, index + 1),
		anonymousIdentified: count(state, `${seed}/anonymousIdentified`, 300, index + 1),
		identified: count(state, `${seed}/identified`, 600, index + 1),
		neverIdentified: count(state, `${seed}/neverIdentified`, 700, index + 1),
		timestamp: day.toISOString(),
	};
}

export const USAGE_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/usage\/api-calls\/sources\/daily$/,
		handler: ({ state, query }) => {
			const usage = monthDays(query).flatMap((day, index) =>
				state.sources.map((source) => ({
					sourceId: source.id,
					apiCalls: count(state, `${source.id}/${day.toISOString()}`, 5000, index + 1),
					timestamp: day.toISOString(),
				})),
			);
			const { page, pagination } = paginate(query, usage);
			return { dailyPerSourceAPICallsUsage: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: /^\/usage\/api-calls\/daily$/,
		handler: ({ state, query }) => {
			const usage = monthDays(query).map((day, index) => ({
				apiCalls: count(state, `${state.workspace.id}/api-calls`, 40_000, index + 1),
				timestamp: day.toISOString(),
			}));
			const { page, pagination } = paginate(query, usage);
			return { dailyWorkspaceAPICallsUsage: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: /^\/usage\/mtu\/daily$/,
		handler: ({ state, query }) => {
			const usage = monthDays(query).map((day, index) =>
				mtu(state, state.workspace.id, day, index),
			);
			const { page, pagination } = paginate(query, usage);
			return { dailyWorkspaceMTUUsage: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: /^\/usage\/mtu\/sources\/daily$/,
		handler: ({ state, query }) => {
			const usage = monthDays(query).flatMap((day, index) =>
				state.sources.map((source) => ({
					sourceId: source.id,
					...mtu(state, source.id, day, index),
				})),
			);
			const { page, pagination } = paginate(query, usage);
			return { dailyPerSourceMTUUsage: page, pagination };
		},
	},
];
