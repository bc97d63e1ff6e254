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
 * Many, connecting and disconnecting sources (seen from both sides), and the input they refuse
 * before sending anything.
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

describe('Warehouse › Connect Source, Disconnect Source, Get Connected Sources', () => {
	const connection = (operation: string, source: string) => ({
		resource: 'warehouse',
		operation,
		warehouse: locator(SEED.postgres),
		source: locator(source),
	});
	const connectedSources = async () =>
		outputJson(
			await runAdmin(collector(), {
				resource: 'warehouse',
				operation: 'getConnectedSources',
				warehouse: locator(SEED.postgres),
				returnAll: true,
			}),
		).map(({ id }) => id);

	test('Connect Source connects (201); the warehouse then lists the source, and the source the warehouse', async () => {
		expect(await connectedSources()).toEqual([]);
		const output = outputJson(
			await runAdmin(collector(), connection('connectSource', SEED.iosSource)),
		);
		expect(lastRequest()).toMatchObject({
			method: 'POST',
			path: `/warehouses/${SEED.postgres}/connected-sources/${SEED.iosSource}`,
			status: 201,
		});
		expect(output).toEqual([
			{ warehouseId: SEED.postgres, sourceId: SEED.iosSource, status: 'CONNECTED' },
		]);
		expect(await connectedSources()).toEqual([SEED.iosSource]);
		const warehouses = outputJson(
			await runAdmin(collector(), {
				resource: 'source',
				operation: 'listConnectedWarehouses',
				source: locator(SEED.iosSource),
				returnAll: true,
			}),
		);
		expect(warehouses.map(({ id }) => id)).toEqual([SEED.postgres]);
	});

	test('Disconnect Source disconnects: the warehouse no longer lists the source', async () => {
		await runAdmin(collector(), connection('connectSource', SEED.iosSource));
		await runAdmin(collector(), connection('connectSource', SEED.nodeSource));
		const output = outputJson(
			await runAdmin(collector(), connection('disconnectSource', SEED.iosSource)),
		);
		expect(lastRequest()).toMatchObject({
			method: 'DELETE',
			path: `/warehouses/${SEED.postgres}/connected-sources/${SEED.iosSource}`,
		});
		expect(output).toEqual([
			{
				warehouseId: SEED.postgres,
				sourceId: SEED.iosSource,
				disconnected: true,
				status: 'SUCCESS',
			},
		]);
		expect(await connectedSources()).toEqual([SEED.nodeSource]);
	});

	test('a source the workspace does not have: the 404 names both IDs', async () => {
		const result = await runAdmin(collector(), connection('connectSource', 'noSuchSource1'));
		expect(result.error?.message).toBe(
			`Warehouse "${SEED.postgres}" or source "noSuchSource1" was not found (404): check the ID, and that the token and Region belong to the workspace that has it`,
		);
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'Connect Source without a source (from an expression)',
			parameters: {
				resource: 'warehouse',
				operation: 'connectSource',
				warehouse: locator(SEED.postgres),
				source: locator('={{ $json.missing }}'),
			},
			message: 'Item 0, field "Source" (sourceId): choose a source from the list, or enter its ID',
		},
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
