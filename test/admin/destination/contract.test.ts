import { DestinationsApi } from '@segment/public-api-sdk-typescript';

import { collectorCredentials, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';
import { locator, SEED } from '../helpers';

/**
 * The Destination operations and the destination list ("From list"): the node sends what Segment's
 * official SDK sends (../contract.ts).
 */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const CASES: ContractCase[] = [
	{
		name: 'Destination › Get',
		sdkMethod: ['destinationsApi.ts', 'getDestination'],
		node: admin({
			resource: 'destination',
			operation: 'get',
			destination: locator(SEED.amplitudeWeb),
		}),
		sdk: calls(() => sdk(DestinationsApi).getDestination(SEED.amplitudeWeb)),
	},
	{
		name: 'Destination › Get Many',
		sdkMethod: ['destinationsApi.ts', 'listDestinations'],
		node: admin({ resource: 'destination', operation: 'getMany', returnAll: false, limit: 3 }),
		sdk: calls(() => sdk(DestinationsApi).listDestinations({ count: 3 })),
	},
	{
		name: 'Destination › Get Delivery Metrics Summary (start, end, granularity)',
		sdkMethod: ['destinationsApi.ts', 'listDeliveryMetricsSummaryFromDestination'],
		node: admin({
			resource: 'destination',
			operation: 'getDeliveryMetricsSummary',
			destination: locator(SEED.amplitudeWeb),
			source: locator(SEED.websiteSource),
			granularity: 'HOUR',
			startTime: '2024-05-01T00:00:00+02:00',
			endTime: '2024-05-03T12:30:00Z',
		}),
		sdk: calls(() =>
			sdk(DestinationsApi).listDeliveryMetricsSummaryFromDestination(
				SEED.amplitudeWeb,
				SEED.websiteSource,
				'2024-05-01T00:00:00+02:00',
				'2024-05-03T12:30:00Z',
				'HOUR',
			),
		),
	},
	{
		name: "Destination › Get Delivery Metrics Summary (Segment's default times)",
		sdkMethod: ['destinationsApi.ts', 'listDeliveryMetricsSummaryFromDestination'],
		node: admin({
			resource: 'destination',
			operation: 'getDeliveryMetricsSummary',
			destination: locator(SEED.amplitudeWeb),
			source: locator(SEED.websiteSource),
			granularity: 'DAY',
		}),
		sdk: calls(() =>
			sdk(DestinationsApi).listDeliveryMetricsSummaryFromDestination(
				SEED.amplitudeWeb,
				SEED.websiteSource,
				undefined,
				undefined,
				'DAY',
			),
		),
	},
	{
		name: 'Destination "From list" (list search)',
		sdkMethod: ['destinationsApi.ts', 'listDestinations'],
		node: () =>
			runListSearch('searchDestinations', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.destination',
			}),
		sdk: calls(() => sdk(DestinationsApi).listDestinations({ count: 1000 })),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
