import type { INodeProperties } from 'n8n-workflow';

import { retryOptions } from '../../transport/retryOptions';
import { sortedByDisplayName } from '../common.descriptions';

/**
 * Parameters shared by the Profile operations: which profile (a collection and an identifier
 * given as type and value) and the Options collection. ./lookup.ts reads them.
 */

export const profileFields: INodeProperties[] = [
	{
		displayName: 'Profile Type',
		name: 'collection',
		type: 'options',
		options: [
			{ name: 'User', value: 'users', description: 'A person (Identify calls)' },
			{ name: 'Account', value: 'accounts', description: 'A company or group (Group calls)' },
		],
		default: 'users',
		description: 'Whether to read a user profile or an account profile',
	},
	{
		displayName: 'Identifier Type',
		name: 'idType',
		type: 'string',
		default: 'user_id',
		placeholder: 'e.g. email',
		description:
			'The kind of external ID to look the profile up by: user_id, email, anonymous_id, phone or any other ID type the space resolves; group_id for accounts',
	},
	{
		displayName: 'Identifier Value',
		name: 'idValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ada+crm@example.com',
		description:
			'The external ID itself, exactly as Segment received it, usually an expression reading the incoming item (its email, its CRM ID). Any character may be in it: the node encodes it for the URL.',
	},
];

/** Whether a missing profile is an item instead of an error: the branch a lead-routing workflow needs. */
const notFoundOption: INodeProperties = {
	displayName: 'Output Not Found as Item',
	name: 'outputNotFound',
	type: 'boolean',
	default: false,
	description:
		'Whether an identifier without a profile outputs an item { notFound: true, collection, identifier, message } instead of failing, so an IF node can branch on it',
};

/** The Options collection of a Profile operation; some add their own options to it. */
export function profileOptions(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: 'More settings for this operation',
		options: sortedByDisplayName([...extra, notFoundOption, ...retryOptions]),
	};
}

/** An option holding a comma-separated list of names (traits, ID types, events). */
export function nameListOption(
	displayName: string,
	name: string,
	description: string,
	placeholder: string,
): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, description };
}
