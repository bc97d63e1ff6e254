import { addGeneratedSources } from '../../../collector/publicApi';
import { stableNumber } from '../../../collector/publicApi/state';
import { useCollector } from '../../harness/collector';
import {
	lastPublicApiRequest,
	outputJson,
	publicApiRequests,
	runAdmin,
	SEED,
	testRefusals,
} from '../helpers';

/**
 * The Usage operations through n8n's engine against the collector: daily API calls and MTUs (one
 * item per day, or per source and day, each count the big-number string Segment sends), event
 * volume (one item per series; its requests paced under Segment's 60 a minute, and a 429 from
 * that limit waited out), and the input refused before anything is sent.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Usage › daily API calls and MTUs', () => {
	test('Get Daily Per-Source API Calls gives one item per source and day of the month', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'usage',
				operation: 'getDailyPerSourceApiCalls',
				period: '2024-02-01',
				returnAll: true,
			}),
		);
		expect(output).toHaveLength(8 * 29);
		expect(output[0]).toEqual({
			sourceId: SEED.websiteSource,
			apiCalls: expect.any(String),
			timestamp: '2024-02-01T00:00:00.000Z',
		});
		expect(lastRequest()).toMatchObject({
			path: '/usage/api-calls/sources/daily',
			query: { period: '2024-02-01', 'pagination[count]': '1000' },
		});
	});

	test('Get Daily API Calls gives one item per day, the count a string', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'usage',
				operation: 'getDailyApiCalls',
				period: '2024-04-01',
				returnAll: true,
			}),
		);
		expect(output).toHaveLength(30);
		expect(output[29]).toEqual({
			apiCalls: expect.any(String),
			timestamp: '2024-04-30T00:00:00.000Z',
		});
		expect(lastRequest()).toMatchObject({
			path: '/usage/api-calls/daily',
			query: { period: '2024-04-01', 'pagination[count]': '1000' },
		});
	});

	test('Get Daily MTU and Get Daily Per-Source MTU give the four user counts per day', async () => {
		const workspace = outputJson(
			await runAdmin(collector(), {
				resource: 'usage',
				operation: 'getDailyMtu',
				period: '2024-04-01',
				returnAll: true,
			}),
		);
		expect(lastRequest().path).toBe('/usage/mtu/daily');
		expect(workspace).toHaveLength(30);
		expect(workspace[0]).toEqual({
			periodStart: Date.UTC(2024, 3, 1) / 1000,
			periodEnd: Date.UTC(2024, 4, 1) / 1000,
			anonymous: expect.any(String),
			anonymousIdentified: expect.any(String),
			identified: expect.any(String),
			neverIdentified: expect.any(String),
			timestamp: '2024-04-01T00:00:00.000Z',
		});
		const perSource = outputJson(
			await runAdmin(collector(), {
				resource: 'usage',
				operation: 'getDailyPerSourceMtu',
				period: '2024-04-01',
				returnAll: false,
				limit: 10,
			}),
		);
		expect(lastRequest()).toMatchObject({
			path: '/usage/mtu/sources/daily',
			query: { period: '2024-04-01', 'pagination[count]': '10' },
		});
		expect(perSource).toHaveLength(10);
		expect(perSource[0]).toMatchObject({
			sourceId: SEED.websiteSource,
			identified: expect.any(String),
		});
	});

	test('counts past what a JSON number holds come out exactly as Segment sent them, as strings', async () => {
		// 2^53 + 1 and up: a JSON number would round them.
		const offset = 2n ** 53n + 1n;
		collector().publicApiState.usageOffset = offset;
		const [first] = outputJson(
			await runAdmin(collector(), {
				resource: 'usage',
				operation: 'getDailyMtu',
				period: '2024-04-01',
				returnAll: false,
				limit: 1,
			}),
		);
		// The collector's count for the first day, worked out here digit for digit.
		const workspaceId = collector().publicApiState.workspace.id;
		for (const [count, modulo] of [
			['anonymous', 900],
			['anonymousIdentified', 300],
			['identified', 600],
			['neverIdentified', 700],
		] as const) {
			expect(first[count]).toBe(
				String(BigInt(stableNumber(`${workspaceId}/${count}`, modulo)) + offset),
			);
		}
	});
});

describe('Usage › Get Event Volume', () => {
	const WEEK = {
		resource: 'usage',
		operation: 'getEventVolume',
		granularity: 'DAY',
		startTime: '2024-05-01T00:00:00Z',
		endTime: '2024-05-08T00:00:00Z',
		returnAll: true,
	};

	test('without Group By: one series for the workspace, a bucket per day', async () => {
		const output = outputJson(await runAdmin(collector(), WEEK));
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: '/events/volume',
			query: {
				granularity: 'DAY',
				startTime: '2024-05-01T00:00:00Z',
				endTime: '2024-05-08T00:00:00Z',
				'pagination[count]': '1000',
			},
		});
		expect(output).toHaveLength(1);
		expect(output[0].series).toHaveLength(7);
		expect(output[0].total).toBe(
			(output[0].series as Array<{ count: number }>).reduce((sum, { count }) => sum + count, 0),
		);
	});

	test('Group By and Filters: one series per group, only the events that match', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				...WEEK,
				groupBy: ['source', 'eventName'],
				filters: { sourceId: [SEED.websiteSource], eventType: ['track'] },
			}),
		);
		expect(lastRequest().query).toMatchObject({
			'groupBy[0]': 'source',
			'groupBy[1]': 'eventName',
			'sourceId[0]': SEED.websiteSource,
			'eventType[0]': 'track',
		});
		expect(output.map(({ eventName }) => eventName).sort()).toEqual([
			'Order Completed',
			'Product Viewed',
			'Signed Up',
		]);
		for (const series of output) {
			expect(series.source).toMatchObject({ id: SEED.websiteSource, slug: 'website-prod' });
		}
	});

	test("a run's requests (its items and its pages) go at least 1.1 s apart, and none trips the 60-a-minute limit", async () => {
		// 258 sources × 5 events, grouped by all three: 1,290 series, two pages of 1,000.
		addGeneratedSources(collector().publicApiState, 250);
		const result = await runAdmin(
			collector(),
			{ ...WEEK, groupBy: ['source', 'eventName', 'eventType'] },
			{ items: [{}, {}] },
		);
		expect(result.output()).toHaveLength(2 * 1290);
		const requests = publicApiRequests(collector());
		expect(requests.map(({ status }) => status)).toEqual([200, 200, 200, 200]);
		const gaps = requests
			.slice(1)
			.map((request, index) => request.receivedAt - requests[index].receivedAt);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
	});

	test("when other runs used up the minute, Segment's 429 is waited out as it asks (msBeforeNext), then the read succeeds", async () => {
		// 60 requests in the last minute, the oldest 59.4 s ago: the next is refused for 0.6 s.
		const now = Date.now();
		collector().publicApiState.eventVolumeRequests = Array.from(
			{ length: 60 },
			(_, index) => now - 59_400 + index,
		);
		const output = outputJson(await runAdmin(collector(), WEEK));
		expect(output).toHaveLength(1);
		const [refused, accepted] = publicApiRequests(collector());
		expect([refused.status, accepted.status]).toEqual([429, 200]);
		expect(accepted.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(500);
	});
});

describe('input the node refuses before sending anything', () => {
	const WEEK = {
		resource: 'usage',
		operation: 'getEventVolume',
		granularity: 'DAY',
		startTime: '2024-05-01T00:00:00Z',
		endTime: '2024-05-08T00:00:00Z',
		returnAll: true,
	};
	testRefusals(collector, [
		{
			name: 'a period that is not a date',
			parameters: {
				resource: 'usage',
				operation: 'getDailyPerSourceApiCalls',
				period: 'May',
				returnAll: true,
			},
			message:
				'Item 0, field "Period" (period): expected the first day of a month in ISO-8601, like 2024-05-01; got "May"',
		},
		{
			name: 'a period on a day the calendar does not have',
			parameters: {
				resource: 'usage',
				operation: 'getDailyMtu',
				period: '2025-02-29',
				returnAll: true,
			},
			message:
				'Item 0, field "Period" (period): expected the first day of a month in ISO-8601, like 2024-05-01; got "2025-02-29"',
		},
		{
			name: 'Daily MTU without a period (from an expression)',
			parameters: {
				resource: 'usage',
				operation: 'getDailyMtu',
				period: '={{ "" }}',
				returnAll: true,
			},
			message: 'Item 0, field "Period" (period): must not be empty',
		},
		{
			name: 'Event volume without a start time (from an expression)',
			parameters: { ...WEEK, startTime: '={{ "" }}' },
			message:
				'Item 0, field "Start Time" (startTime): must not be empty: give an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z',
		},
		{
			name: 'Event volume: an end time before the start time',
			parameters: { ...WEEK, endTime: '2024-04-30T23:59:00Z' },
			message:
				'Item 0, field "End Time" (endTime): must be after Start Time (2024-05-01T00:00:00Z); got "2024-04-30T23:59:00Z"',
		},
		{
			name: 'Event volume: an end time equal to the start time (an empty range)',
			parameters: { ...WEEK, endTime: '2024-05-01T02:00:00+02:00' },
			message:
				'Item 0, field "End Time" (endTime): must be after Start Time (2024-05-01T00:00:00Z); got "2024-05-01T02:00:00+02:00"',
		},
		{
			name: 'Event volume: a time without a timezone',
			parameters: { ...WEEK, endTime: '2024-05-08' },
			message:
				'Item 0, field "End Time" (endTime): expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "2024-05-08"',
		},
		{
			name: 'Event volume: a Group By Segment does not have (from an expression)',
			parameters: { ...WEEK, groupBy: '={{ ["eventName", "country"] }}' },
			message:
				'Item 0, field "Group By" (groupBy): expected eventName, eventType, source; got "country"',
		},
		{
			name: 'Event volume: an event type that is not a call type (from an expression)',
			parameters: { ...WEEK, filters: { eventType: '={{ "track, purchase" }}' } },
			message:
				'Item 0, field "Event Types" (eventType): expected alias, group, identify, page, screen, track; got "purchase"',
		},
		{
			name: 'Event volume: a granularity Segment does not have (from an expression)',
			parameters: { ...WEEK, granularity: '={{ "WEEK" }}' },
			message:
				'Item 0, field "Granularity" (granularity): expected DAY, HOUR or MINUTE; got "WEEK"',
		},
	]);
});
