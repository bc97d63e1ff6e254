import { addGeneratedDestinations, addGeneratedSources } from '../../collector/publicApi';
import { collectorCredentials, PUBLIC_API_TOKEN, useCollector } from '../harness/collector';
import { runListSearch, runLoadOptions } from '../harness/loadOptions';
import { outputJson, publicApiRequests, runAdmin, SEED } from './helpers';

/**
 * Lists longer than one page: Return All follows the cursor to the end with the largest page the
 * API allows, Limit stops once it has enough and asks for no more than it needs, and the "From
 * list" of the resource locators pages through the API with n8n's pagination token.
 */
const collector = useCollector();

/** 8 seeded + 1,100 generated sources: two pages of 1,000. */
const TOTAL_SOURCES = 8 + 1100;

function pages() {
	return publicApiRequests(collector()).map(({ query }) => query);
}

describe('Get Many: Return All or Limit', () => {
	beforeEach(() => {
		addGeneratedSources(collector().publicApiState, 1100);
	});

	test('Return All follows the cursor to the end, 1,000 at a time', async () => {
		const output = outputJson(
			await runAdmin(collector(), { resource: 'source', operation: 'getMany', returnAll: true }),
		);
		expect(output).toHaveLength(TOTAL_SOURCES);
		expect(new Set(output.map(({ id }) => id)).size).toBe(TOTAL_SOURCES);
		expect(output[TOTAL_SOURCES - 1].id).toBe('genSrc01108');
		const [first, second] = pages();
		expect(pages()).toHaveLength(2);
		expect(first).toEqual({ 'pagination[count]': '1000' });
		expect(second).toEqual({
			'pagination[count]': '1000',
			'pagination[cursor]': expect.any(String),
		});
	});

	test('Limit stops when it has enough, and the last page asks only for what is missing', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'getMany',
				returnAll: false,
				limit: 1050,
			}),
		);
		expect(output).toHaveLength(1050);
		expect(pages().map((query) => query['pagination[count]'])).toEqual(['1000', '50']);
	});

	test('a Limit under one page is one request for exactly that many', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'getMany',
				returnAll: false,
				limit: 5,
			}),
		);
		expect(output.map(({ id }) => id)).toEqual([
			SEED.websiteSource,
			SEED.iosSource,
			'b8t2KcXq9LmNpZr4sYwA1e',
			SEED.nodeSource,
			'Lp9sZx2Wq4NbVc7Mk1Rt8y',
		]);
		expect(pages()).toEqual([{ 'pagination[count]': '5' }]);
	});

	test('Raw Response gives one item per page, each as Segment sent it', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'getMany',
				returnAll: true,
				options: { rawResponse: true },
			}),
		);
		expect(output).toHaveLength(2);
		const [first, second] = output as Array<{
			data: { sources: unknown[]; pagination: Record<string, unknown> };
		}>;
		expect(first.data.sources).toHaveLength(1000);
		expect(first.data.pagination).toMatchObject({
			current: expect.any(String),
			next: expect.any(String),
			totalEntries: TOTAL_SOURCES,
		});
		expect(second.data.sources).toHaveLength(108);
		expect(second.data.pagination.next).toBeUndefined();
	});

	test('each input item gets the whole list, paired to it', async () => {
		const result = await runAdmin(
			collector(),
			{ resource: 'warehouse', operation: 'getMany', returnAll: true },
			{ items: [{}, {}] },
		);
		expect(result.output().map(({ pairedItem }) => pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	test('a cursor the API already gave ends the list instead of looping', async () => {
		const page = {
			data: { warehouses: [{ id: 'w1' }], pagination: { current: 'MA==', next: 'MQ==' } },
		};
		collector().injectFault({
			api: 'publicApi',
			path: '/warehouses',
			times: 5,
			respond: { status: 200, body: page },
		});
		const output = outputJson(
			await runAdmin(collector(), { resource: 'warehouse', operation: 'getMany', returnAll: true }),
		);
		expect(pages()).toHaveLength(2);
		expect(output).toEqual([{ id: 'w1' }, { id: 'w1' }]);
	});
});

describe('"From list" of the resource locators', () => {
	const credentials = () => collectorCredentials(collector());

	test('lists sources by name, with type and slug, as the API pages them', async () => {
		const { results, paginationToken } = await runListSearch('searchSources', {
			credentials: credentials(),
		});
		expect(results).toHaveLength(8);
		expect(results[0]).toEqual({
			name: 'Website (production)',
			value: SEED.websiteSource,
			description: 'Javascript · website-prod',
		});
		expect(paginationToken).toBeUndefined();
		const [request] = publicApiRequests(collector());
		expect(request).toMatchObject({
			method: 'GET',
			path: '/sources',
			query: { 'pagination[count]': '1000' },
		});
		expect(request.headers.authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
	});

	test('more than one page: the pagination token carries the API cursor to the next page', async () => {
		addGeneratedSources(collector().publicApiState, 1100);
		const first = await runListSearch('searchSources', { credentials: credentials() });
		expect(first.results).toHaveLength(1000);
		expect(first.paginationToken).toEqual(expect.any(String));

		const second = await runListSearch('searchSources', {
			credentials: credentials(),
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toHaveLength(108);
		expect(second.paginationToken).toBeUndefined();
		expect(second.results[107]).toMatchObject({
			name: 'Generated source 01108',
			value: 'genSrc01108',
		});
		expect(pages()[1]).toEqual({
			'pagination[count]': '1000',
			'pagination[cursor]': first.paginationToken,
		});
	});

	test('a search reads on past pages without a match, and keeps the cursor for more', async () => {
		addGeneratedSources(collector().publicApiState, 1100);
		const onSecondPage = await runListSearch('searchSources', {
			credentials: credentials(),
			filter: 'generated source 01100',
		});
		expect(onSecondPage.results).toEqual([
			{
				name: 'Generated source 01100',
				value: 'genSrc01100',
				description: 'HTTP API · generated-01100',
			},
		]);
		expect(pages()).toHaveLength(2);

		collector().reset();
		addGeneratedSources(collector().publicApiState, 1100);
		const onFirstPage = await runListSearch('searchSources', {
			credentials: credentials(),
			filter: 'ios',
		});
		expect(onFirstPage.results.map(({ value }) => value)).toEqual([SEED.iosSource]);
		expect(onFirstPage.paginationToken).toEqual(expect.any(String));
		expect(pages()).toHaveLength(1);
	});

	test('a search matches IDs too', async () => {
		const { results } = await runListSearch('searchSources', {
			credentials: credentials(),
			filter: SEED.nodeSource,
		});
		expect(results.map(({ name }) => name)).toEqual(['Node.js Backend']);
	});

	test('destinations: name, type and source; paginated too', async () => {
		addGeneratedDestinations(collector().publicApiState, 1000);
		const first = await runListSearch('searchDestinations', {
			credentials: credentials(),
			path: 'parameters.destination',
		});
		expect(first.results[0]).toEqual({
			name: 'Amplitude (web)',
			value: SEED.amplitudeWeb,
			description: `Amplitude · source ${SEED.websiteSource}`,
		});
		expect(first.results).toHaveLength(1000);
		const second = await runListSearch('searchDestinations', {
			credentials: credentials(),
			path: 'parameters.destination',
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toHaveLength(6);
		expect(publicApiRequests(collector()).map(({ path }) => path)).toEqual([
			'/destinations',
			'/destinations',
		]);
	});

	test('warehouses: their name from settings, their type', async () => {
		const { results } = await runListSearch('searchWarehouses', {
			credentials: credentials(),
			path: 'parameters.warehouse',
		});
		expect(results).toEqual([
			{ name: 'Snowflake (analytics)', value: SEED.snowflake, description: 'Snowflake' },
			{ name: 'BigQuery (marketing)', value: SEED.bigquery, description: 'BigQuery' },
			{ name: 'Postgres (ops)', value: '9JkL3mNp5QrSt7VwX1yZaB', description: 'Postgres' },
		]);
	});
});

describe('the Labels multi-select', () => {
	test("lists the workspace's labels as key:value, sorted, with their descriptions", async () => {
		const options = await runLoadOptions('getLabels', {
			credentials: collectorCredentials(collector()),
		});
		expect(options).toEqual([
			{ name: 'environment:dev', value: 'environment:dev' },
			{ name: 'environment:prod', value: 'environment:prod', description: 'Production data' },
			{ name: 'environment:staging', value: 'environment:staging', description: 'Staging data' },
			{ name: 'pii:restricted', value: 'pii:restricted', description: 'Carries personal data' },
			{ name: 'team:data', value: 'team:data' },
			{ name: 'team:growth', value: 'team:growth' },
		]);
	});

	test('a label created by the node is then offered', async () => {
		await runAdmin(collector(), {
			resource: 'label',
			operation: 'create',
			key: 'region',
			value: 'emea',
		});
		const options = await runLoadOptions('getLabels', {
			credentials: collectorCredentials(collector()),
		});
		expect(options.map(({ value }) => value)).toContain('region:emea');
	});
});

describe('the collector pages as the Public API does', () => {
	const get = async (query: string) => {
		const response = await fetch(`${collector().publicApiBaseUrl}/sources?${query}`, {
			headers: { Authorization: `Bearer ${PUBLIC_API_TOKEN}` },
		});
		return {
			status: response.status,
			body: (await response.json()) as {
				data?: { sources: Array<{ id: string }>; pagination: { next?: string } };
				errors?: unknown;
			},
		};
	};

	test('accepts the pagination object in both spellings: pagination[count] (SDKs) and pagination.count (docs)', async () => {
		const brackets = await get('pagination%5Bcount%5D=3');
		const dots = await get('pagination.count=3');
		expect(brackets.body).toEqual(dots.body);
		expect(brackets.body.data?.sources).toHaveLength(3);
		const next = brackets.body.data?.pagination.next as string;
		const byBrackets = await get(
			`pagination%5Bcount%5D=3&pagination%5Bcursor%5D=${encodeURIComponent(next)}`,
		);
		const byDots = await get(`pagination.count=3&pagination.cursor=${encodeURIComponent(next)}`);
		expect(byBrackets.body).toEqual(byDots.body);
		expect(byBrackets.body.data?.sources[0].id).toBe(SEED.nodeSource);
	});

	test('refuses a count outside 1..1000, a missing count and a made-up cursor, naming the field', async () => {
		for (const query of [
			'pagination.count=0',
			'pagination.count=1001',
			'',
			'pagination.count=2&pagination.cursor=bogus',
		]) {
			const { status, body } = await get(query);
			expect(status).toBe(422);
			expect(body).toEqual({
				errors: [
					{
						type: 'validation',
						message: expect.any(String),
						field: expect.stringMatching(/^pagination\./),
					},
				],
			});
		}
	});
});
