import { collectorCredentials, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
import {
	lastPublicApiRequest,
	locator,
	outputJson,
	publicApiRequests,
	runAdmin,
	SEED,
	testRefusals,
} from '../helpers';

/**
 * The Destination Filter operations through n8n's engine against the collector: the singular
 * `/destination/` paths, that filters really change (Create shows in Get Many, Update on Get,
 * Delete deletes), Preview running a filter over a payload, the filter picker reading the chosen
 * destination, the answer of a workspace without the feature, and the input refused before
 * anything is sent.
 */
const collector = useCollector();
const lastRequest = () => lastPublicApiRequest(collector());

const ON_AMPLITUDE = { resource: 'destinationFilter', destination: locator(SEED.amplitudeWeb) };

describe('Destination Filter', () => {
	test("Get Many lists the destination's filters; Get returns one", async () => {
		const filters = outputJson(
			await runAdmin(collector(), { ...ON_AMPLITUDE, operation: 'getMany', returnAll: true }),
		);
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: `/destination/${SEED.amplitudeWeb}/filters`,
			query: { 'pagination[count]': '1000' },
		});
		expect(filters).toEqual([
			expect.objectContaining({
				id: SEED.amplitudeFilter,
				destinationId: SEED.amplitudeWeb,
				sourceId: SEED.websiteSource,
				title: 'Drop internal test events',
			}),
		]);
		const [filter] = outputJson(
			await runAdmin(collector(), {
				...ON_AMPLITUDE,
				operation: 'get',
				destinationFilter: locator(SEED.amplitudeFilter),
			}),
		);
		expect(filter).toEqual(filters[0]);
		expect(lastRequest().path).toBe(
			`/destination/${SEED.amplitudeWeb}/filters/${SEED.amplitudeFilter}`,
		);
	});

	test('Create adds a filter (types as the definition spells them); Update changes it; Delete removes it', async () => {
		const [created] = outputJson(
			await runAdmin(collector(), {
				...ON_AMPLITUDE,
				operation: 'create',
				source: locator(SEED.websiteSource),
				title: 'No emails',
				if: 'type = "identify"',
				actions: '[{"type": "drop_properties", "fields": {"traits": ["email"]}}]',
				enabled: true,
			}),
		);
		expect(JSON.parse(lastRequest().body)).toEqual({
			sourceId: SEED.websiteSource,
			title: 'No emails',
			if: 'type = "identify"',
			actions: [{ type: 'DROP_PROPERTIES', fields: { traits: ['email'] } }],
			enabled: true,
		});
		expect(created).toMatchObject({
			title: 'No emails',
			enabled: true,
			destinationId: SEED.amplitudeWeb,
		});
		const filterId = created.id as string;

		const [updated] = outputJson(
			await runAdmin(collector(), {
				...ON_AMPLITUDE,
				operation: 'update',
				destinationFilter: locator(filterId),
				updateFields: { enabled: false },
			}),
		);
		expect(lastRequest()).toMatchObject({
			method: 'PATCH',
			path: `/destination/${SEED.amplitudeWeb}/filters/${filterId}`,
		});
		expect(JSON.parse(lastRequest().body)).toEqual({ enabled: false });
		expect(updated).toMatchObject({ id: filterId, title: 'No emails', enabled: false });

		const deleted = outputJson(
			await runAdmin(collector(), {
				...ON_AMPLITUDE,
				operation: 'delete',
				destinationFilter: locator(filterId),
			}),
		);
		expect(deleted).toEqual([
			{ destinationId: SEED.amplitudeWeb, filterId, deleted: true, status: 'SUCCESS' },
		]);
		const again = await runAdmin(collector(), {
			...ON_AMPLITUDE,
			operation: 'get',
			destinationFilter: locator(filterId),
		});
		expect(again.error?.message).toBe(
			`Destination "${SEED.amplitudeWeb}" or its filter "${filterId}" was not found (404): check the ID, and that the token and Region belong to the workspace that has it`,
		);
		const left = outputJson(
			await runAdmin(collector(), { ...ON_AMPLITUDE, operation: 'getMany', returnAll: true }),
		);
		expect(left.map(({ id }) => id)).toEqual([SEED.amplitudeFilter]);
	});

	test("a filter's source must be the destination's: Segment's 422 names the field", async () => {
		const result = await runAdmin(collector(), {
			...ON_AMPLITUDE,
			operation: 'create',
			source: locator(SEED.iosSource),
			title: 'Wrong source',
			if: 'all',
			actions: '[{"type": "DROP"}]',
		});
		expect(result.error?.message).toBe(
			`Segment refused the input (422): sourceId "${SEED.iosSource}" is not the source of destination "${SEED.amplitudeWeb}" (field: sourceId)`,
		);
	});

	describe('Preview runs a filter over a sample payload', () => {
		const payload = {
			type: 'track',
			event: 'Order Completed',
			userId: 'u-1',
			properties: { total: 42, email: 'ada@example.com' },
		};
		const preview = async (condition: string, actions: unknown[]) =>
			outputJson(
				await runAdmin(
					collector(),
					{
						resource: 'destinationFilter',
						operation: 'preview',
						if: condition,
						actions: JSON.stringify(actions),
						payload: '={{ $json.event }}',
					},
					{ items: [{ event: payload }] },
				),
			);

		test('a DROP whose condition matches drops the event: result null, dropped true', async () => {
			expect(await preview('event = "Order Completed"', [{ type: 'DROP' }])).toEqual([
				{ inputPayload: payload, result: null, dropped: true },
			]);
			expect(lastRequest()).toMatchObject({ method: 'POST', path: '/destination/filters/preview' });
			expect(JSON.parse(lastRequest().body)).toEqual({
				filter: { if: 'event = "Order Completed"', actions: [{ type: 'DROP' }] },
				payload,
			});
		});

		test('a condition that does not match leaves the event as it was', async () => {
			expect(await preview('properties.total > 100', [{ type: 'DROP' }])).toEqual([
				{ inputPayload: payload, result: payload, dropped: false },
			]);
		});

		test('DROP_PROPERTIES removes the listed properties', async () => {
			const [{ result }] = await preview('all', [
				{ type: 'DROP_PROPERTIES', fields: { properties: ['email'] } },
			]);
			expect(result).toEqual({ ...payload, properties: { total: 42 } });
		});

		test("a condition that is not FQL: Segment's 422", async () => {
			const result = await runAdmin(collector(), {
				resource: 'destinationFilter',
				operation: 'preview',
				if: 'event ==',
				actions: '[{"type": "DROP"}]',
				payload: '{"type": "track"}',
			});
			expect(result.error?.message).toMatch(
				/^Segment refused the input \(422\): filter\.if is not valid FQL: /,
			);
		});
	});

	test('the filter picker lists the filters of the destination chosen above it', async () => {
		const { results } = await runListSearch('searchDestinationFilters', {
			credentials: collectorCredentials(collector()),
			parameters: { ...ON_AMPLITUDE, operation: 'get' },
			path: 'parameters.destinationFilter',
		});
		expect(results).toEqual([
			{
				name: 'Drop internal test events',
				value: SEED.amplitudeFilter,
				description: 'type = "track" and event = "Internal Test"',
			},
		]);
		expect(lastRequest().path).toBe(`/destination/${SEED.amplitudeWeb}/filters`);
	});

	test.each([
		['no destination chosen yet', locator('', 'list')],
		['a destination from an expression the editor cannot resolve', locator('={{ $json.id }}')],
	])('with %s, the picker says to choose it first, and sends nothing', async (_, destination) => {
		await expect(
			runListSearch('searchDestinationFilters', {
				credentials: collectorCredentials(collector()),
				parameters: { resource: 'destinationFilter', operation: 'get', destination },
				path: 'parameters.destinationFilter',
			}),
		).rejects.toThrow(
			'Choose the destination first (from the list or by ID): the destination filter list is its own',
		);
		expect(publicApiRequests(collector())).toHaveLength(0);
	});
});

