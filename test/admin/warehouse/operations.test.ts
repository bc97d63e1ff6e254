import type { IDataObject } from 'n8n-workflow';

import { useCollector } from '../../harness/collector';
import {
	lastPublicApiRequest,
	locator,
	outputJson,
	runAdmin,
	SEED,
	testRefusals,
} from '../helpers';

/**
 * The Warehouse operations through n8n's engine against the collector: Get by ID and by URL, Get
 * Many, and the input they refuse before sending anything.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Warehouse', () => {
	test('Get returns the warehouse; "By URL" reads its ID from its Segment app URL', async () => {
		const byId = outputJson(
			await runAdmin(collector(), {
				resource: 'warehouse',
				operation: 'get',
				warehouse: locator(SEED.bigquery),
			}),
		);
		const url = `https://app.segment.com/local-collector/warehouses/${SEED.bigquery}/overview`;
		const byUrl = outputJson(
			await runAdmin(collector(), {
				resource: 'warehouse',
				operation: 'get',
				warehouse: locator(url, 'url'),
			}),
		);
		expect(byId).toEqual(byUrl);
		expect(byId[0]).toMatchObject({
			id: SEED.bigquery,
			enabled: true,
			settings: { name: 'BigQuery (marketing)' },
		});
		expect(lastRequest()).toMatchObject({ method: 'GET', path: `/warehouses/${SEED.bigquery}` });
	});

	test('Get Many gives one item per warehouse', async () => {
		const output = outputJson(
			await runAdmin(collector(), { resource: 'warehouse', operation: 'getMany', returnAll: true }),
		);
		expect(output.map(({ id, settings }) => [id, (settings as IDataObject).name])).toEqual([
			[SEED.snowflake, 'Snowflake (analytics)'],
			['7HgT2kLp9QwZx4VbN1cMsR', 'BigQuery (marketing)'],
			['9JkL3mNp5QrSt7VwX1yZaB', 'Postgres (ops)'],
		]);
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'a limit of 0',
			parameters: { resource: 'warehouse', operation: 'getMany', returnAll: false, limit: 0 },
			message: 'Item 0, field "Limit" (limit): expected a whole number of 1 or more; got 0',
		},
	]);

	test('"By URL" extracts the warehouse ID from its app URL, and nothing from a source\'s URL', async () => {
		const { WORKSPACE_OBJECTS } = await import('../../../nodes/Segment/workspaceObjects');
		const warehouse = new RegExp(WORKSPACE_OBJECTS.warehouse.locator.appUrl.pattern);
		expect(
			warehouse.exec(`https://app.segment.com/ws/warehouses/${SEED.snowflake}/overview`)?.[1],
		).toBe(SEED.snowflake);
		expect(warehouse.exec(`https://app.eu1.segment.com/ws/warehouses/${SEED.snowflake}`)?.[1]).toBe(
			SEED.snowflake,
		);
		expect(warehouse.exec('https://app.segment.com/ws/sources/website/overview')).toBeNull();
	});
});
