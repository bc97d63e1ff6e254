import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { readExample } from '../../scripts/n8n/examples';
import { SEED } from '../admin/helpers';
import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/**
 * The Segment tools of examples/mcp-server.json, run through n8n's engine with the arguments a
 * model gives them: n8n's AI Agent hands a tool node its arguments as the input item, and each
 * `$fromAI('key', …)` parameter reads `key` from it. Whether a model sends a JSON parameter as an
 * object or as its JSON text depends on the tool's schema and on the client, so the node takes
 * both, through the same checks.
 */

const collector = useCollector();
const mcpServer = readExample('mcp-server.json');

/** A tool node's parameters, as the example sets them (the tool-only description fields aside). */
function toolParameters(tool: string): INodeParameters {
	const node = mcpServer.nodes.find(({ name }) => name === tool);
	if (!node) throw new Error(`examples/mcp-server.json has no tool "${tool}"`);
	const parameters = { ...node.parameters } as INodeParameters;
	delete parameters.descriptionType;
	delete parameters.toolDescription;
	return parameters;
}

async function callTool(tool: string, args: IDataObject) {
	return await runSegmentNode({
		items: [args],
		itemsAsIs: true,
		parameters: toolParameters(tool),
		credentials: collectorCredentials(collector()),
	});
}

/** What a call sent: the tracking messages, or the Public API request bodies. */
function sent(): unknown[] {
	return collector().requests.map(({ api, body }) =>
		api === 'tracking'
			? (JSON.parse(body) as { batch: unknown[] }).batch
			: { body: body === '' ? undefined : (JSON.parse(body) as unknown) },
	);
}

describe('JSON parameters take an object or its JSON text, through the same checks', () => {
	const properties = { plan: 'pro', seats: 5, annual: true, coupon: null, addOns: ['sso'] };
	const calls = [
		{ type: 'identify', userId: 'u-1', traits: { plan: 'pro' }, messageId: 'c-1' },
		{ type: 'track', userId: 'u-1', event: 'Plan Upgraded', messageId: 'c-2' },
	];
	test.each([
		['track', 'properties', { event: 'Plan Upgraded', userId: 'u-1' }, properties, { properties }],
		[
			'identify',
			'traits',
			{ userId: 'u-1' },
			{ email: 'ada@example.com', seats: 3 },
			{ traits: { email: 'ada@example.com', seats: 3 } },
		],
		[
			'track',
			'context',
			{ event: 'Signed Up', userId: 'u-1' },
			{ ip: '203.0.113.7' },
			{ context: { ip: '203.0.113.7' } },
		],
		[
			'page',
			'integrations',
			{ userId: 'u-1', name: 'Pricing' },
			{ All: false, Mixpanel: true },
			{ integrations: { All: false, Mixpanel: true } },
		],
		['batch', 'calls', {}, calls, calls],
	])('%s: %s', async (tool, key, args, value, lands) => {
		const asObject = await callTool(tool, { messageId: 'same-id', ...args, [key]: value });
		expect(asObject.error).toBeUndefined();
		const sentForObject = sent();
		// One request, carrying the call(s) with the value in place.
		expect(sentForObject).toMatchObject([Array.isArray(lands) ? lands : [lands]]);
		collector().reset();

		const asText = await callTool(tool, {
			messageId: 'same-id',
			...args,
			[key]: JSON.stringify(value),
		});
		expect(asText.error).toBeUndefined();
		expect(sent()).toEqual(sentForObject);
	});

	test('update_source: settings', async () => {
		const settings = { website: 'https://x.test', sampling: 0.5 };
		await callTool('update_source', { sourceId: SEED.iosSource, settings });
		const sentForObject = sent();
		expect(sentForObject).toEqual([{ body: { settings } }]);
		collector().reset();
		await callTool('update_source', {
			sourceId: SEED.iosSource,
			settings: JSON.stringify(settings),
		});
		expect(sent()).toEqual(sentForObject);
	});

	test.each([
		['a list', ['plan', 'pro']],
		['a number', 42],
	])(
		'properties that are %s are refused alike as an object and as JSON text',
		async (_name, bad) => {
			const asValue = await callTool('track', { event: 'X', userId: 'u-1', properties: bad });
			const asText = await callTool('track', {
				event: 'X',
				userId: 'u-1',
				properties: JSON.stringify(bad),
			});
			expect(asValue.error?.message).toMatch(
				/^Item 0, field "Properties \(JSON\)" \(properties\): /,
			);
			expect(asText.error?.message).toBe(asValue.error?.message);
			expect(collector().requests).toEqual([]);
		},
	);
});

