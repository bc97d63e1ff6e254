import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../resource';
import { returnAllOrLimit } from '../common.descriptions';
import { profileFields, profileOptions } from './fields';
import { fetchProfileList, readListLimit, runProfileOperation } from './lookup';

export const option: OperationModule['option'] = {
	name: 'Get Links',
	description:
		'Get the accounts a user profile is linked to, or the users linked to an account, one item per link',
	action: 'Get the linked users or accounts of a profile',
};

export const properties: INodeProperties[] = [
	...profileFields,
	...returnAllOrLimit,
	profileOptions(),
];

/** GET …/profiles/{id}/links: one item per linked profile ({ to_collection, external_ids }). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runProfileOperation.call(this, function (itemIndex, target) {
		const limit = readListLimit.call(this, itemIndex);
		return async () =>
			await fetchProfileList.call(this, { ...target, route: 'links', itemIndex }, limit);
	});
}
