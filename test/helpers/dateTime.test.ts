import { parseIsoDateTime, publicApiDateTime } from '../../nodes/Segment/helpers/dateTime';
import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';
import { locator, SEED } from '../admin/helpers';

/**
 * One rule for every date-time the node takes (tracking timestamps, the delivery metrics' time
 * range): ISO-8601 with a date, a time and a timezone, in each of the forms ISO-8601 allows.
 */
const collector = useCollector();

const ACCEPTED: Array<[string, string]> = [
	['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
	['2024-05-01t12:00:00z', '2024-05-01T12:00:00.000Z'],
	['2024-05-01T12:00Z', '2024-05-01T12:00:00.000Z'],
	['2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
	['2024-05-01T14:00:00+0200', '2024-05-01T12:00:00.000Z'],
	['2024-05-01T14:00:00+02', '2024-05-01T12:00:00.000Z'],
	['2024-05-01T07:30:00-04:30', '2024-05-01T12:00:00.000Z'],
	['2024-05-01T12:00:00.250Z', '2024-05-01T12:00:00.250Z'],
	['2024-05-01T12:00:00,250Z', '2024-05-01T12:00:00.250Z'],
	['2024-05-01T12:00:00.123456789Z', '2024-05-01T12:00:00.123Z'],
	['  2024-05-01T12:00:00Z  ', '2024-05-01T12:00:00.000Z'],
	['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
	['2024-12-31T23:59:59.999Z', '2024-12-31T23:59:59.999Z'],
];

const REFUSED = [
	'yesterday',
	'2024-05-01',
	'2024-05-01T12:00:00',
	'2024-05-01 12:00:00Z',
	'2024-13-01T00:00:00Z',
	'2024-05-01T25:00:00Z',
	// Days and hours JavaScript's Date would roll over into another day.
	'2026-02-30T00:00:00Z',
	'2025-02-29T12:00:00Z',
	'2024-04-31T10:00:00+02:00',
	'2024-05-00T12:00:00Z',
	'2024-05-01T24:00:00Z',
	'2024-05-01T12:00:00+2',
	'1714560000',
	'',
];

test.each(ACCEPTED)('%s is accepted, as %s', (text, utc) => {
	expect(parseIsoDateTime(text)?.toISOString()).toBe(utc);
});

test.each(REFUSED)('"%s" is refused', (text) => {
	expect(parseIsoDateTime(text)).toBeUndefined();
});

test('the Public API gets RFC 3339 as written, any other accepted form as the same instant in UTC', () => {
	const send = (text: string) => publicApiDateTime(text, parseIsoDateTime(text) as Date);
	expect(send('2024-05-01T14:00:00+02:00')).toBe('2024-05-01T14:00:00+02:00');
	expect(send(' 2024-05-01T12:00:00.5Z ')).toBe('2024-05-01T12:00:00.5Z');
	expect(send('2024-05-01T14:00:00+02')).toBe('2024-05-01T12:00:00.000Z');
	expect(send('2024-05-01T14:00+0200')).toBe('2024-05-01T12:00:00.000Z');
	expect(send('2024-05-01T12:00:00,5Z')).toBe('2024-05-01T12:00:00.500Z');
});

describe('the same rule in a tracking timestamp and in a Public API time range', () => {
	async function trackAt(timestamp: string) {
		return await runSegmentNode({
			items: [{}],
			parameters: {
				resource: 'tracking',
				operation: 'track',
				event: 'Signed Up',
				userId: 'u1',
				options: { timestamp, sendInBatches: false },
			},
			credentials: collectorCredentials(collector()),
		});
	}

	async function deliveryMetricsFrom(startTime: string) {
		return await runSegmentNode({
			items: [{}],
			parameters: {
				resource: 'destination',
				operation: 'getDeliveryMetricsSummary',
				destination: locator(SEED.amplitudeWeb),
				source: locator(SEED.websiteSource),
				granularity: 'DAY',
				startTime,
			},
			credentials: collectorCredentials(collector()),
		});
	}

	test.each(['2024-05-01T14:00:00+02', '2024-05-01T14:00:00,000+0200'])(
		'%s is sent to both APIs as a time they parse',
		async (text) => {
			const track = await trackAt(text);
			expect(track.error).toBeUndefined();
			expect(collector().received.map(({ message }) => message.timestamp)).toEqual([
				'2024-05-01T12:00:00.000Z',
			]);
			const metrics = await deliveryMetricsFrom(text);
			expect(metrics.error).toBeUndefined();
			const request = collector().requests.find(({ path }) => path.endsWith('/delivery-metrics'));
			expect(request?.query.startTime).toBe('2024-05-01T12:00:00.000Z');
		},
	);

	test.each(['2024-05-01 12:00', '2024-05-01T12:00:00', '2026-02-30T12:00:00Z'])(
		'"%s" is refused by both, naming the field, before anything is sent',
		async (text) => {
			const track = await trackAt(text);
			expect(track.error?.message).toMatch(
				/field "Timestamp" \(timestamp\): expected an ISO-8601 date-time with a timezone/,
			);
			const metrics = await deliveryMetricsFrom(text);
			expect(metrics.error?.message).toMatch(
				/field "Start Time" \(startTime\): expected an ISO-8601 date-time with a timezone/,
			);
			expect(collector().requests).toHaveLength(0);
		},
	);
});
