import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asRecord } from '../../helpers/values';
import { profileApiRequest } from '../../transport/profileApi';
import type { OperationModule } from '../resource';
import { profileFields, profileOptions } from './fields';
import { runProfileOperation } from './lookup';

export const option: OperationModule['option'] = {
	name: 'Get Metadata',
	description:
		'Get when a profile was created and last updated, and the first and last message and source',
	action: 'Get the metadata of a profile',
};

export const properties: INodeProperties[] = [...profileFields, profileOptions()];

/** GET …/profiles/{id}/metadata: one item per input item, the metadata object. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runProfileOperation.call(this, function (itemIndex, target) {
		return async () => {
			const body = await profileApiRequest.call(this, { ...target, route: 'metadata', itemIndex });
			return asRecord(body.metadata) ?? {};
		};
	});
}
