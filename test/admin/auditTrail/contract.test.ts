import { AuditTrailApi } from '@segment/public-api-sdk-typescript';

import { useCollector } from '../../harness/collector';
import { calls, contractHarness, type ContractCase } from '../contract';
import { SEED } from '../helpers';

/** The Audit Trail operation: the node sends what Segment's official SDK sends (../contract.ts). */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const CASES: ContractCase[] = [
	{
		name: 'Audit Trail › Get Many (no filters)',
		sdkMethod: ['auditTrailApi.ts', 'listAuditEvents'],
		node: admin({ resource: 'auditTrail', operation: 'getMany', returnAll: false, limit: 2 }),
		sdk: calls(() => sdk(AuditTrailApi).listAuditEvents({ count: 2 })),
	},
	{
		name: 'Audit Trail › Get Many (time range, resource ID and type)',
		sdkMethod: ['auditTrailApi.ts', 'listAuditEvents'],
		node: admin({
			resource: 'auditTrail',
			operation: 'getMany',
			startTime: '2024-04-01T00:00:00Z',
			endTime: '2024-04-30T00:00:00-05:00',
			filters: { resourceId: SEED.websiteSource, resourceType: 'source' },
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(AuditTrailApi).listAuditEvents(
				{ count: 1000 },
				'2024-04-01T00:00:00Z',
				'2024-04-30T00:00:00-05:00',
				SEED.websiteSource,
				'source',
			),
		),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
