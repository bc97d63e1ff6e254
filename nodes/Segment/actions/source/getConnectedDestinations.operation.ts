import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator, returnAllOrLimit } from '../common.descriptions';
import { apiPath } from '../../transport/publicApi';
import { adminList, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Connected Destinations',
	description: 'Get the destinations a source sends its events to',
	action: 'Get destinations connected to a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source whose connected destinations to get'),
	...returnAllOrLimit,
	adminOptions(),
];

/** SourcesApi.listConnectedDestinationsFromSource: GET /sources/{sourceId}/connected-destinations, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		return await adminList.call(this, itemIndex, {
			path: apiPath('/sources/{sourceId}/connected-destinations', { sourceId }),
			listKey: 'destinations',
			version: 'v1',
		});
	});
}
