import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * What the Deletion and Suppression operations share: the regulation types and statuses of
 * Segment's definition (CreateWorkspaceRegulationV1Input, RegulationListEntryV1 in
 * `@segment/public-api-sdk-typescript`) and what each does, in the words of Segment's privacy docs.
 * `SUPPRESS_WITH_DELETE_INTERNAL` is in Segment's docs and its current definition (73.x); npm's
 * SDK (47.x) predates it. `DELETE_ARCHIVE_ONLY` and the `ANONYMOUS_ID` subject type, which the
 * current definition offers to "limited Workspaces" for sources only, are not offered.
 */

/** Types that delete data: Segment cannot restore it. */
export const ONE_WAY_REGULATION_TYPES = [
	'DELETE_INTERNAL',
	'DELETE_ONLY',
	'SUPPRESS_WITH_DELETE',
	'SUPPRESS_WITH_DELETE_INTERNAL',
] as const;

export const REGULATION_TYPES = [
	...ONE_WAY_REGULATION_TYPES,
	'SUPPRESS_ONLY',
	'UNSUPPRESS',
] as const;

export type RegulationType = (typeof REGULATION_TYPES)[number];

/** The Regulation Type dropdown, by name; one-way types say so. */
export const REGULATION_TYPE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Delete Internal (Segment Only)',
		value: 'DELETE_INTERNAL',
		description:
			"One-way: deletes the subjects' data from Segment's internal systems only; destinations are not asked to delete, and new data is still collected",
	},
	{
		name: 'Delete Only',
		value: 'DELETE_ONLY',
		description:
			"One-way: deletes the subjects' data from Segment and connected warehouses and S3, and asks destinations that support deletion to delete it; new data is still collected",
	},
	{
		name: 'Suppress Only',
		value: 'SUPPRESS_ONLY',
		description:
			"Stops collecting the subjects' data: Segment blocks their calls at the API. What was collected stays. Undone by Unsuppress.",
	},
	{
		name: 'Suppress With Delete',
		value: 'SUPPRESS_WITH_DELETE',
		description:
			"One-way: stops collecting the subjects' data and deletes it from Segment, connected warehouses and S3, and asks destinations that support deletion to delete it (the right to be forgotten)",
	},
	{
		name: 'Suppress With Delete Internal (Segment Only)',
		value: 'SUPPRESS_WITH_DELETE_INTERNAL',
		description:
			"One-way: stops collecting the subjects' data and deletes it from Segment's internal systems only; destinations are not asked to delete",
	},
	{
		name: 'Unsuppress',
		value: 'UNSUPPRESS',
		description:
			"Ends a suppression: Segment collects the subjects' data again. Data already deleted stays deleted.",
	},
];

/** The statuses a regulation goes through (Regulation.OverallStatusEnum). */
export const REGULATION_STATUSES = [
	'FAILED',
	'FINISHED',
	'INITIALIZED',
	'INVALID',
	'NOT_SUPPORTED',
	'PARTIAL_SUCCESS',
	'RUNNING',
] as const;

export const REGULATION_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Failed', value: 'FAILED' },
	{ name: 'Finished', value: 'FINISHED' },
	{ name: 'Initialized', value: 'INITIALIZED', description: 'Received; Segment has not started' },
	{ name: 'Invalid', value: 'INVALID' },
	{ name: 'Not Supported', value: 'NOT_SUPPORTED' },
	{ name: 'Partial Success', value: 'PARTIAL_SUCCESS' },
	{ name: 'Running', value: 'RUNNING' },
];

/** Segment takes at most 5,000 subject IDs, and 4 MB, in one call (Segment's privacy FAQ). */
export const MAX_SUBJECT_IDS_PER_REQUEST = 5000;
export const MAX_REGULATION_BODY_BYTES = 4_000_000;
