import { DeletionAndSuppressionApi } from '@segment/public-api-sdk-typescript';
import type {
	CreateCloudSourceRegulationV1Input,
	CreateSourceRegulationV1Input,
	CreateWorkspaceRegulationV1Input,
} from '@segment/public-api-sdk-typescript';

import { collectorCredentials, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';
import { locator, SEED } from '../helpers';

/**
 * The Deletion and Suppression operations and the regulation list ("From list"): the node sends
 * what Segment's official SDK sends (../contract.ts). The SDK's enums are TypeScript enums of
 * strings: the same text goes on the wire.
 */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const HUBSPOT_SOURCE = 'Lp9sZx2Wq4NbVc7Mk1Rt8y';
const SEED_REGULATION = '1kSeedDelete00000000000001';

const workspaceInput = (subjectIds: string[]) =>
	({
		regulationType: 'SUPPRESS_WITH_DELETE',
		subjectType: 'USER_ID',
		subjectIds,
	}) as unknown as CreateWorkspaceRegulationV1Input;

const CASES: ContractCase[] = [
	{
		name: 'Deletion and Suppression › Create Regulation (workspace, one user ID)',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'createWorkspaceRegulation'],
		node: admin({
			resource: 'privacy',
			operation: 'createRegulation',
			scope: 'workspace',
			regulationType: 'SUPPRESS_WITH_DELETE',
			subjectType: 'USER_ID',
			subjectIds: 'user-4711',
		}),
		sdk: calls(() =>
			sdk(DeletionAndSuppressionApi).createWorkspaceRegulation(workspaceInput(['user-4711'])),
		),
	},
	{
		name: 'Deletion and Suppression › Create Regulation (workspace, 5,001 IDs in two requests)',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'createWorkspaceRegulation'],
		node: admin({
			resource: 'privacy',
			operation: 'createRegulation',
			scope: 'workspace',
			regulationType: 'SUPPRESS_WITH_DELETE',
			subjectType: 'USER_ID',
			subjectIds: Array.from({ length: 5001 }, (_, n) => `user-${n}`).join('\n'),
		}),
		sdk: calls(
			() =>
				sdk(DeletionAndSuppressionApi).createWorkspaceRegulation(
					workspaceInput(Array.from({ length: 5000 }, (_, n) => `user-${n}`)),
				),
			() => sdk(DeletionAndSuppressionApi).createWorkspaceRegulation(workspaceInput(['user-5000'])),
		),
	},
	{
		name: 'Deletion and Suppression › Create Regulation (one source)',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'createSourceRegulation'],
		node: admin({
			resource: 'privacy',
			operation: 'createRegulation',
			scope: 'source',
			source: locator(SEED.websiteSource),
			regulationType: 'DELETE_ONLY',
			subjectIds: 'user-1\nuser-2',
		}),
		sdk: calls(() =>
			sdk(DeletionAndSuppressionApi).createSourceRegulation(SEED.websiteSource, {
				regulationType: 'DELETE_ONLY',
				subjectType: 'USER_ID',
				subjectIds: ['user-1', 'user-2'],
			} as unknown as CreateSourceRegulationV1Input),
		),
	},
	{
		name: 'Deletion and Suppression › Create Regulation (cloud source collection)',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'createCloudSourceRegulation'],
		node: admin({
			resource: 'privacy',
			operation: 'createRegulation',
			scope: 'cloudSource',
			source: locator(HUBSPOT_SOURCE),
			collection: 'contacts',
			regulationType: 'SUPPRESS_WITH_DELETE_INTERNAL',
			subjectIds: 'contact-77',
		}),
		sdk: calls(() =>
			sdk(DeletionAndSuppressionApi).createCloudSourceRegulation(HUBSPOT_SOURCE, {
				regulationType: 'SUPPRESS_WITH_DELETE_INTERNAL',
				subjectType: 'OBJECT_ID',
				subjectIds: ['contact-77'],
				collection: 'contacts',
			} as unknown as CreateCloudSourceRegulationV1Input),
		),
	},
	{
		name: 'Deletion and Suppression › Get Regulation',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'getRegulation'],
		node: admin({
			resource: 'privacy',
			operation: 'getRegulation',
			regulation: locator(SEED_REGULATION),
		}),
		sdk: calls(() => sdk(DeletionAndSuppressionApi).getRegulation(SEED_REGULATION)),
	},
	{
		name: 'Deletion and Suppression › Delete Regulation',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'deleteRegulation'],
		node: admin({
			resource: 'privacy',
			operation: 'deleteRegulation',
			regulation: locator(SEED_REGULATION),
		}),
		sdk: calls(() => sdk(DeletionAndSuppressionApi).deleteRegulation(SEED_REGULATION)),
	},
	{
		name: 'Deletion and Suppression › Get Many Regulations (workspace, status and types)',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'listWorkspaceRegulations'],
		node: admin({
			resource: 'privacy',
			operation: 'getManyRegulations',
			scope: 'workspace',
			returnAll: false,
			limit: 10,
			filters: { status: 'FINISHED', regulationTypes: ['SUPPRESS_ONLY', 'SUPPRESS_WITH_DELETE'] },
		}),
		sdk: calls(() =>
			sdk(DeletionAndSuppressionApi).listWorkspaceRegulations({ count: 10 }, 'FINISHED', [
				'SUPPRESS_ONLY',
				'SUPPRESS_WITH_DELETE',
			]),
		),
	},
	{
		name: 'Deletion and Suppression › Get Many Regulations (one source, no filter)',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'listRegulationsFromSource'],
		node: admin({
			resource: 'privacy',
			operation: 'getManyRegulations',
			scope: 'source',
			source: locator(SEED.websiteSource),
			returnAll: true,
		}),
		sdk: calls(() =>
			sdk(DeletionAndSuppressionApi).listRegulationsFromSource(SEED.websiteSource, {
				count: 1000,
			}),
		),
	},
	{
		name: 'Deletion and Suppression › Get Many Suppressions',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'listSuppressions'],
		node: admin({
			resource: 'privacy',
			operation: 'getManySuppressions',
			returnAll: false,
			limit: 3,
		}),
		sdk: calls(() => sdk(DeletionAndSuppressionApi).listSuppressions({ count: 3 })),
	},
	{
		name: 'Regulation "From list" (list search)',
		sdkMethod: ['deletionAndSuppressionApi.ts', 'listWorkspaceRegulations'],
		node: () =>
			runListSearch('searchRegulations', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.regulation',
			}),
		sdk: calls(() => sdk(DeletionAndSuppressionApi).listWorkspaceRegulations({ count: 1000 })),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
