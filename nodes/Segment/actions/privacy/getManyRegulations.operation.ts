import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { apiPath } from '../../transport/publicApi';
import { adminOptions, resourceLocator, returnAllOrLimit } from '../common.descriptions';
import { adminList, resourceId, runAdminOperation } from '../admin';
import type { OperationModule } from '../resource';
import {
	REGULATION_STATUS_OPTIONS,
	REGULATION_STATUSES,
	REGULATION_TYPE_OPTIONS,
	REGULATION_TYPES,
} from './regulations';

export const option: OperationModule['option'] = {
	name: 'Get Many Regulations',
	description:
		"Get the workspace's or a source's regulations of the last 90 days, by status and type",
	action: 'Get many regulations',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Applies To',
		name: 'scope',
		type: 'options',
		options: [
			{
				name: 'One Source',
				value: 'source',
				description: 'The regulations created for one source',
			},
			{
				name: 'Workspace',
				value: 'workspace',
				description: 'The regulations created for the whole workspace',
			},
		],
		default: 'workspace',
		description: 'Whose regulations to list (Segment lists those of the last 90 days)',
	},
	{
		...resourceLocator('source', 'The source whose regulations to list'),
		displayOptions: { show: { scope: ['source'] } },
	},
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description: 'Only the regulations that match these',
		options: [
			{
				displayName: 'Regulation Types',
				name: 'regulationTypes',
				type: 'multiOptions',
				options: REGULATION_TYPE_OPTIONS,
				default: [],
				description: 'Only regulations of these types',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: REGULATION_STATUS_OPTIONS,
				default: 'FINISHED',
				description: 'Only regulations with this status',
			},
		],
	},
	adminOptions(),
];

/** The list's query: `status` (one) and `regulationTypes` (a list), as the definition takes them. */
function readFilters(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status !== undefined && filters.status !== '') {
		if (!(REGULATION_STATUSES as readonly unknown[]).includes(filters.status)) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Status', path: 'status' },
				`expected one of ${REGULATION_STATUSES.join(', ')}; got ${JSON.stringify(filters.status)}`,
			);
		}
		qs.status = filters.status;
	}
	if (filters.regulationTypes !== undefined) {
		const raw = filters.regulationTypes;
		const types = Array.isArray(raw)
			? raw
			: typeof raw === 'string'
				? raw
						.split(',')
						.map((type) => type.trim())
						.filter(Boolean)
				: [raw];
		const unknown = types.find((type) => !(REGULATION_TYPES as readonly unknown[]).includes(type));
		if (unknown !== undefined) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Regulation Types', path: 'regulationTypes' },
				`expected regulation types among ${[...REGULATION_TYPES].sort().join(', ')}; got ${JSON.stringify(unknown)}`,
			);
		}
		if (types.length > 0) qs.regulationTypes = types as string[];
	}
	return qs;
}

/**
 * DeletionAndSuppressionApi.listWorkspaceRegulations: GET /regulations, or
 * listRegulationsFromSource: GET /regulations/sources/{sourceId}; paginated, with `status` and
 * `regulationTypes`.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const scope = this.getNodeParameter('scope', itemIndex, 'workspace') as string;
		if (scope !== 'workspace' && scope !== 'source') {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Applies To', path: 'scope' },
				`expected workspace or source; got ${JSON.stringify(scope)}`,
			);
		}
		const path =
			scope === 'source'
				? apiPath('/regulations/sources/{sourceId}', {
						sourceId: resourceId.call(this, 'source', itemIndex),
					})
				: '/regulations';
		return await adminList.call(this, itemIndex, {
			path,
			listKey: 'regulations',
			version: 'v1',
			qs: readFilters.call(this, itemIndex),
		});
	});
}
