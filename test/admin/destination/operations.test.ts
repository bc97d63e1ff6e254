import { useCollector } from '../../harness/collector';
import {
	lastPublicApiRequest,
	locator,
	outputJson,
	publicApiRequests,
	runAdmin,
	SEED,
	testRefusals,
} from '../helpers';

/**
 * The Destination operations through n8n's engine against the collector: what is sent (method,
 * path, version, query) and what comes out, the "By URL" mode, and the input they refuse before
 * sending anything.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Destination', () => {
	test('Get returns the destination', async () => {
		const [destination] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'get',
				destination: locator(SEED.amplitudeWeb),
			}),
		);
		expect(destination).toMatchObject({
			id: SEED.amplitudeWeb,
			name: 'Amplitude (web)',
			sourceId: SEED.websiteSource,
			enabled: true,
		});
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/destinations/${SEED.amplitudeWeb}`,
		});
	});

	test('"By URL" reads the ID from the Segment app URL of the destination', async () => {
		const url = `https://app.segment.com/local-collector/destinations/amplitude/sources/website-prod/instances/${SEED.amplitudeWeb}/configuration`;
		const [destination] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'get',
				destination: locator(url, 'url'),
			}),
		);
		expect(destination.id).toBe(SEED.amplitudeWeb);
	});

	test('Get Many gives one item per destination', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'getMany',
				returnAll: false,
				limit: 4,
			}),
		);
		expect(output).toHaveLength(4);
		expect(lastRequest().query).toEqual({ 'pagination[count]': '4' });
	});

	test('Get Delivery Metrics Summary sends the source, times and granularity, with the beta version', async () => {
		const [summary] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'getDeliveryMetricsSummary',
				destination: locator(SEED.amplitudeWeb),
				source: locator(SEED.websiteSource),
				granularity: 'HOUR',
				startTime: '2024-05-01T00:00:00Z',
				endTime: '2024-05-02T00:00:00Z',
			}),
		);
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/destinations/${SEED.amplitudeWeb}/delivery-metrics`,
			query: {
				sourceId: SEED.websiteSource,
				granularity: 'HOUR',
				startTime: '2024-05-01T00:00:00Z',
				endTime: '2024-05-02T00:00:00Z',
			},
		});
		expect(lastRequest().headers.accept).toBe('application/vnd.segment.v1beta+json');
		expect(summary).toMatchObject({
			destinationId: SEED.amplitudeWeb,
			sourceId: SEED.websiteSource,
			destinationMetadataId: expect.any(String),
			metrics: expect.arrayContaining([
				expect.objectContaining({ metricName: 'successes', total: expect.any(Number) }),
			]),
		});
	});

	test('without times, Segment picks its defaults: neither is sent', async () => {
		await runAdmin(collector(), {
			resource: 'destination',
			operation: 'getDeliveryMetricsSummary',
			destination: locator(SEED.amplitudeWeb),
			source: locator(SEED.websiteSource),
			granularity: 'MINUTE',
		});
		expect(lastRequest().query).toEqual({ sourceId: SEED.websiteSource, granularity: 'MINUTE' });
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'a start time without a timezone',
			parameters: {
				resource: 'destination',
				operation: 'getDeliveryMetricsSummary',
				destination: locator(SEED.amplitudeWeb),
				source: locator(SEED.websiteSource),
				granularity: 'DAY',
				startTime: '2024-05-01 10:00',
			},
			message:
				'Item 0, field "Start Time" (startTime): expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "2024-05-01 10:00"',
		},
	]);

	test('a destination URL without the instance ID (from an expression)', async () => {
		const result = await runAdmin(
			collector(),
			{
				resource: 'destination',
				operation: 'get',
				destination: locator('={{ $json.url }}', 'url'),
			},
			{ items: [{ url: 'https://app.segment.com/ws/destinations/amplitude/overview' }] },
		);
		expect(result.error?.message).toBe(
			'Item 0, field "Destination" (destinationId): expected the URL of a destination page in the Segment app, which carries its ID; got "https://app.segment.com/ws/destinations/amplitude/overview"',
		);
		expect(publicApiRequests(collector())).toHaveLength(0);
	});
});
