import type { IExecuteFunctions } from 'n8n-workflow';

import { parseIsoDateTime, publicApiDateTime } from '../helpers/dateTime';
import { fieldError } from '../helpers/fieldError';

/**
 * The Start Time and End Time parameters of the operations that read a time range (delivery
 * metrics, event volume, the audit trail): ISO-8601 with a timezone (../helpers/dateTime.ts), sent
 * as the API documents them, and a start before the end.
 */
export interface TimeRange {
	startTime?: string;
	endTime?: string;
}

const FIELDS = {
	startTime: { label: 'Start Time', path: 'startTime' },
	endTime: { label: 'End Time', path: 'endTime' },
} as const;

function readTime(
	this: IExecuteFunctions,
	itemIndex: number,
	name: keyof typeof FIELDS,
	required: boolean,
): { text: string; date: Date } | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	const text = (raw instanceof Date ? raw.toISOString() : String(raw ?? '')).trim();
	if (text === '') {
		if (!required) return undefined;
		throw fieldError(
			this.getNode(),
			itemIndex,
			FIELDS[name],
			'must not be empty: give an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z',
		);
	}
	const date = parseIsoDateTime(text);
	if (!date) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			FIELDS[name],
			`expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "${text}"`,
		);
	}
	return { text, date };
}

/** Reads Start Time and End Time; each one given is valid, and the start comes before the end. */
export function readTimeRange(
	this: IExecuteFunctions,
	itemIndex: number,
	{ required }: { required: boolean },
): TimeRange {
	const start = readTime.call(this, itemIndex, 'startTime', required);
	const end = readTime.call(this, itemIndex, 'endTime', required);
	if (start && end && start.date.getTime() >= end.date.getTime()) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			FIELDS.endTime,
			`must be after Start Time (${start.text}); got "${end.text}"`,
		);
	}
	return {
		...(start ? { startTime: publicApiDateTime(start.text, start.date) } : {}),
		...(end ? { endTime: publicApiDateTime(end.text, end.date) } : {}),
	};
}
