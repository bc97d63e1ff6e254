import { paginate } from './pagination';
import { invalid, type Route } from './route';

/**
 * The audit trail (AuditTrailApi.listAuditEvents): `GET /audit-events`, newest first (the
 * collector's order), filtered by startTime, endTime, resourceId and resourceType; `pagination`
 * required. The seed has a few events and the collector's writes add theirs (./state.ts).
 */

function parseTime(query: URLSearchParams, name: string): number | undefined {
	const text = query.get(name);
	if (text === null) return undefined;
	const time = Date.parse(text);
	if (Number.isNaN(time)) throw invalid(`${name} must be an ISO-8601 date-time`, name);
	return time;
}

export const AUDIT_TRAIL_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/audit-events$/,
		handler: ({ state, query }) => {
			const start = parseTime(query, 'startTime');
			const end = parseTime(query, 'endTime');
			if (start !== undefined && end !== undefined && start >= end) {
				throw invalid('startTime must be before endTime', 'startTime');
			}
			const resourceId = query.get('resourceId');
			const resourceType = query.get('resourceType');
			const events = state.auditEvents
				.filter((event) => {
					const time = Date.parse(event.timestamp);
					return (
						(start === undefined || time > start) &&
						(end === undefined || time < end) &&
						(resourceId === null || event.resourceId === resourceId) &&
						(resourceType === null || event.resourceType === resourceType)
					);
				})
				.reverse();
			const { page, pagination } = paginate(query, events);
			return { events: page, pagination };
		},
	},
];
