import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { getCatalogEntries } from './catalogEntry';

export const option: OperationModule['option'] = {
	name: 'Get Many Destinations',
	description: "Get the kinds of destination Segment's catalog offers",
	action: 'Get many destinations from the catalog',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** CatalogApi.getDestinationsCatalog: GET /catalog/destinations, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await getCatalogEntries.call(this, itemIndex, 'destinationMetadata');
	});
}
