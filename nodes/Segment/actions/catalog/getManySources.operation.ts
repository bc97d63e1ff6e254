import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { getCatalogEntries } from './catalogEntry';

export const option: OperationModule['option'] = {
	name: 'Get Many Sources',
	description: "Get the kinds of source Segment's catalog offers",
	action: 'Get many sources from the catalog',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** CatalogApi.getSourcesCatalog: GET /catalog/sources, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await getCatalogEntries.call(this, itemIndex, 'sourceMetadata');
	});
}
