import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../resource';
import { returnAllOrLimit } from '../common.descriptions';
import { nameListOption, profileFields, profileOptions } from './fields';
import { fetchProfileList, readListLimit, readNameListOption, runProfileOperation } from './lookup';

export const option: OperationModule['option'] = {
	name: 'Get External IDs',
	description:
		"Get a profile's identities (user_id, email, anonymous_id, devices…), one item per ID",
	action: 'Get the identities of a profile',
};

export const properties: INodeProperties[] = [
	...profileFields,
	...returnAllOrLimit,
	profileOptions([
		nameListOption(
			'Include ID Types',
			'include',
			'Only these ID types, separated by commas. Empty: all of them.',
			'e.g. email,anonymous_id',
		),
	]),
];

/** GET …/profiles/{id}/external_ids, following the cursor: one item per external ID. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runProfileOperation.call(this, function (itemIndex, target) {
		const limit = readListLimit.call(this, itemIndex);
		const include = readNameListOption.call(this, itemIndex, {
			name: 'include',
			label: 'Include ID Types',
		});
		const qs = include === undefined ? {} : { include };
		return async () =>
			await fetchProfileList.call(this, { ...target, route: 'external_ids', qs, itemIndex }, limit);
	});
}
