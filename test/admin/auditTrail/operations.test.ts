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
 * The Audit Trail operation through n8n's engine against the collector: the events, their filters,
 * and the changes the node makes showing in the trail; the input refused before anything is sent.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

describe('Audit Trail › Get Many', () => {
	test('gives one item per event', async () => {
		const events = outputJson(
			await runAdmin(collector(), {
				resource: 'auditTrail',
				operation: 'getMany',
				returnAll: true,
			}),
		);
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: '/audit-events',
			query: { 'pagination[count]': '1000' },
		});
		expect(events).toHaveLength(5);
		expect(events[0]).toEqual({
			id: expect.any(String),
			timestamp: expect.any(String),
			type: 'Integration Disabled',
			actor: 'ada@example.com',
			actorEmail: 'ada@example.com',
			resourceId: '5df350b6e8a4c8b854a669e5',
			resourceType: 'destination',
			resourceName: 'Braze push',
		});
	});

	test('filters by time range, resource ID and type', async () => {
		const events = outputJson(
			await runAdmin(collector(), {
				resource: 'auditTrail',
				operation: 'getMany',
				startTime: '2024-04-01T00:00:00Z',
				endTime: '2024-04-03T12:00:00+02:00',
				filters: { resourceType: 'source', resourceId: SEED.websiteSource },
				returnAll: true,
			}),
		);
		expect(lastRequest().query).toEqual({
			startTime: '2024-04-01T00:00:00Z',
			endTime: '2024-04-03T12:00:00+02:00',
			resourceType: 'source',
			resourceId: SEED.websiteSource,
			'pagination[count]': '1000',
		});
		expect(events.map(({ type }) => type)).toEqual(['Source Created']);
	});

	test('a destination the node creates, then deletes, shows in the trail', async () => {
		const [created] = outputJson(
			await runAdmin(collector(), {
				resource: 'destination',
				operation: 'create',
				source: locator(SEED.iosSource),
				destinationMetadata: locator(SEED.webhooksKind),
				settings: '{}',
			}),
		);
		await runAdmin(collector(), {
			resource: 'destination',
			operation: 'delete',
			destination: locator(created.id as string),
		});
		const events = outputJson(
			await runAdmin(collector(), {
				resource: 'auditTrail',
				operation: 'getMany',
				filters: { resourceId: created.id as string },
				returnAll: true,
			}),
		);
		expect(events.map(({ type, resourceType }) => [type, resourceType])).toEqual([
			['Integration Deleted', 'destination'],
			['Integration Created', 'destination'],
		]);
	});
});

describe('input the node refuses before sending anything', () => {
	testRefusals(collector, [
		{
			name: 'an end time before the start time',
			parameters: {
				resource: 'auditTrail',
				operation: 'getMany',
				startTime: '2024-04-03T00:00:00Z',
				endTime: '2024-04-01T00:00:00Z',
				returnAll: true,
			},
			message:
				'Item 0, field "End Time" (endTime): must be after Start Time (2024-04-03T00:00:00Z); got "2024-04-01T00:00:00Z"',
		},
		{
			name: 'a start time that is not ISO-8601',
			parameters: {
				resource: 'auditTrail',
				operation: 'getMany',
				startTime: 'yesterday',
				returnAll: true,
			},
			message:
				'Item 0, field "Start Time" (startTime): expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "yesterday"',
		},
	]);
});
