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
 * The Catalog operations through n8n's engine against the collector: the kinds of destination,
 * source and warehouse Segment offers, each with the options (settings) it takes, and the input
 * refused before anything is sent.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Catalog', () => {
	test('Get Many Destinations gives one item per kind of destination', async () => {
		const output = outputJson(
			await runAdmin(collector(), {
				resource: 'catalog',
				operation: 'getManyDestinations',
				returnAll: true,
			}),
		);
		expect(lastRequest()).toMatchObject({
			path: '/catalog/destinations',
			query: { 'pagination[count]': '1000' },
		});
		expect(output.map(({ name }) => name)).toEqual(
			expect.arrayContaining(['Amplitude', 'Webhooks (Actions)', 'Webhooks', 'Slack']),
		);
	});

	test('Get Destination returns the entry with the settings it takes', async () => {
		const [entry] = outputJson(
			await runAdmin(collector(), {
				resource: 'catalog',
				operation: 'getDestination',
				destinationMetadata: locator(SEED.amplitudeKind),
			}),
		);
		expect(lastRequest().path).toBe(`/catalog/destinations/${SEED.amplitudeKind}`);
		expect(entry).toMatchObject({
			id: SEED.amplitudeKind,
			name: 'Amplitude',
			slug: 'amplitude',
			options: expect.arrayContaining([
				expect.objectContaining({ name: 'apiKey', required: true }),
			]),
		});
	});

	test('Get Source and Get Warehouse return their entries; the Get Many give one item each', async () => {
		const [source] = outputJson(
			await runAdmin(collector(), {
				resource: 'catalog',
				operation: 'getSource',
				sourceMetadata: locator(SEED.javascriptKind),
			}),
		);
		expect(source).toMatchObject({
			id: SEED.javascriptKind,
			name: 'Javascript',
			categories: ['Website'],
		});
		const [warehouse] = outputJson(
			await runAdmin(collector(), {
				resource: 'catalog',
				operation: 'getWarehouse',
				warehouseMetadata: locator(SEED.snowflakeKind),
			}),
		);
		expect(warehouse).toMatchObject({ id: SEED.snowflakeKind, name: 'Snowflake' });
		const sources = outputJson(
			await runAdmin(collector(), {
				resource: 'catalog',
				operation: 'getManySources',
				returnAll: true,
			}),
		);
		expect(sources.map(({ id }) => id)).toContain(SEED.javascriptKind);
		const warehouses = outputJson(
			await runAdmin(collector(), {
				resource: 'catalog',
				operation: 'getManyWarehouses',
				returnAll: false,
				limit: 2,
			}),
		);
		expect(warehouses).toHaveLength(2);
	});

	test('a metadata ID the catalog does not have: the 404 says which', async () => {
		const result = await runAdmin(collector(), {
			resource: 'catalog',
			operation: 'getWarehouse',
			warehouseMetadata: locator('noSuchKind'),
		});
		expect(result.error?.message).toBe(
			'Catalog Warehouse "noSuchKind" was not found (404): check the ID, and that the token and Region belong to the workspace that has it',
		);
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'a catalog ID with a slash (from an expression)',
			parameters: {
				resource: 'catalog',
				operation: 'getSource',
				sourceMetadata: locator('={{ "catalog/sources/x" }}'),
			},
			message:
				'Item 0, field "Catalog Source" (metadataId): expected a catalog source ID (letters and digits, as in Segment\'s settings or its API); got "catalog/sources/x"',
		},
	]);
});
