import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { adminOptions, returnAllOrLimit, sortedByDisplayName } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { readTimeRange } from '../timeRange';

export const option: OperationModule['option'] = {
	name: 'Get Many',
	description: "Get the workspace's audit events: who created, changed or deleted what, and when",
	action: 'Get many audit events',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-05-01T00:00:00Z',
		description:
			'Only events after this time (ISO-8601 with a timezone, e.g. {{ $now.minus({ days: 1 }).toISO() }}). Empty: no lower bound.',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-05-08T00:00:00Z',
		description: 'Only events before this time (ISO-8601 with a timezone). Empty: until now.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description: 'Only the events that match every filter given',
		options: sortedByDisplayName([
			{
				displayName: 'Resource ID',
				name: 'resourceId',
				type: 'string',
				default: '',
				placeholder: 'e.g. qQEHquLrjRDN9j1ByrChyn',
				description: 'Only events about this resource (a source, destination, warehouse…)',
			},
			{
				displayName: 'Resource Type',
				name: 'resourceType',
				type: 'string',
				default: '',
				placeholder: 'e.g. source',
				description:
					"Only events about this kind of resource, as the events' resourceType names it (e.g. source, destination, warehouse, tracking_plan)",
			},
		]),
	},
	...returnAllOrLimit,
	adminOptions(),
];

/**
 * AuditTrailApi.listAuditEvents: GET /audit-events?startTime&endTime&resourceId&resourceType,
 * paginated; one output item per event.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const qs: IDataObject = { ...readTimeRange.call(this, itemIndex, { required: false }) };
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		for (const name of ['resourceId', 'resourceType']) {
			const value = typeof filters[name] === 'string' ? (filters[name] as string).trim() : '';
			if (value !== '') qs[name] = value;
		}
		return await adminList.call(this, itemIndex, {
			path: '/audit-events',
			listKey: 'events',
			qs,
			version: 'v1',
		});
	});
}
