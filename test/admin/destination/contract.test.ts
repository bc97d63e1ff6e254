import { CatalogApi, DestinationsApi } from '@segment/public-api-sdk-typescript';

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
		name: 'Destination › Create (name, enabled, settings)',
		sdkMethod: ['destinationsApi.ts', 'createDestination'],
		node: admin({
			resource: 'destination',
			operation: 'create',
			source: locator(SEED.iosSource),
			destinationMetadata: locator(SEED.amplitudeKind),
			settings: '{"apiKey": "amp_dummy_key", "nested": {"a": [1, true]}}',
			additionalFields: { name: 'Amplitude (iOS, new)', enabled: true },
		}),
		sdk: calls(() =>
			sdk(DestinationsApi).createDestination({
				sourceId: SEED.iosSource,
				metadataId: SEED.amplitudeKind,
				name: 'Amplitude (iOS, new)',
				enabled: true,
				settings: { apiKey: 'amp_dummy_key', nested: { a: [1, true] } },
			}),
		),
	},
	{
		name: "Destination › Create (Segment's defaults for name and enabled)",
		sdkMethod: ['destinationsApi.ts', 'createDestination'],
		node: admin({
			resource: 'destination',
			operation: 'create',
			source: locator(SEED.nodeSource),
			destinationMetadata: locator(SEED.webhooksKind),
			settings: '{}',
		}),
		sdk: calls(() =>
			sdk(DestinationsApi).createDestination({
				sourceId: SEED.nodeSource,
				metadataId: SEED.webhooksKind,
				settings: {},
			}),
		),
	},
	{
		name: 'Destination › Update',
		sdkMethod: ['destinationsApi.ts', 'updateDestination'],
		node: admin({
			resource: 'destination',
			operation: 'update',
			destination: locator(SEED.mixpanelWeb),
			updateFields: { name: 'Mixpanel (web, renamed)', enabled: false, settings: '{"token": "t"}' },
		}),
		sdk: calls(() =>
			sdk(DestinationsApi).updateDestination(SEED.mixpanelWeb, {
				name: 'Mixpanel (web, renamed)',
				enabled: false,
				settings: { token: 't' },
			}),
		),
	},
	{
		name: 'Destination › Delete',
		sdkMethod: ['destinationsApi.ts', 'deleteDestination'],
		node: admin({
			resource: 'destination',
			operation: 'delete',
			destination: locator(SEED.mixpanelWeb),
		}),
		sdk: calls(() => sdk(DestinationsApi).deleteDestination(SEED.mixpanelWeb)),
	},
	{
		name: 'Catalog destination "From list" (list search, for Create)',
		sdkMethod: ['catalogApi.ts', 'getDestinationsCatalog'],
		node: () =>
			runListSearch('searchCatalogDestinations', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.destinationMetadata',
			}),
		sdk: calls(() => sdk(CatalogApi).getDestinationsCatalog({ count: 1000 })),
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
