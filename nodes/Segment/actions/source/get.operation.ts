import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { adminOptions, resourceLocator } from '../common.descriptions';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get',
	description: 'Get a source by ID',
	action: 'Get a source',
};

export const properties: INodeProperties[] = [
	resourceLocator('source', 'The source to get'),
	adminOptions(),
];

/** SourcesApi.getSource: GET /sources/{sourceId}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const sourceId = resourceId.call(this, 'source', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
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
