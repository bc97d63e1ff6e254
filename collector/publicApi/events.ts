import { paginate } from './pagination';
import { ApiError, invalid, type Route } from './route';
import { stableNumber, type PublicApiState, type Source } from './state';

/**
 * Event volume (EventsApi.getEventsVolumeFromWorkspace): `GET /events/volume` with granularity,
 * startTime and endTime (required), groupBy and the source, event name, event type and app
 * version filters, each a list (`groupBy[0]=…` as the SDK and n8n send it, `groupBy.0=…` as
 * Segment's docs write it, or repeated). Made-up but stable counts per source, event and bucket.
 * Segment allows it 60 requests a minute: the 61st within a minute is answered 429 with the
 * wait in `msBeforeNext` and the X-RateLimit headers.
 */

const GRANULARITY_MS = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const;
const GROUP_BY = ['eventName', 'eventType', 'source'];
export const EVENT_VOLUME_LIMIT = { requests: 60, windowMs: 60_000 };

/** The events every source sends, in the collector. */
const EVENTS: Array<{ eventName?: string; eventType: string }> = [
	{ eventName: 'Order Completed', eventType: 'track' },
	{ eventName: 'Product Viewed', eventType: 'track' },
	{ eventName: 'Signed Up', eventType: 'track' },
	{ eventType: 'identify' },
	{ eventType: 'page' },
];

/** A list parameter, in any of the spellings clients use. */
export function queryList(query: URLSearchParams, name: string): string[] {
	const values: string[] = [...query.getAll(name), ...query.getAll(`${name}[]`)];
	for (const [key, value] of query) {
		if (new RegExp(`^${name}(?:\\[\\d+\\]|\\.\\d+)$`).test(key)) values.push(value);
	}
	return values.flatMap((value) => value.split(',')).filter((value) => value !== '');
}

function parseTime(query: URLSearchParams, name: string): number {
	const text = query.get(name);
	if (!text) throw invalid(`${name} is required`, name);
	const time = Date.parse(text);
	if (Number.isNaN(time)) throw invalid(`${name} must be an ISO-8601 date-time`, name);
	return time;
}

/** Counts this request against the 60 a minute, or refuses it as Segment does past them. */
function takeRateLimit(state: PublicApiState): void {
	const now = Date.now();
	const { requests, windowMs } = EVENT_VOLUME_LIMIT;
	state.eventVolumeRequests = state.eventVolumeRequests.filter((time) => time > now - windowMs);
	if (state.eventVolumeRequests.length >= requests) {
		const reset = state.eventVolumeRequests[0] + windowMs;
		throw new ApiError(
			429,
			'too-many-requests',
			'Too many requests: this endpoint allows 60 requests per minute.',
			undefined,
			{
				data: { msBeforeNext: reset - now },
				headers: {
					'X-RateLimit-Consumed': String(state.eventVolumeRequests.length + 1),
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': new Date(reset).toUTCString(),
				},
			},
		);
	}
	state.eventVolumeRequests.push(now);
}

export const EVENT_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/events\/volume$/,
		handler: ({ state, query }) => {
			takeRateLimit(state);
			const granularity = query.get('granularity') ?? '';
			if (!(granularity in GRANULARITY_MS)) {
				throw invalid('granularity must be DAY, HOUR or MINUTE', 'granularity');
			}
			const step = GRANULARITY_MS[granularity as keyof typeof GRANULARITY_MS];
			const start = parseTime(query, 'startTime');
			const end = parseTime(query, 'endTime');
			if (start >= end) throw invalid('startTime must be before endTime', 'startTime');
			const groupBy = queryList(query, 'groupBy');
			const wrong = groupBy.find((dimension) => !GROUP_BY.includes(dimension));
			if (wrong)
				throw invalid(`groupBy "${wrong}" is not one of ${GROUP_BY.join(', ')}`, 'groupBy');
			const filters = {
				sourceId: queryList(query, 'sourceId'),
				eventName: queryList(query, 'eventName'),
				eventType: queryList(query, 'eventType'),
				appVersion: queryList(query, 'appVersion'),
			};
			const buckets: number[] = [];
			for (let time = Math.floor(start / step) * step; time < end; time += step) buckets.push(time);

			// Every (source, event) pair that passes the filters, into its group's series.
			const series = new Map<string, { key: Record<string, unknown>; counts: number[] }>();
			const sources = state.sources.filter(
				(source) => filters.sourceId.length === 0 || filters.sourceId.includes(source.id),
			);
			for (const source of sources) {
				for (const event of EVENTS) {
					if (filters.eventType.length > 0 && !filters.eventType.includes(event.eventType))
						continue;
					if (
						filters.eventName.length > 0 &&
						(event.eventName === undefined || !filters.eventName.includes(event.eventName))
					)
						continue;
					const key = groupKey(groupBy, source, event);
					const name = JSON.stringify(key);
					const entry = series.get(name) ?? { key, counts: buckets.map(() => 0) };
					buckets.forEach((time, index) => {
						const version = filters.appVersion.length > 0 ? filters.appVersion.join(',') : '';
						entry.counts[index] += stableNumber(
							`${source.id}/${event.eventName ?? event.eventType}/${time}/${version}`,
							500,
						);
					});
					series.set(name, entry);
				}
			}
			const result = [...series.values()]
				.map(({ key, counts }) => ({
					...key,
					total: counts.reduce((sum, count) => sum + count, 0),
					series: buckets.map((time, index) => ({
						time: new Date(time).toISOString(),
						count: counts[index],
					})),
				}))
				.sort((a, b) => b.total - a.total)
				.slice(0, 5000);
			const { page, pagination } = paginate(query, result, false);
			return {
				path: '/observability/event_volume/v2.json',
				query: {
					workspaceId: state.workspace.id,
					granularity,
					startTime: query.get('startTime'),
					endTime: query.get('endTime'),
					...(groupBy.length > 0 ? { groupBy } : {}),
					...Object.fromEntries(Object.entries(filters).filter(([, values]) => values.length > 0)),
				},
				result: page,
				pagination,
			};
		},
	},
];

function groupKey(
	groupBy: string[],
	source: Source,
	event: { eventName?: string; eventType: string },
): Record<string, unknown> {
	return {
		...(groupBy.includes('source')
			? { source: { id: source.id, name: source.name, slug: source.slug } }
			: {}),
		...(groupBy.includes('eventName') && event.eventName ? { eventName: event.eventName } : {}),
		...(groupBy.includes('eventType') ? { eventType: event.eventType } : {}),
	};
}
