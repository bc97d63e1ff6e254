import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { adminOptions, returnAllOrLimit } from '../common.descriptions';
import { adminList, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import { TRACKING_PLAN_TYPE_OPTIONS, TRACKING_PLAN_TYPES } from './trackingPlans';

export const option: OperationModule['option'] = {
	name: 'Get Many',
	description: 'Get many Tracking Plans of the workspace (Protocols)',
	action: 'Get many tracking plans',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description: 'Only the Tracking Plans that match these',
		options: [
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: TRACKING_PLAN_TYPE_OPTIONS,
				default: 'LIVE',
				description: 'Only Tracking Plans of this type',
			},
		],
	},
	adminOptions(),
];

/** TrackingPlansApi.listTrackingPlans: GET /tracking-plans, paginated, with `type`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.type !== undefined && filters.type !== '') {
			if (!(TRACKING_PLAN_TYPES as readonly unknown[]).includes(filters.type)) {
				throw fieldError(
					this.getNode(),
					itemIndex,
					{ label: 'Type', path: 'type' },
					`expected one of ${TRACKING_PLAN_TYPES.join(', ')}; got ${JSON.stringify(filters.type)}`,
				);
			}
			qs.type = filters.type;
		}
		return await adminList.call(this, itemIndex, {
			path: '/tracking-plans',
			listKey: 'trackingPlans',
			version: 'v1',
			qs,
		});
	});
}
