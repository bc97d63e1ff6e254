import type { INodeProperties, INodePropertyRegexValidation } from 'n8n-workflow';

import { WORKSPACE_OBJECTS, type LocatableObjectName } from '../workspaceObjects';
import { retryOptions } from '../transport/retryOptions';

/**
 * Parameters shared by the Public API (admin) operations. Each operation file lists the ones it
 * uses; ./admin.ts reads them.
 */

/** Segment IDs are letters and digits (sources, warehouses) or hex (destinations). */
const ID_PATTERN = '^[A-Za-z0-9_-]+$';

/**
 * A resource locator for a kind of workspace object (../workspaceObjects.ts): "From List"
 * (searchable, paginated), "By ID" and, where the object's app URL carries its ID, "By URL".
 */
export function resourceLocator(
	name: LocatableObjectName,
	description: string,
	displayName: string = WORKSPACE_OBJECTS[name].label,
): INodeProperties {
	const { label, locator } = WORKSPACE_OBJECTS[name];
	const noun = label.toLowerCase();
	const appUrl = 'appUrl' in locator ? locator.appUrl : undefined;
	const byId: INodePropertyRegexValidation = {
		type: 'regex',
		properties: { regex: ID_PATTERN, errorMessage: `Not a ${noun} ID: letters and digits only` },
	};
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun}…`,
				typeOptions: { searchListMethod: locator.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${locator.idExample}`,
				validation: [byId],
			},
			...(appUrl
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: appUrl.example,
							extractValue: { type: 'regex' as const, regex: appUrl.pattern },
							validation: [
								{
									type: 'regex' as const,
									properties: {
										regex: appUrl.pattern,
										errorMessage: `Not a Segment ${noun} URL, like ${appUrl.example}`,
									},
								},
							],
						},
					]
				: []),
		],
	};
}

/**
 * Options in the order n8n's editor and lint rules want them in a collection: by display name.
 * Collections assembled from shared parts (retry options, an operation's own) are sorted here.
 */
export function sortedByDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Return All or Limit, for operations that list. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The `options` collection every admin operation has; some add their own options to it. */
export function adminOptions(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: 'More settings for this operation, and how its output is shaped',
		options: sortedByDisplayName([
			...extra,
			...retryOptions,
			{
				displayName: 'Raw Response',
				name: 'rawResponse',
				type: 'boolean',
				default: false,
				description:
					"Whether to output Segment's response as it came, with its `data` envelope (and one item per page for lists), instead of the useful object or one item per element",
			},
		]),
	};
}

/** Labels of the workspace, as `key:value`, chosen from the list Segment has. */
export const labelsField: INodeProperties = {
	displayName: 'Label Names or IDs',
	name: 'labels',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getLabels' },
	required: true,
	default: [],
	description:
		'Labels of the workspace, each as key:value (e.g. environment:prod). Create new ones with Label › Create. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
