import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';

export const option: OperationModule['option'] = {
	name: 'Update',
	description: "Update a Tracking Plan's name or description (its rules: the Rules operations)",
	action: 'Update a tracking plan',
};

export const properties: INodeProperties[] = [
	resourceLocator('trackingPlan', 'The Tracking Plan to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field to update',
		default: {},
		description: 'The fields to change; the others stay as they are',
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the Tracking Plan is for',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The name shown in the Segment app',
			},
		],
	},
	adminOptions(),
];

/** The UpdateTrackingPlanV1Input body: only the fields the user set. */
function readUpdate(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const update: IDataObject = {};
	if (fields.name !== undefined) {
		const name = String(fields.name).trim();
		if (name === '') {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Name', path: 'name' },
				'must not be empty',
			);
		}
		update.name = name;
	}
	// An empty description clears it.
	if (fields.description !== undefined) update.description = String(fields.description).trim();
	if (Object.keys(update).length === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Update Fields', path: 'updateFields' },
			'add at least one field to change (Name or Description)',
		);
	}
	return update;
}

/** TrackingPlansApi.updateTrackingPlan: PATCH /tracking-plans/{trackingPlanId} with `{ name?, description? }`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const trackingPlanId = resourceId.call(this, 'trackingPlan', itemIndex);
		const update = readUpdate.call(this, itemIndex);
		const body = await publicApiRequest.call(this, {
			itemIndex,
			method: 'PATCH',
			path: apiPath('/tracking-plans/{trackingPlanId}', { trackingPlanId }),
			version: 'v1',
			body: update,
		});
		return adminOutput.call(this, itemIndex, body, (data) => ({
			trackingPlanId,
			...update,
			...data,
		}));
	});
}
