import { createServer } from 'node:net';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { PROFILE_SPACE_ID, SegmentCollector, type CollectorOptions } from '../../collector';

/** Recognisable (made-up) secrets, so tests can prove they never leak. */
export const WRITE_KEY = 'wk_dummy_write_key_5f1c2b7e';
export const PUBLIC_API_TOKEN = 'sgp_dummy_public_api_token_9a8b3c4d';
export const PROFILE_API_TOKEN = 'pat_dummy_profile_api_token_7e6f5a4b';

/** A collector for the test file, emptied after every test. */
export function useCollector(options: CollectorOptions = {}): () => SegmentCollector {
	let collector: SegmentCollector | undefined;
	beforeAll(async () => {
		collector = await SegmentCollector.start(options);
	});
	afterEach(() => collector?.reset());
	afterAll(async () => {
		await collector?.close();
	});
	return () => {
		if (!collector) throw new Error('The collector has not started');
		return collector;
	};
}

/** The Twilio Segment credential pointed at the collector, with all three APIs' secrets. */
export function collectorCredentials(
	collector: SegmentCollector,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		writeKey: WRITE_KEY,
		publicApiToken: PUBLIC_API_TOKEN,
		profileApiToken: PROFILE_API_TOKEN,
		spaceId: PROFILE_SPACE_ID,
		region: 'us',
		trackingBaseUrl: collector.trackingBaseUrl,
		publicApiBaseUrl: collector.publicApiBaseUrl,
		profileApiBaseUrl: collector.profileApiBaseUrl,
		...overrides,
	};
}

/** The Basic Authorization header Segment's libraries send for a write key. */
export function basicAuthFor(writeKey: string): string {
	return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

/** A port on 127.0.0.1 that nothing listens on, for "no answer at all" tests. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}
