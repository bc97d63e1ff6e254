import {
	DestinationFiltersApi,
	DestinationFilterActionV1,
} from '@segment/public-api-sdk-typescript';

import { collectorCredentials, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';
import { locator, SEED } from '../helpers';

/**
 * The Destination Filter operations and the filter list ("From list", the chosen destination's):
 * the node sends what Segment's official SDK sends (../contract.ts), on the singular
 * `/destination/` path the SDK uses.
 */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const { TypeEnum } = DestinationFilterActionV1;

const CASES: ContractCase[] = [
	{
		name: 'Destination Filter › Get Many',
		sdkMethod: ['destinationFiltersApi.ts', 'listFiltersFromDestination'],
		node: admin({
			resource: 'destinationFilter',
			operation: 'getMany',
			destination: locator(SEED.amplitudeWeb),
			returnAll: false,
			limit: 10,
		}),
		sdk: calls(() =>
			sdk(DestinationFiltersApi).listFiltersFromDestination(SEED.amplitudeWeb, { count: 10 }),
		),
	},
	{
		name: 'Destination Filter › Get',
		sdkMethod: ['destinationFiltersApi.ts', 'getFilterInDestination'],
		node: admin({
			resource: 'destinationFilter',
			operation: 'get',
			destination: locator(SEED.amplitudeWeb),
			destinationFilter: locator(SEED.amplitudeFilter),
		}),
		sdk: calls(() =>
			sdk(DestinationFiltersApi).getFilterInDestination(SEED.amplitudeWeb, SEED.amplitudeFilter),
		),
	},
	{
		name: 'Destination Filter › Create (every action type)',
		sdkMethod: ['destinationFiltersApi.ts', 'createFilterForDestination'],
		node: admin({
			resource: 'destinationFilter',
			operation: 'create',
			destination: locator(SEED.amplitudeWeb),
			source: locator(SEED.websiteSource),
			title: 'Trim and sample',
			if: 'type = "track"',
			actions: JSON.stringify([
				{ type: 'sample', percent: 0.25, path: 'userId' },
				{ type: 'DROP_PROPERTIES', fields: { properties: ['email'], '': ['ip'] } },
				{ type: 'ALLOW_PROPERTIES', fields: { context: ['page'] } },
			]),
			enabled: false,
			additionalFields: { description: 'Less data for Amplitude' },
		}),
		sdk: calls(() =>
			sdk(DestinationFiltersApi).createFilterForDestination(SEED.amplitudeWeb, {
				sourceId: SEED.websiteSource,
				title: 'Trim and sample',
				if: 'type = "track"',
				actions: [
					{ type: TypeEnum.SAMPLE, percent: 0.25, path: 'userId' },
					{ type: TypeEnum.DROP_PROPERTIES, fields: { properties: ['email'], '': ['ip'] } },
					{ type: TypeEnum.ALLOW_PROPERTIES, fields: { context: ['page'] } },
				],
				enabled: false,
				description: 'Less data for Amplitude',
			}),
		),
	},
	{
		name: 'Destination Filter › Update (description removed)',
		sdkMethod: ['destinationFiltersApi.ts', 'updateFilterForDestination'],
		node: admin({
			resource: 'destinationFilter',
			operation: 'update',
			destination: locator(SEED.amplitudeWeb),
			destinationFilter: locator(SEED.amplitudeFilter),
			updateFields: {
				if: 'event = "Internal Test"',
				actions: '[{"type": "DROP"}]',
				title: 'Drop tests',
				description: '',
				enabled: false,
			},
		}),
		sdk: calls(() =>
			sdk(DestinationFiltersApi).updateFilterForDestination(
				SEED.amplitudeWeb,
				SEED.amplitudeFilter,
				{
					if: 'event = "Internal Test"',
					actions: [{ type: TypeEnum.DROP }],
					title: 'Drop tests',
					description: null,
					enabled: false,
				},
			),
		),
	},
	{
		name: 'Destination Filter › Delete',
		sdkMethod: ['destinationFiltersApi.ts', 'removeFilterFromDestination'],
		node: admin({
			resource: 'destinationFilter',
			operation: 'delete',
			destination: locator(SEED.amplitudeWeb),
			destinationFilter: locator(SEED.amplitudeFilter),
		}),
		sdk: calls(() =>
			sdk(DestinationFiltersApi).removeFilterFromDestination(
				SEED.amplitudeWeb,
				SEED.amplitudeFilter,
			),
		),
	},
	{
		name: 'Destination Filter › Preview',
		sdkMethod: ['destinationFiltersApi.ts', 'previewDestinationFilter'],
		node: admin({
			resource: 'destinationFilter',
			operation: 'preview',
			if: 'all',
			actions: '[{"type": "DROP_PROPERTIES", "fields": {"properties": ["email"]}}]',
			payload:
				'{"type": "track", "event": "Signed Up", "properties": {"email": "a@example.com", "plan": "pro"}}',
		}),
		sdk: calls(() =>
			sdk(DestinationFiltersApi).previewDestinationFilter({
				filter: {
					if: 'all',
					actions: [{ type: TypeEnum.DROP_PROPERTIES, fields: { properties: ['email'] } }],
				},
				payload: {
					type: 'track',
					event: 'Signed Up',
					properties: { email: 'a@example.com', plan: 'pro' },
				},
			}),
		),
	},
	{
		name: 'Destination filter "From list" (list search of the chosen destination)',
		sdkMethod: ['destinationFiltersApi.ts', 'listFiltersFromDestination'],
		node: () =>
			runListSearch('searchDestinationFilters', {
				credentials: collectorCredentials(collector()),
				parameters: {
					resource: 'destinationFilter',
					operation: 'get',
					destination: locator(SEED.amplitudeWeb),
				},
				path: 'parameters.destinationFilter',
			}),
		sdk: calls(() =>
			sdk(DestinationFiltersApi).listFiltersFromDestination(SEED.amplitudeWeb, { count: 1000 }),
		),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
