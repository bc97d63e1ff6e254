import { paginate } from './pagination';
import { invalid, notFound, SEGMENT, type Route } from './route';
import { stableNumber, type Destination, type PublicApiState } from './state';

function findDestination(state: PublicApiState, id: string): Destination {
	const found = state.destinations.find((candidate) => candidate.id === id);
	if (!found) throw notFound('Destination');
	return found;
}

function parseTime(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	const time = Date.parse(value);
	if (Number.isNaN(time)) throw invalid(`${name} must be an ISO-8601 date-time`, name);
	return time;
}

export const DESTINATION_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/destinations$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, state.destinations);
			return { destinations: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destinations/${SEGMENT}$`),
		handler: ({ state, params }) => ({ destination: findDestination(state, params[0]) }),
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/destinations/${SEGMENT}/delivery-metrics$`),
		handler: ({ state, params, query }) => {
			const destination = findDestination(state, params[0]);
			const sourceId = query.get('sourceId');
			if (!sourceId) throw invalid('sourceId is required', 'sourceId');
			const granularity = query.get('granularity') ?? 'MINUTE';
			if (!['DAY', 'HOUR', 'MINUTE'].includes(granularity)) {
				throw invalid('granularity must be DAY, HOUR or MINUTE', 'granularity');
			}
			const start = parseTime(query, 'startTime');
			const end = parseTime(query, 'endTime');
			if (start !== undefined && end !== undefined && start > end) {
				throw invalid('startTime must be before endTime', 'startTime');
			}
			// Made-up but stable numbers: the same query gives the same summary.
			const seed = `${destination.id}/${sourceId}/${granularity}/${start ?? ''}/${end ?? ''}`;
			const delivered = 1000 + stableNumber(`${seed}/ok`, 9000);
			const retried = stableNumber(`${seed}/retry`, 100);
			const failed = stableNumber(`${seed}/failed`, 50);
			const filtered = stableNumber(`${seed}/filtered`, 200);
			return {
				deliveryMetricsSummary: {
					sourceId,
					destinationMetadataId: String((destination.metadata as { id?: string }).id ?? ''),
					metrics: [
						{
							metricName: 'successes',
							total: delivered,
							breakdown: [
								{ metricName: 'successesOnFirstAttempt', value: delivered - retried },
								{ metricName: 'successesAfterRetry', value: retried },
							],
						},
						{ metricName: 'failed', total: failed, breakdown: [] },
						{ metricName: 'filteredAtDestination', total: filtered, breakdown: [] },
					],
				},
			};
		},
	},
];
