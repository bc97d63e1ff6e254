/**
 * The one rule for date-times the node accepts (tracking timestamps, Public API time ranges):
 * ISO-8601 with a date, a time and a timezone. The zone may be `Z`, `±hh:mm`, `±hhmm` or `±hh`; the
 * seconds may carry a fraction after `.` or `,`. JavaScript's Date parses only some of these forms,
 * so each is rewritten to the one it parses first.
 */
const ISO_8601_DATE_TIME =
	/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** RFC 3339, the date-time form of Segment's API definition, which every server parses as is. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * Whether `YYYY-MM-DD…` starts with a day of the calendar. JavaScript's Date rolls an impossible
 * day over (2026-02-30 becomes March 2) instead of refusing it.
 */
export function isCalendarDate(text: string): boolean {
	const [year, month, day] = [text.slice(0, 4), text.slice(5, 7), text.slice(8, 10)].map(Number);
	if (!(month >= 1 && month <= 12 && day >= 1)) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant `text` names, or undefined when it is not an ISO-8601 date-time with a timezone. */
export function parseIsoDateTime(text: string): Date | undefined {
	const match = ISO_8601_DATE_TIME.exec(text.trim());
	if (!match) return undefined;
	const [, local, zone] = match;
	// Hour 24 (ISO-8601's old "end of day") and impossible days would roll over to another day.
	if (!isCalendarDate(local) || Number(local.slice(11, 13)) > 23) return undefined;
	const offset = /^[+-]\d{2}$/.test(zone) ? `${zone}:00` : zone;
	const date = new Date(`${local.replace(',', '.')}${offset}`);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * How a valid date-time is sent to the Public API: as the user wrote it when it is RFC 3339 (the
 * form the API documents), else as the same instant in UTC.
 */
export function publicApiDateTime(text: string, date: Date): string {
	const trimmed = text.trim();
	return RFC_3339.test(trimmed) ? trimmed : date.toISOString();
}
