import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, returnAllOrLimit, sortedByDisplayName } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { readTimeRange } from '../timeRange';

export const option: OperationModule['option'] = {
	name: 'Get Event Volume',
	description:
		"Count the workspace's events over time, by day, hour or minute, grouped and filtered by source, event name or type",
	action: 'Get the event volume of the workspace',
};

const GRANULARITIES = ['DAY', 'HOUR', 'MINUTE'] as const;
const GROUP_BY = ['eventName', 'eventType', 'source'] as const;
const EVENT_TYPES = ['alias', 'group', 'identify', 'page', 'screen', 'track'] as const;

export const properties: INodeProperties[] = [
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		options: [
			{ name: 'Day', value: 'DAY' },
			{ name: 'Hour', value: 'HOUR' },
			{ name: 'Minute', value: 'MINUTE' },
		],
		default: 'DAY',
		description: 'The size of each time bucket the events are counted in',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2024-05-01T00:00:00Z',
		description:
			'Count events from this time, inclusive (ISO-8601 with a timezone, e.g. {{ $now.minus({ days: 7 }).toISO() }})',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2024-05-08T00:00:00Z',
		description:
			'Count events until this time, exclusive (ISO-8601 with a timezone). Segment suggests a minute behind now, e.g. {{ $now.minus({ minutes: 1 }).toISO() }}, so late events are counted.',
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'multiOptions',
		options: [
			{ name: 'Event Name', value: 'eventName' },
			{ name: 'Event Type', value: 'eventType' },
			{ name: 'Source', value: 'source' },
		],
		default: [],
		description:
			'The dimensions to break the counts down by: one output item per combination. None: one item for the whole workspace.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description: 'Count only the events that match every filter given',
		options: sortedByDisplayName([
			{
				displayName: 'App Versions',
				name: 'appVersion',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add App Version' },
				default: [],
				description: "The app versions to count (the events' context.app.version)",
			},
			{
				displayName: 'Event Names',
				name: 'eventName',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Event Name' },
				default: [],
				description: 'The event names to count, e.g. Order Completed',
			},
			{
				displayName: 'Event Types',
				name: 'eventType',
				type: 'multiOptions',
				options: EVENT_TYPES.map((type) => ({
					name: type[0].toUpperCase() + type.slice(1),
					value: type,
				})),
				default: [],
				description: 'The call types to count',
			},
			{
				displayName: 'Source Names or IDs',
				name: 'sourceId',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSources' },
				default: [],
				description:
					'The sources whose events to count. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		]),
	},
	...returnAllOrLimit,
	adminOptions(),
];

const FILTER_LABELS: Record<string, string> = {
	appVersion: 'App Versions',
	eventName: 'Event Names',
	eventType: 'Event Types',
	sourceId: 'Source Names or IDs',
};

/** A list parameter (a multi-select, several values, or one comma-separated text from an expression). */
function readList(
	this: IExecuteFunctions,
	itemIndex: number,
	field: { label: string; path: string },
	raw: unknown,
	allowed?: readonly string[],
): string[] {
	const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
	const values = entries
		.filter((entry) => entry !== undefined && entry !== null)
		.map((entry) => (typeof entry === 'string' ? entry.trim() : JSON.stringify(entry)))
		.filter((entry) => entry !== '');
	const wrong = allowed ? values.find((value) => !allowed.includes(value)) : undefined;
	if (wrong !== undefined) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`expected ${allowed!.join(', ')}; got "${wrong}"`,
		);
	}
	return values;
}

/** The GetEventsVolumeFromWorkspace query, without its pagination. */
function readQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const granularity = this.getNodeParameter('granularity', itemIndex, 'DAY') as string;
	if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Granularity', path: 'granularity' },
			`expected DAY, HOUR or MINUTE; got "${granularity}"`,
		);
	}
	const query: IDataObject = {
		granularity,
		...readTimeRange.call(this, itemIndex, { required: true }),
	};
	const groupBy = readList.call(
		this,
		itemIndex,
		{ label: 'Group By', path: 'groupBy' },
		this.getNodeParameter('groupBy', itemIndex, []),
		GROUP_BY,
	);
	if (groupBy.length > 0) query.groupBy = groupBy;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	for (const name of ['sourceId', 'eventName', 'eventType', 'appVersion']) {
		if (filters[name] === undefined) continue;
		const field = { label: FILTER_LABELS[name], path: name };
		const values = readList.call(
			this,
			itemIndex,
			field,
			filters[name],
			name === 'eventType' ? EVENT_TYPES : undefined,
		);
		if (values.length > 0) query[name] = values;
	}
	return query;
}

/**
 * EventsApi.getEventsVolumeFromWorkspace: GET /events/volume?granularity&startTime&endTime&groupBy&…,
 * paginated, paced under its 60 requests a minute; one output item per series (a combination of
 * the groups), with its total and its buckets.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await adminList.call(this, itemIndex, {
			path: '/events/volume',
			listKey: 'result',
			qs: readQuery.call(this, itemIndex),
			version: 'v1',
			rateLimit: 'eventVolume',
		});
	});
}
