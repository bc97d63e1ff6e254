import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { readTimeRange } from '../timeRange';

export const option: OperationModule['option'] = {
	name: 'Get Delivery Metrics Summary',
	description: 'Summarise how the events of a source were delivered to a destination',
	action: 'Get the delivery metrics summary of a destination',
};

export const GRANULARITIES = ['DAY', 'HOUR', 'MINUTE'] as const;

export const properties: INodeProperties[] = [
	resourceLocator('destination', 'The destination whose deliveries to summarise'),
	resourceLocator('source', 'The source connected to the destination whose events to count'),
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
		const qs: IDataObject = {
			sourceId,
			...readTimeRange.call(this, itemIndex, { required: false }),
			granularity,
		};
		const body = await publicApiRequest.call(this, {
			itemIndex,
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
