import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { PROFILE_SPACE_ID, type RecordedRequest, type SegmentCollector } from '../../collector';
import { collectorCredentials } from '../harness/collector';
import { runSegmentNode, type ExecutionResult } from '../harness/engine';

export interface ProfileRun {
	items?: IDataObject[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

/**
 * Runs one Segment node with a Profile operation through n8n's engine against the collector.
 * The identifier comes from each item (`idType`, `idValue` fields) unless the parameters say.
 */
export async function runProfile(
	collector: SegmentCollector,
	parameters: INodeParameters,
	{ items = [{ idType: 'user_id', idValue: '101' }], credentials, continueOnFail }: ProfileRun = {},
): Promise<ExecutionResult> {
	return await runSegmentNode({
		items,
		parameters: {
			resource: 'profile',
			idType: '={{ $json.idType }}',
			idValue: '={{ $json.idValue }}',
			...parameters,
		},
		credentials: credentials ?? collectorCredentials(collector),
		continueOnFail,
	});
}

/** The JSON of every output item; fails the test when the workflow failed. */
export function outputJson(result: ExecutionResult): IDataObject[] {
	if (result.error) throw new Error(`The workflow failed: ${result.error.message}`);
	return result.output().map((item) => item.json);
}

/** The Profile API requests the collector received, in order. */
export function profileRequests(collector: SegmentCollector): RecordedRequest[] {
	return collector.requests.filter((request) => request.api === 'profileApi');
}

/** The path a profile route has, as the collector records it (still percent-encoded). */
export function profilePath(
	collection: 'users' | 'accounts',
	encodedIdentifier: string,
	route: string,
): string {
	return `/v1/spaces/${PROFILE_SPACE_ID}/collections/${collection}/profiles/${encodedIdentifier}/${route}`;
}
