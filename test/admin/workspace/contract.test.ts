import { WorkspacesApi } from '@segment/public-api-sdk-typescript';

import { useCollector } from '../../harness/collector';
import { calls, contractHarness, type ContractCase } from '../contract';

/** The Workspace operation: the node sends what Segment's official SDK sends (../contract.ts). */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const CASES: ContractCase[] = [
	{
		name: 'Workspace › Get',
		sdkMethod: ['workspacesApi.ts', 'getWorkspace'],
		node: admin({ resource: 'workspace', operation: 'get' }),
		sdk: calls(() => sdk(WorkspacesApi).getWorkspace()),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
