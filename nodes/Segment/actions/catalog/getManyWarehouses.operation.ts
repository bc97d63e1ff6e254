import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { getCatalogEntries } from './catalogEntry';

export const option: OperationModule['option'] = {
	name: 'Get Many Warehouses',
	description: "Get the kinds of warehouse Segment's catalog offers",
	action: 'Get many warehouses from the catalog',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** CatalogApi.getWarehousesCatalog: GET /catalog/warehouses, paginated. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		return await getCatalogEntries.call(this, itemIndex, 'warehouseMetadata');
	});
}
