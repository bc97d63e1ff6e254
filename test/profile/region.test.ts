import { useConnectProxy } from '../harness/connectProxy';
import { PROFILE_API_TOKEN, PUBLIC_API_TOKEN, WRITE_KEY } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/**
 * The Profile API host follows the region: profiles.segment.com (US), profiles.euw1.segment.com
 * (EU). A proxy on 127.0.0.1 records the CONNECT target and refuses the tunnel
 * (../harness/connectProxy.ts), so nothing leaves the machine and no secret reaches the proxy.
 */
const { connects, plainRequests } = useConnectProxy();

const credentials = (region: 'us' | 'eu') => ({
	writeKey: WRITE_KEY,
	publicApiToken: PUBLIC_API_TOKEN,
	profileApiToken: PROFILE_API_TOKEN,
	spaceId: 'spa_eu_space',
	region,
	trackingBaseUrl: '',
	publicApiBaseUrl: '',
	profileApiBaseUrl: '',
});

const lookup = async (region: 'us' | 'eu') =>
	await runSegmentNode({
		items: [{}],
		parameters: {
			resource: 'profile',
			operation: 'getTraits',
			idType: 'email',
			idValue: 'ada@example.com',
			options: { maxRetries: 0 },
		},
		credentials: credentials(region),
	});

test('EU: the lookup goes to profiles.euw1.segment.com', async () => {
	const result = await lookup('eu');
	expect(connects.map(({ target }) => target)).toEqual(['profiles.euw1.segment.com:443']);
	expect(result.error?.message).toBe(
		'The Profile API request was answered 403 by something other than Segment (no Segment error in the answer): check Region, the Profile API Base URL and any proxy between n8n and Segment',
	);
	expect(result.error?.description).toBe(
		'It said: "tunnel refused by test". GET https://profiles.euw1.segment.com/v1/spaces/spa_eu_space/collections/users/profiles/email:ada%40example.com/traits',
	);
	expect(plainRequests).toEqual([]);
});

test('US: the lookup goes to profiles.segment.com', async () => {
	await lookup('us');
	expect(connects.map(({ target }) => target)).toEqual(['profiles.segment.com:443']);
});

test('no secret reaches the proxy: they would travel only inside the TLS tunnel', async () => {
	await lookup('eu');
	expect(connects).toHaveLength(1);
	const seen = JSON.stringify(connects);
	for (const secret of [PROFILE_API_TOKEN, PUBLIC_API_TOKEN, WRITE_KEY]) {
		expect(seen).not.toContain(secret);
		expect(seen).not.toContain(Buffer.from(`${secret}:`).toString('base64'));
	}
	expect(connects[0].headers.authorization).toBeUndefined();
});
