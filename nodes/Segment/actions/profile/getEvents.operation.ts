import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { parseIsoDateTime, publicApiDateTime } from '../../helpers/dateTime';
import { fieldError } from '../../helpers/fieldError';
import type { OperationModule } from '../resource';
import { returnAllOrLimit } from '../common.descriptions';
import { nameListOption, profileFields, profileOptions } from './fields';
import {
	fetchProfileList,
	readListLimit,
	readNameListOption,
	readOption,
	runProfileOperation,
} from './lookup';

export const option: OperationModule['option'] = {
	name: 'Get Events',
	description: "Get a profile's recent events (Segment keeps the last 14 days), one item per event",
	action: 'Get the events of a profile',
};

export const properties: INodeProperties[] = [
	...profileFields,
	...returnAllOrLimit,
	profileOptions([
		{
			displayName: 'Start',
			name: 'start',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2024-05-01T00:00:00Z',
			description:
				'Only events after this time (ISO-8601 with a timezone, e.g. {{ $now.minus({ days: 7 }).toISO() }})',
		},
		{
			displayName: 'End',
			name: 'end',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2024-05-08T00:00:00Z',
			description: 'Only events before this time (ISO-8601 with a timezone)',
		},
		nameListOption(
			'Include Events',
			'include',
			'Only events with these names, separated by commas',
			'e.g. Order Completed,Page Viewed',
		),
		nameListOption(
			'Exclude Events',
			'exclude',
			'Leave out events with these names, separated by commas',
			'e.g. Page Viewed',
		),
		{
			displayName: 'Order',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'desc' },
				{ name: 'Oldest First', value: 'asc' },
			],
			default: 'desc',
			description: 'The order of the events (and of the items)',
		},
	]),
];

type TimeOption = { name: 'start' | 'end'; label: string };

function readTime(
	this: IExecuteFunctions,
	itemIndex: number,
	{ name, label }: TimeOption,
): { text: string; date: Date } | undefined {
	const raw = readOption.call(this, itemIndex, name);
	const text = (raw instanceof Date ? raw.toISOString() : String(raw ?? '')).trim();
	if (text === '') return undefined;
	const date = parseIsoDateTime(text);
	if (!date) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label, path: `options.${name}` },
			`expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "${text}"`,
		);
	}
	return { text: publicApiDateTime(text, date), date };
}

/** GET …/profiles/{id}/events, following the cursor: one item per event. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runProfileOperation.call(this, function (itemIndex, target) {
		const limit = readListLimit.call(this, itemIndex);
		const qs: IDataObject = {};
		const start = readTime.call(this, itemIndex, { name: 'start', label: 'Start' });
		const end = readTime.call(this, itemIndex, { name: 'end', label: 'End' });
		if (start && end && start.date > end.date) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'End', path: 'options.end' },
				`must not be before Start (${start.text}); got "${end.text}"`,
			);
		}
		if (start) qs.start = start.text;
		if (end) qs.end = end.text;
		const include = readNameListOption.call(this, itemIndex, {
			name: 'include',
			label: 'Include Events',
		});
		const exclude = readNameListOption.call(this, itemIndex, {
			name: 'exclude',
			label: 'Exclude Events',
		});
		if (include !== undefined) qs.include = include;
		if (exclude !== undefined) qs.exclude = exclude;
		const sort = readOption.call(this, itemIndex, 'sort') ?? 'desc';
		if (sort !== 'asc' && sort !== 'desc') {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Order', path: 'options.sort' },
				`expected asc or desc; got ${JSON.stringify(sort)}`,
			);
		}
		qs.sort = sort;
		return async () =>
			await fetchProfileList.call(this, { ...target, route: 'events', qs, itemIndex }, limit);
	});
}
