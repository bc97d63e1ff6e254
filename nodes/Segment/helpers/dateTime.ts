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

/** The instant `text` names, or undefined when it is not an ISO-8601 date-time with a timezone. */
export function parseIsoDateTime(text: string): Date | undefined {
	const match = ISO_8601_DATE_TIME.exec(text.trim());
	if (!match) return undefined;
	const [, local, zone] = match;
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
