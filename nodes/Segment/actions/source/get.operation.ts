import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminOptions, sourceLocator } from '../common.descriptions';
import { adminOutput, adminRequest, apiPath, resourceId, runAdminOperation } from '../admin';

const properties: INodeProperties[] = [sourceLocator('The source to get'), adminOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['get'] } },
	properties,
);

/** SourcesApi.getSource: GET /sources/{sourceId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await adminRequest.call(this, itemIndex, {
			method: 'GET',
			path: apiPath('/sources/{sourceId}', { sourceId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) =>
			data.source
				? { ...(data.source as object), trackingPlanId: data.trackingPlanId ?? null }
				: undefined,
		);
	});
}
