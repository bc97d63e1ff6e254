import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { publicApiRequest } from '../../transport/publicApi';
import { adminOutput, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Get Many',
	description: 'Get many labels of the workspace',
	action: 'Get many labels',
};

export const properties: INodeProperties[] = [...returnAllOrLimit, adminOptions()];

/** LabelsApi.listLabels: GET /labels (the API returns them all at once, without pagination). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'GET',
			path: '/labels',
			version: 'v1',
		});
		return adminOutput.call(this, itemIndex, body, (data) => {
			const labels = Array.isArray(data.labels) ? (data.labels as IDataObject[]) : [];
			return limit === undefined ? labels : labels.slice(0, Math.max(0, limit));
		});
	});
}
