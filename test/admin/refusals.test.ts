import { useCollector } from '../harness/collector';
import { locator, publicApiRequests, runAdmin, SEED } from './helpers';

/**
 * Refusals that are not about one resource: n8n's own check of a locator's mode, and Continue On
 * Fail turning a refused item into an error item while the others run. Each resource's own
 * refusals are in test/admin/<resource>/operations.test.ts.
 */
const collector = useCollector();

describe('input the node refuses before sending anything', () => {
	test("n8n itself refuses to run a literal value that fails a mode's validation", async () => {
		await expect(
			runAdmin(collector(), {
				resource: 'destination',
				operation: 'get',
				destination: locator('https://app.segment.com/ws/destinations/amplitude/overview', 'url'),
			}),
		).rejects.toThrow('The workflow has issues');
		await expect(
			runAdmin(collector(), {
				resource: 'source',
				operation: 'get',
				source: locator('not an id!'),
			}),
		).rejects.toThrow('The workflow has issues');
		expect(publicApiRequests(collector())).toHaveLength(0);
	});

	test('with Continue On Fail, a refused item becomes an error item and the others still run', async () => {
		const result = await runAdmin(
			collector(),
			{ resource: 'source', operation: 'get', source: locator('={{ $json.id }}') },
			{
				items: [{ id: SEED.iosSource }, { id: '' }, { id: SEED.nodeSource }],
				continueOnFail: true,
			},
		);
		expect(
			result.output().map(({ json, pairedItem }) => [json.id ?? json.error, pairedItem]),
		).toEqual([
			[SEED.iosSource, { item: 0 }],
			[
				'Item 1, field "Source" (sourceId): choose a source from the list, or enter its ID',
				{ item: 1 },
			],
			[SEED.nodeSource, { item: 2 }],
		]);
		expect(result.output()[1].json).toMatchObject({ itemIndex: 1, field: 'sourceId' });
	});
});
