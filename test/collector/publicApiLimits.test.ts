import { matchesFql, parseFql } from '../../collector/publicApi/fql';
import { PUBLIC_API_TOKEN, useCollector } from '../harness/collector';

/**
 * The collector's Public API where it stands in for Segment's rules that the node relies on
 * being enforced: event volume's 60 requests a minute, the list spellings clients send, and the
 * FQL conditions of destination filters.
 */
const collector = useCollector();

interface Answer {
	status: number;
	headers: Headers;
	body: {
		data: { result: unknown[] };
		errors: Array<{ type: string; field?: string; data: { msBeforeNext: number } }>;
	};
}

async function get(path: string): Promise<Answer> {
	const response = await fetch(`${collector().publicApiBaseUrl}${path}`, {
		headers: { Authorization: `Bearer ${PUBLIC_API_TOKEN}` },
	});
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Answer['body'],
	};
}

const WEEK = 'granularity=DAY&startTime=2024-05-01T00:00:00Z&endTime=2024-05-08T00:00:00Z';

describe('event volume', () => {
	test('60 requests a minute are answered; the 61st gets 429 with msBeforeNext and the X-RateLimit headers', async () => {
		for (let n = 0; n < 60; n++) expect((await get(`/events/volume?${WEEK}`)).status).toBe(200);
		const refused = await get(`/events/volume?${WEEK}`);
		expect(refused.status).toBe(429);
		const [error] = refused.body.errors;
		expect(error).toMatchObject({ type: 'too-many-requests' });
		expect(error.data.msBeforeNext).toBeGreaterThan(55_000);
		expect(error.data.msBeforeNext).toBeLessThanOrEqual(60_000);
		expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(Date.parse(refused.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
	});

	test('groupBy as the SDK sends it, as Segment documents it, or repeated: the same answer', async () => {
		const spellings = [
			'groupBy%5B0%5D=eventType&groupBy%5B1%5D=source',
			'groupBy.0=eventType&groupBy.1=source',
			'groupBy=eventType&groupBy=source',
		];
		const answers = await Promise.all(
			spellings.map((query) => get(`/events/volume?${WEEK}&${query}`)),
		);
		expect(answers.map(({ status }) => status)).toEqual([200, 200, 200]);
		expect(answers[0].body.data.result.length).toBeGreaterThan(1);
		expect(answers[1].body.data.result).toEqual(answers[0].body.data.result);
		expect(answers[2].body.data.result).toEqual(answers[0].body.data.result);
	});

	test('a start after the end gets 422 naming the field', async () => {
		const answer = await get(
			'/events/volume?granularity=DAY&startTime=2024-05-08T00:00:00Z&endTime=2024-05-01T00:00:00Z',
		);
		expect(answer).toMatchObject({
			status: 422,
			body: { errors: [{ type: 'validation', field: 'startTime' }] },
		});
	});
});

describe('FQL conditions of destination filters', () => {
	const event = {
		type: 'track',
		event: 'Order Completed',
		userId: 'u-1',
		properties: { total: 42, email: 'ada@example.com', coupon: null },
	};
	test.each([
		['all', true],
		['type = "track"', true],
		['type != "track"', false],
		['event = "Order Completed" and properties.total > 40', true],
		['event = "Order Completed" and properties.total >= 43', false],
		['type = "identify" or properties.total < 50', true],
		['!(type = "track")', false],
		['not type = "page"', true],
		['properties.coupon = null', true],
		['properties.missing = null', true],
		['contains(properties.email, "@example.com")', true],
		['match(event, "Order *")', true],
		['match(event, "Product *")', false],
		['properties.email', true],
	])('%s is %s', (condition, expected) => {
		expect(matchesFql(condition, event)).toBe(expected);
	});

	test.each([
		'',
		'type ==',
		'type = "track" and',
		'(type = "track"',
		'all and type = "track"',
		'42',
		'type = "track" ;',
	])('%j is not FQL', (condition) => {
		expect(() => parseFql(condition)).toThrow();
	});
});
