import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, destinationLocator, sourceLocator } from '../common.descriptions';
import { adminOutput, adminRequest, apiPath, resourceId, runAdminOperation } from '../admin';

export const GRANULARITIES = ['DAY', 'HOUR', 'MINUTE'] as const;

const properties: INodeProperties[] = [
	destinationLocator('The destination whose deliveries to summarise'),
	sourceLocator('The source connected to the destination whose events to count'),
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		options: [
			{ name: 'Day', value: 'DAY', description: 'At most 14 days, starting at most 14 days ago' },
			{ name: 'Hour', value: 'HOUR', description: 'At most 7 days, starting at most 7 days ago' },
			{
				name: 'Minute',
				value: 'MINUTE',
				description: 'At most 4 hours, starting at most 48 hours ago',
			},
		],
		default: 'DAY',
		description:
			'The time unit the metrics are counted in; it limits the time range Segment accepts',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-05-01T00:00:00Z',
		description:
			"Count events from this time (ISO-8601 with a timezone, e.g. {{ $now.minus({ days: 7 }).toISO() }}). Empty: Segment's default for the granularity (1 hour ago for Minute, 7 days for Hour, 30 days for Day).",
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-05-08T00:00:00Z',
		description: 'Count events until this time (ISO-8601 with a timezone). Empty: now.',
	},
	adminOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['destination'], operation: ['getDeliveryMetricsSummary'] } },
	properties,
);

const ISO_WITH_TIMEZONE =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

function readTime(
	this: IExecuteFunctions,
	itemIndex: number,
	name: 'startTime' | 'endTime',
): string | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	const text = (raw instanceof Date ? raw.toISOString() : String(raw ?? '')).trim();
	if (text === '') return undefined;
	if (!ISO_WITH_TIMEZONE.test(text) || Number.isNaN(Date.parse(text))) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: name === 'startTime' ? 'Start Time' : 'End Time', path: name },
			`expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "${text}"`,
		);
	}
	return text;
}

/**
 * DestinationsApi.listDeliveryMetricsSummaryFromDestination (beta):
 * GET /destinations/{destinationId}/delivery-metrics?sourceId&startTime&endTime&granularity.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const destinationId = resourceId.call(this, 'destination', itemIndex);
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const granularity = this.getNodeParameter('granularity', itemIndex, 'DAY') as string;
		if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Granularity', path: 'granularity' },
				`expected DAY, HOUR or MINUTE; got "${granularity}"`,
			);
		}
		const qs: IDataObject = { sourceId };
		const startTime = readTime.call(this, itemIndex, 'startTime');
		const endTime = readTime.call(this, itemIndex, 'endTime');
		if (startTime !== undefined) qs.startTime = startTime;
		if (endTime !== undefined) qs.endTime = endTime;
		qs.granularity = granularity;
		const body = await adminRequest.call(this, itemIndex, {
			method: 'GET',
			path: apiPath('/destinations/{destinationId}/delivery-metrics', { destinationId }),
			version: 'beta',
			qs,
		});
		return adminOutput.call(this, itemIndex, body, (data) =>
			data.deliveryMetricsSummary
				? { destinationId, ...(data.deliveryMetricsSummary as IDataObject) }
				: undefined,
		);
	});
}
