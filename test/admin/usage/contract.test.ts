import {
	APICallsApi,
	EventsApi,
	MonthlyTrackedUsersApi,
	SourcesApi,
} from '@segment/public-api-sdk-typescript';

import { collectorCredentials, useCollector } from '../../harness/collector';
import { runLoadOptions } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';
import { SEED } from '../helpers';

/** The Usage operations: the node sends what Segment's official SDK sends (../contract.ts). */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const CASES: ContractCase[] = [
	{
		name: 'Usage › Get Daily Per-Source API Calls',
		sdkMethod: ['aPICallsApi.ts', 'getDailyPerSourceAPICallsUsage'],
		node: admin({
			resource: 'usage',
			operation: 'getDailyPerSourceApiCalls',
			period: '2024-05-01',
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(APICallsApi).getDailyPerSourceAPICallsUsage('2024-05-01', { count: 1000 }),
		),
	},
	{
		name: 'Usage › Get Daily API Calls',
		sdkMethod: ['aPICallsApi.ts', 'getDailyWorkspaceAPICallsUsage'],
		node: admin({
			resource: 'usage',
			operation: 'getDailyApiCalls',
			period: '2024-05-01',
			returnAll: false,
			limit: 7,
		}),
		sdk: calls(() => sdk(APICallsApi).getDailyWorkspaceAPICallsUsage('2024-05-01', { count: 7 })),
	},
	{
		name: 'Usage › Get Daily MTU',
		sdkMethod: ['monthlyTrackedUsersApi.ts', 'getDailyWorkspaceMTUUsage'],
		node: admin({
			resource: 'usage',
			operation: 'getDailyMtu',
			period: '2024-05-01',
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(MonthlyTrackedUsersApi).getDailyWorkspaceMTUUsage('2024-05-01', { count: 1000 }),
		),
	},
	{
		name: 'Usage › Get Daily Per-Source MTU',
		sdkMethod: ['monthlyTrackedUsersApi.ts', 'getDailyPerSourceMTUUsage'],
		node: admin({
			resource: 'usage',
			operation: 'getDailyPerSourceMtu',
			period: '2024-05-01',
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(MonthlyTrackedUsersApi).getDailyPerSourceMTUUsage('2024-05-01', { count: 1000 }),
		),
	},
	{
		name: 'Usage › Get Event Volume (granularity and times only)',
		sdkMethod: ['eventsApi.ts', 'getEventsVolumeFromWorkspace'],
		node: admin({
			resource: 'usage',
			operation: 'getEventVolume',
			granularity: 'HOUR',
			startTime: '2024-05-01T00:00:00Z',
			endTime: '2024-05-01T06:00:00Z',
			returnAll: false,
			limit: 5,
		}),
		sdk: calls(() =>
			sdk(EventsApi).getEventsVolumeFromWorkspace(
				'HOUR',
				'2024-05-01T00:00:00Z',
				'2024-05-01T06:00:00Z',
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				{ count: 5 },
			),
		),
	},
	{
		name: 'Usage › Get Event Volume (group by, every filter)',
		sdkMethod: ['eventsApi.ts', 'getEventsVolumeFromWorkspace'],
		node: admin({
			resource: 'usage',
			operation: 'getEventVolume',
			granularity: 'DAY',
			startTime: '2024-05-01T00:00:00+02:00',
			endTime: '2024-05-08T00:00:00Z',
			groupBy: ['eventName', 'source'],
			filters: {
				sourceId: [SEED.websiteSource, SEED.iosSource],
				eventName: ['Order Completed', 'Signed Up'],
				eventType: ['track'],
				appVersion: ['1.2.0'],
			},
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(EventsApi).getEventsVolumeFromWorkspace(
				'DAY',
				'2024-05-01T00:00:00+02:00',
				'2024-05-08T00:00:00Z',
				['eventName', 'source'],
				[SEED.websiteSource, SEED.iosSource],
				['Order Completed', 'Signed Up'],
				['track'],
				['1.2.0'],
				{ count: 1000 },
			),
		),
	},
	{
		name: 'Event volume source filter (the sources multi-select)',
		sdkMethod: ['sourcesApi.ts', 'listSources'],
		node: () =>
			runLoadOptions('getSources', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.filters.sourceId',
			}),
		sdk: calls(() => sdk(SourcesApi).listSources({ count: 1000 })),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
