import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, SegmentCollector } from '../../collector';
import { collectorCredentials } from '../harness/collector';
import { runSegmentNode, type ExecutionResult } from '../harness/engine';

/** Seed IDs of the collector's workspace (collector/publicApi/state.ts). */
export const SEED = {
	websiteSource: 'qQEHquLrjRDN9j1ByrChyn',
	iosSource: 'rH5a7SwEk3KfQ2zVjWUmPd',
	nodeSource: 'Fz3mQ8vLk2NcXw7pRt5Yhs',
	stagingSource: 'Wq2eRt5Yu8IoPa3Sd6Fg9h',
	amplitudeWeb: '64d40b102eee0454dd8e2696',
	snowflake: '3FkZ9pQw7LmX2sVbN8cRtY',
	bigquery: '7HgT2kLp9QwZx4VbN1cMsR',
	/** The seeded write key of the website source (made up, as every collector key). */
	websiteKey: 'wk_dummy_website_prod_1',
} as const;

/** A resource locator value. */
export function locator(value: string, mode: 'list' | 'id' | 'url' = 'id'): INodeParameters {
	return { __rl: true, mode, value };
}

export interface AdminRun {
	items?: IDataObject[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	executeOnce?: boolean;
}

/** Runs one Segment node with admin parameters through n8n's engine against the collector. */
export async function runAdmin(
	collector: SegmentCollector,
	parameters: INodeParameters,
	{ items = [{}], credentials, continueOnFail, executeOnce }: AdminRun = {},
): Promise<ExecutionResult> {
	return await runSegmentNode({
		items,
		parameters,
		credentials: credentials ?? collectorCredentials(collector),
		continueOnFail,
		executeOnce,
	});
}

/** The JSON of every output item. */
export function outputJson(result: ExecutionResult): IDataObject[] {
	if (result.error) throw new Error(`The workflow failed: ${result.error.message}`);
	return result.output().map((item) => item.json);
}

/** The Public API requests the collector received. */
export function publicApiRequests(collector: SegmentCollector): RecordedRequest[] {
	return collector.requests.filter((request) => request.api === 'publicApi');
}

/** The last Public API request the collector received. */
export function lastPublicApiRequest(collector: SegmentCollector): RecordedRequest {
	const requests = publicApiRequests(collector);
	return requests[requests.length - 1];
}

/** Input the node must refuse, and the exact error it refuses it with. */
export interface RefusalCase {
	name: string;
	parameters: INodeParameters;
	message: string;
}

/** One test per case: the node fails with exactly the case's message and sends Segment nothing. */
export function testRefusals(collector: () => SegmentCollector, cases: RefusalCase[]): void {
	test.each(cases)('$name', async ({ parameters, message }) => {
		const result = await runAdmin(collector(), parameters);
		expect(result.error?.message).toBe(message);
		expect(publicApiRequests(collector())).toHaveLength(0);
	});
}
