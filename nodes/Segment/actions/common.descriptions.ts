import type { INodeProperties, INodePropertyRegexValidation } from 'n8n-workflow';
import { requestOptions } from './requestOptions';

/**
 * Parameters shared by the Public API (admin) operations. Each operation file lists the ones it
 * uses; ./admin.ts reads them.
 */

/**
 * Segment app URLs that carry an ID. A warehouse's page is
 * `app.segment.com/<workspace>/warehouses/<warehouse id>/overview` (Segment's warehouse FAQ), and a
 * destination's is `app.segment.com/<workspace>/destinations/<catalog slug>/sources/<source slug>/instances/<destination id>/…`.
 * A source's page carries the source's slug, not its ID
 * (`app.segment.com/<workspace>/sources/<source slug>/overview`), so sources have no "By URL" mode.
 */
export const SEGMENT_APP_URL = {
	destination:
		'^https?://(?:[\\w-]+\\.)*segment\\.com/[^/?#]+/destinations/[^/?#]+/sources/[^/?#]+/instances/([A-Za-z0-9_-]+)(?:[/?#].*)?$',
	warehouse:
		'^https?://(?:[\\w-]+\\.)*segment\\.com/[^/?#]+/warehouses/([A-Za-z0-9_-]+)(?:[/?#].*)?$',
} as const;

/** Segment IDs are letters and digits (sources, warehouses) or hex (destinations). */
const ID_PATTERN = '^[A-Za-z0-9_-]+$';

/** Validation of the "By ID" mode. */
function idValidation(what: string): INodePropertyRegexValidation[] {
	return [
		{
			type: 'regex',
			properties: { regex: ID_PATTERN, errorMessage: `Not a ${what} ID: letters and digits only` },
		},
	];
}

/** Validation of the "By URL" mode. */
function urlValidation(
	regex: string,
	what: string,
	example: string,
): INodePropertyRegexValidation[] {
	return [
		{
			type: 'regex',
			properties: { regex, errorMessage: `Not a Segment ${what} URL, like ${example}` },
		},
	];
}

export const DESTINATION_URL_EXAMPLE =
	'https://app.segment.com/my-workspace/destinations/webhooks/sources/website/instances/64d40b102eee0454dd8e2696/configuration';

export const WAREHOUSE_URL_EXAMPLE =
	'https://app.segment.com/my-workspace/warehouses/3FkZ9pQw7LmX2sVbN8cRtY/overview';

/** What tells one resource locator from another. */
interface LocatorSpec {
	/** Parameter name, and the resource as the messages say it. */
	name: 'source' | 'destination' | 'warehouse';
	label: string;
	searchListMethod: string;
	idExample: string;
	/** The "By URL" mode, for resources whose app URL carries the ID. */
	url?: { regex: string; example: string };
}

/** A resource locator: "From List" (searchable, paginated), "By ID" and, where it works, "By URL". */
function resourceLocator(
	spec: LocatorSpec,
	description: string,
	displayName = spec.label,
): INodeProperties {
	const { url } = spec;
	return {
		displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.name}…`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${spec.idExample}`,
				validation: idValidation(spec.name),
			},
			...(url
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: url.example,
							extractValue: { type: 'regex' as const, regex: url.regex },
							validation: urlValidation(url.regex, spec.name, url.example),
						},
					]
				: []),
		],
	};
}

export function sourceLocator(description: string, displayName = 'Source'): INodeProperties {
	return resourceLocator(
		{
			name: 'source',
			label: 'Source',
			searchListMethod: 'searchSources',
			idExample: 'qQEHquLrjRDN9j1ByrChyn',
		},
		description,
		displayName,
	);
}

export function destinationLocator(description: string): INodeProperties {
	return resourceLocator(
		{
			name: 'destination',
			label: 'Destination',
			searchListMethod: 'searchDestinations',
			idExample: '64d40b102eee0454dd8e2696',
			url: { regex: SEGMENT_APP_URL.destination, example: DESTINATION_URL_EXAMPLE },
		},
		description,
	);
}

export function warehouseLocator(description: string): INodeProperties {
	return resourceLocator(
		{
			name: 'warehouse',
			label: 'Warehouse',
			searchListMethod: 'searchWarehouses',
			idExample: '3FkZ9pQw7LmX2sVbN8cRtY',
			url: { regex: SEGMENT_APP_URL.warehouse, example: WAREHOUSE_URL_EXAMPLE },
		},
		description,
	);
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
		options: [
			...extra,
			...requestOptions,
			{
				displayName: 'Raw Response',
				name: 'rawResponse',
				type: 'boolean',
				default: false,
				description:
					"Whether to output Segment's response as it came, with its `data` envelope (and one item per page for lists), instead of the useful object or one item per element",
			},
		],
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
