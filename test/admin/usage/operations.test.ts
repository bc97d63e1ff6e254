import { useCollector } from '../../harness/collector';
import { lastPublicApiRequest, outputJson, runAdmin, SEED, testRefusals } from '../helpers';

/**
 * The Usage operation through n8n's engine against the collector: one item per source and day,
 * and the input it refuses before sending anything.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Usage', () => {
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
});

describe('input the node refuses before sending anything', () => {
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
	]);
});
