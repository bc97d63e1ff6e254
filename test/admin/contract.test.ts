import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The contract as a whole (test/admin/contract.ts): every operation has a case, and the EU host
 * is the SDK's. The cases themselves run in test/admin/<resource>/contract.test.ts.
 */

/**
 * The SDK methods the cases of every test/admin/<resource>/contract.test.ts call, read from their
 * source text: each of those files runs in its own jest module registry, so their case lists
 * cannot be imported here without running them a second time.
 */
function coveredSdkMethods(): string[] {
	return readdirSync(__dirname, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => join(__dirname, entry.name, 'contract.test.ts'))
		.filter((file) => existsSync(file))
		.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/sdkMethod: \[\s*'[^']+',\s*'([^']+)',?\s*\]/g)].map(
				(match) => match[1],
			),
		);
}

describe("the node sends what Segment's official SDK sends", () => {
	test('every operation of the node has a contract case', () => {
		const covered = new Set(coveredSdkMethods());
		expect([...covered].sort()).toEqual(
			[
				'addLabelsToSource',
				'addSourceToTrackingPlan',
				'createCloudSourceRegulation',
				'createLabel',
				'createSourceRegulation',
				'createTrackingPlan',
				'createWorkspaceRegulation',
				'createWriteKeyForSource',
				'deleteRegulation',
				'deleteSource',
				'deleteTrackingPlan',
				'getDailyPerSourceAPICallsUsage',
				'getDestination',
				'getRegulation',
				'getSource',
				'getTrackingPlan',
				'getWarehouse',
				'getWorkspace',
				'listConnectedWarehousesFromSource',
				'listDeliveryMetricsSummaryFromDestination',
				'listDestinations',
				'listLabels',
				'listRegulationsFromSource',
				'listRulesFromTrackingPlan',
				'listSchemaSettingsInSource',
				'listSources',
				'listSourcesFromTrackingPlan',
				'listSuppressions',
				'listTrackingPlans',
				'listWarehouses',
				'listWorkspaceRegulations',
				'removeRulesFromTrackingPlan',
				'removeSourceFromTrackingPlan',
				'removeWriteKeyFromSource',
				'replaceRulesInTrackingPlan',
				'updateRulesInTrackingPlan',
				'updateSource',
				'updateTrackingPlan',
			].sort(),
		);
	});

	test("the EU host is the one the SDK's configureEuApis uses", async () => {
		const { configureEuApis, configureApis } = await import('@segment/public-api-sdk-typescript');
		const { SEGMENT_HOSTS } = await import('../../credentials/segmentHosts');
		expect(configureEuApis('t').sources.basePath).toBe(SEGMENT_HOSTS.eu.publicApi);
		expect(configureApis('t').sources.basePath).toBe(SEGMENT_HOSTS.us.publicApi);
	});
});
