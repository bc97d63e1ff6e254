import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { getCatalogEntry } from './catalogEntry';

export const option: OperationModule['option'] = {
	name: 'Get Destination',
	description: "Get a kind of destination from Segment's catalog, with the settings it takes",
	action: 'Get a destination from the catalog',
};

export const properties: INodeProperties[] = [
	resourceLocator('destinationMetadata', 'The catalog entry to get'),
	adminOptions(),
];

/** CatalogApi.getDestinationMetadata: GET /catalog/destinations/{destinationMetadataId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await getCatalogEntry.call(this, itemIndex, 'destinationMetadata');
	});
}