describe('a workspace without Destination Filters (not on the Business plan)', () => {
	test("is answered 403 by Segment; the error names the feature, and Segment's own words", async () => {
		collector().publicApiState.features.destinationFilters = false;
		const result = await runAdmin(collector(), {
			...ON_AMPLITUDE,
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.error).toMatchObject({
			message:
				"The workspace lacks Destination Filters (Segment's Business plan), or the Public API Token lacks permission for this operation (403): check the workspace's plan, and give the token the Workspace Owner role",
			httpCode: '403',
		});
		expect(result.error?.description).toContain(
			'Segment said: "This workspace does not have access to Destination Filters, a feature of the Business plan."',
		);
		// A 403 is final: not retried.
		expect(publicApiRequests(collector())).toHaveLength(1);
	});

	test('Preview too', async () => {
		collector().publicApiState.features.destinationFilters = false;
		const result = await runAdmin(collector(), {
			resource: 'destinationFilter',
			operation: 'preview',
			if: 'all',
			actions: '[{"type": "DROP"}]',
			payload: '{"type": "track"}',
		});
		expect(result.error?.httpCode).toBe('403');
	});
});

describe('input the node refuses before sending anything', () => {
	const create = (actions: string, extra: Record<string, unknown> = {}) => ({
		...ON_AMPLITUDE,
		operation: 'create',
		source: locator(SEED.websiteSource),
		title: 'A filter',
		if: 'all',
		actions,
		...extra,
	});
	testRefusals(collector, [
		{
			name: 'actions that are not a list',
			parameters: create('{"type": "DROP"}'),
			message:
				'Item 0, field "Actions (JSON)" (actions): expected a JSON list of at least one action, like [{"type": "DROP"}]',
		},
		{
			name: 'no actions',
			parameters: create('[]'),
			message:
				'Item 0, field "Actions (JSON)" (actions): expected a JSON list of at least one action, like [{"type": "DROP"}]',
		},
		{
			name: 'an unknown action type',
			parameters: create('[{"type": "DROP"}, {"type": "MASK"}]'),
			message:
				'Item 0, field "Actions (JSON)" (actions[1].type): expected one of ALLOW_PROPERTIES, DROP, DROP_PROPERTIES, SAMPLE; got "MASK"',
		},
		{
			name: 'a sample percent over 1',
			parameters: create('[{"type": "SAMPLE", "percent": 10}]'),
			message:
				'Item 0, field "Actions (JSON)" (actions[0].percent): expected a number from 0 to 1 (0.1 keeps 10%); got 10',
		},
		{
			name: 'ALLOW_PROPERTIES without fields',
			parameters: create('[{"type": "ALLOW_PROPERTIES"}]'),
			message:
				'Item 0, field "Actions (JSON)" (actions[0].fields): expected an object of paths to property names, like {"properties": ["email"]}',
		},
		{
			name: 'a key the action type does not take',
			parameters: create('[{"type": "DROP", "percent": 0.5}]'),
			message:
				'Item 0, field "Actions (JSON)" (actions[0].percent): a DROP action takes only "type"',
		},
		{
			name: 'property names that are not a list',
			parameters: create('[{"type": "DROP_PROPERTIES", "fields": {"properties": "email"}}]'),
			message:
				'Item 0, field "Actions (JSON)" (actions[0].fields.properties): expected a list of property names, like ["email"]; got "email"',
		},
		{
			name: 'an empty condition (from an expression)',
			parameters: create('[{"type": "DROP"}]', { if: '={{ "" }}' }),
			message:
				'Item 0, field "If" (if): expected an FQL condition, like type = "track", or "all" for every event',
		},
		{
			name: 'Preview: a payload that is not an object',
			parameters: {
				resource: 'destinationFilter',
				operation: 'preview',
				if: 'all',
				actions: '[{"type": "DROP"}]',
				payload: '[1, 2]',
			},
			message: 'Item 0, field "Payload (JSON)" (payload): expected a JSON object',
		},
		{
			name: 'Update without fields',
			parameters: {
				...ON_AMPLITUDE,
				operation: 'update',
				destinationFilter: locator(SEED.amplitudeFilter),
				updateFields: {},
			},
			message:
				'Item 0, field "Update Fields" (updateFields): add at least one field to change (Actions, Description, Enabled, If or Title)',
		},
	]);
});
