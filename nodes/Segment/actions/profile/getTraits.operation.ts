import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { asRecord } from '../../helpers/values';
import { followProfileCursor } from '../../transport/profileApi';
import type { OperationModule } from '../resource';
import { profileFields, profileOptions } from './fields';
import { readOption, runProfileOperation } from './lookup';

export const option: OperationModule['option'] = {
	name: 'Get Traits',
	description:
		"Get a profile's traits (all, selected, its audiences or its computed traits) as one object",
	action: 'Get the traits of a profile',
};

export const properties: INodeProperties[] = [
	...profileFields,
	{
		displayName: 'Traits',
		name: 'traitsToGet',
		type: 'options',
		options: [
			{ name: 'All', value: 'all', description: 'Every trait of the profile' },
			{ name: 'Selected', value: 'selected', description: 'Only the traits named below' },
			{
				name: 'Audiences',
				value: 'audience',
				description: 'The audiences the profile is in, each a trait that is true',
			},
			{
				name: 'Computed Traits',
				value: 'computed_trait',
				description: 'The traits Segment computes (counts, last values, predictions)',
			},
		],
		default: 'all',
		description: 'Which traits to get; they come as one object, trait name → value',
	},
	{
		displayName: 'Trait Names',
		name: 'traitNames',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. plan,first_name',
		description: 'The traits to get, separated by commas',
		displayOptions: { show: { traitsToGet: ['selected'] } },
	},
	profileOptions([
		{
			displayName: 'Verbose',
			name: 'verbose',
			type: 'boolean',
			default: false,
			description:
				'Whether each trait comes as { value, source_id, updated_at }: which source set it and when, instead of its value alone',
		},
	]),
];

const CLASSES = ['audience', 'computed_trait'];

/**
 * GET …/profiles/{id}/traits, following the cursor to the last trait (Segment answers 10 a page
 * unless asked for more; the node asks for 200, the most it serves). One item per input item: the
 * traits merged into one object.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runProfileOperation.call(this, function (itemIndex, target) {
		const selection = this.getNodeParameter('traitsToGet', itemIndex, 'all') as string;
		const qs: IDataObject = {};
		if (CLASSES.includes(selection)) {
			qs.class = selection;
		} else if (selection === 'selected') {
			const raw = this.getNodeParameter('traitNames', itemIndex, '') as unknown;
			const names = (typeof raw === 'string' ? raw.split(',') : [])
				.map((name) => name.trim())
				.filter((name) => name !== '');
			if (names.length === 0) {
				throw fieldError(
					this.getNode(),
					itemIndex,
					{ label: 'Trait Names', path: 'traitNames' },
					'name at least one trait, separated by commas (e.g. plan,first_name)',
				);
			}
			qs.include = names.join(',');
		} else if (selection !== 'all') {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Traits', path: 'traitsToGet' },
				`expected all, selected, audience or computed_trait; got "${selection}"`,
			);
		}
		if (readOption.call(this, itemIndex, 'verbose') === true) qs.verbose = true;
		return async () => {
			const pages = await followProfileCursor.call(
				this,
				{ ...target, route: 'traits', qs, itemIndex },
				undefined,
				(page) => Object.keys(asRecord(page.traits) ?? {}).length,
			);
			return Object.assign({}, ...pages.map((page) => asRecord(page.traits) ?? {})) as IDataObject;
		};
	});
}
