import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { WORKSPACE_OBJECTS } from '../../workspaceObjects';
import { adminList, adminOutput, resourceId, type AdminOutput } from '../admin';

/**
 * Segment's catalog of destination, source and warehouse kinds (CatalogApi): one shape for the
 * three. A kind is its catalog object in ../../workspaceObjects.ts, whose name is also the key of
 * one entry in Segment's answer (`data.destinationMetadata`).
 */
export type CatalogKind = 'destinationMetadata' | 'sourceMetadata' | 'warehouseMetadata';

/** `GET /catalog/<kind>s/{metadataId}`: the entry, with its options (the settings it takes). */
export async function getCatalogEntry(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: CatalogKind,
): Promise<AdminOutput> {
	const metadataId = resourceId.call(this, kind, itemIndex);
	const body = await publicApiRequest.call(this, {
		itemIndex,
		method: 'GET',
		path: apiPath(`/${WORKSPACE_OBJECTS[kind].collection}/{metadataId}`, { metadataId }),
		version: 'v1',
	});
	return adminOutput.call(this, itemIndex, body, (data) => data[kind]);
}

/** `GET /catalog/<kind>s`, paginated: one output item per entry. */
export async function getCatalogEntries(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: CatalogKind,
): Promise<AdminOutput> {
	const { collection, list } = WORKSPACE_OBJECTS[kind];
	return await adminList.call(this, itemIndex, {
		path: `/${collection}`,
		listKey: list.key,
		version: 'v1',
	});
}
