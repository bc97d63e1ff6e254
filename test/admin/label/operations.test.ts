import { useCollector } from '../../harness/collector';
import { lastPublicApiRequest, outputJson, runAdmin } from '../helpers';

/**
 * The Label operations through n8n's engine against the collector: Create adds a label that Get
 * Many then lists; a Limit limits.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Label', () => {
	test('Create adds a label, which Get Many then lists', async () => {
		const [label] = outputJson(
			await runAdmin(collector(), {
				resource: 'label',
				operation: 'create',
				key: 'region',
				value: 'emea',
				options: { description: 'EMEA' },
			}),
		);
		expect(label).toEqual({ key: 'region', value: 'emea', description: 'EMEA' });
		expect(lastRequest()).toMatchObject({ method: 'POST', path: '/labels', status: 201 });
		expect(JSON.parse(lastRequest().body)).toEqual({
			label: { key: 'region', value: 'emea', description: 'EMEA' },
		});

		const labels = outputJson(
			await runAdmin(collector(), { resource: 'label', operation: 'getMany', returnAll: true }),
		);
		expect(labels).toHaveLength(7);
		expect(labels).toContainEqual({ key: 'region', value: 'emea', description: 'EMEA' });
	});

	test('Get Many with a Limit returns that many labels', async () => {
		const labels = outputJson(
			await runAdmin(collector(), {
				resource: 'label',
				operation: 'getMany',
				returnAll: false,
				limit: 2,
			}),
		);
		expect(labels).toEqual([
			{ key: 'environment', value: 'prod', description: 'Production data' },
			{ key: 'environment', value: 'staging', description: 'Staging data' },
		]);
	});
});
