import { LabelsApi } from '@segment/public-api-sdk-typescript';

import { collectorCredentials, useCollector } from '../../harness/collector';
import { runLoadOptions } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';

/**
 * The Label operations and the labels multi-select (load options): the node sends what Segment's
 * official SDK sends (../contract.ts).
 */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const CASES: ContractCase[] = [
	{
		name: 'Label › Get Many',
		sdkMethod: ['labelsApi.ts', 'listLabels'],
		node: admin({ resource: 'label', operation: 'getMany', returnAll: true }),
		sdk: calls(() => sdk(LabelsApi).listLabels()),
	},
	{
		name: 'Label › Create',
		sdkMethod: ['labelsApi.ts', 'createLabel'],
		node: admin({
			resource: 'label',
			operation: 'create',
			key: 'region',
			value: 'emea',
			options: { description: 'Europe, Middle East and Africa' },
		}),
		sdk: calls(() =>
			sdk(LabelsApi).createLabel({
				label: { key: 'region', value: 'emea', description: 'Europe, Middle East and Africa' },
			}),
		),
	},
	{
		name: 'Labels multi-select (load options)',
		sdkMethod: ['labelsApi.ts', 'listLabels'],
		node: () => runLoadOptions('getLabels', { credentials: collectorCredentials(collector()) }),
		sdk: calls(() => sdk(LabelsApi).listLabels()),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