describe('update_source changes only the fields a model gives', () => {
	test.each([
		[{ name: 'Renamed', slug: '', enabled: '', settings: '' }, { name: 'Renamed' }],
		[{ name: '', enabled: 'false' }, { enabled: false }],
		[{ enabled: ' TRUE ' }, { enabled: true }],
		[{ enabled: true }, { enabled: true }],
		[
			{ slug: 'ios-v2', settings: '{"website": "https://x.test"}' },
			{ slug: 'ios-v2', settings: { website: 'https://x.test' } },
		],
	])('%j sends %j', async (fields, body) => {
		const result = await callTool('update_source', { sourceId: SEED.iosSource, ...fields });
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([{ body }]);
	});

	test.each([
		[
			{ name: '', slug: '', enabled: '', settings: '' },
			'Item 0, field "Update Fields" (updateFields): add at least one field to change (Name, Slug, Enabled or Settings)',
		],
		[{ enabled: 'yes' }, 'Item 0, field "Enabled" (enabled): expected true or false; got "yes"'],
		[
			{ settings: '{"website": }' },
			/^Item 0, field "Settings \(JSON\)" \(settings\): expected a JSON object, but the text is not valid JSON \(/,
		],
	])('%j is refused before anything is sent', async (fields, message) => {
		const result = await callTool('update_source', { sourceId: SEED.iosSource, ...fields });
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(collector().requests).toEqual([]);
	});
});

describe('the profile tools take what a model gives', () => {
	const output = (result: Awaited<ReturnType<typeof callTool>>) =>
		result.output().map(({ json }) => json);

	test('get_profile_traits: an e-mail with a +, the profile type left to its default', async () => {
		const result = await callTool('get_profile_traits', {
			idType: 'email',
			idValue: 'alan+crm@example.com',
		});
		expect(result.error).toBeUndefined();
		expect(output(result)).toEqual([
			expect.objectContaining({ name: 'Alan Turing', plan: 'team' }),
		]);
		expect(collector().requests.map(({ path }) => path)).toEqual([
			expect.stringMatching(
				/\/collections\/users\/profiles\/email:alan%2Bcrm%40example\.com\/traits$/,
			),
		]);
	});

	test('get_profile_events: empty start, end and include mean none; limit is the most events', async () => {
		const result = await callTool('get_profile_events', {
			idType: 'user_id',
			idValue: '101',
			start: '',
			end: '',
			include: '',
			limit: 3,
		});
		expect(result.error).toBeUndefined();
		expect(output(result)).toHaveLength(3);
		expect(collector().requests.map(({ query }) => query)).toEqual([{ limit: '3', sort: 'desc' }]);
	});

	test('no profile for the ID is an item saying so, not a failure', async () => {
		const result = await callTool('get_profile_metadata', {
			idType: 'email',
			idValue: 'nobody@example.com',
		});
		expect(result.error).toBeUndefined();
		expect(output(result)).toEqual([
			expect.objectContaining({ notFound: true, identifier: 'email:nobody@example.com' }),
		]);
	});

	test('a profile type other than users or accounts is refused before anything is sent', async () => {
		const result = await callTool('get_profile_links', {
			profileType: 'people',
			idType: 'user_id',
			idValue: '101',
		});
		expect(result.error?.message).toBe(
			'Item 0, field "Profile Type" (collection): expected users or accounts; got "people"',
		);
		expect(collector().requests).toEqual([]);
	});
});
