import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Regulation',
	description:
		'Get a regulation: its overall status and the status of each destination asked to delete',
	action: 'Get a regulation',
};

export const properties: INodeProperties[] = [
	resourceLocator(
		'regulation',
		'The regulation, by the regulateId Create Regulation output (Segment keeps regulations for 90 days)',
	),
	adminOptions(),
];

/**
 * DeletionAndSuppressionApi.getRegulation: GET /regulations/{regulateId} → the regulation with
 * `overallStatus` and `streamStatus[].destinationStatus[]` (each destination's status).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const regulateId = resourceId.call(this, 'regulation', itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: apiPath('/regulations/{regulateId}', { regulateId }),
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => data.regulation);
	});
}
