import { paginate } from './pagination';
import { invalid, type Route } from './route';
import { stableNumber } from './state';

export const USAGE_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/usage\/api-calls\/sources\/daily$/,
		handler: ({ state, query }) => {
			const period = query.get('period');
			if (!period) throw invalid('period is required', 'period');
			const start = new Date(Date.parse(period));
			if (Number.isNaN(start.getTime())) throw invalid('period must be an ISO-8601 date', 'period');
			const year = start.getUTCFullYear();
			const month = start.getUTCMonth();
			const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
			const usage: Array<Record<string, string>> = [];
			for (let day = 1; day <= days; day++) {
				const timestamp = new Date(Date.UTC(year, month, day)).toISOString();
				for (const source of state.sources) {
					usage.push({
						sourceId: source.id,
						apiCalls: String(stableNumber(`${source.id}/${timestamp}`, 5000) * day),
						timestamp,
					});
				}
			}
			const { page, pagination } = paginate(query, usage);
			return { dailyPerSourceAPICallsUsage: page, pagination };
		},
	},
];
