import { APICallsApi } from '@segment/public-api-sdk-typescript';

import { useCollector } from '../../harness/collector';
import { calls, contractHarness, type ContractCase } from '../contract';

/** The Usage operation: the node sends what Segment's official SDK sends (../contract.ts). */
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
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
