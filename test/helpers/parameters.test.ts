import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/**
 * Parameters that are exactly `={{ $json.field }}` are read from the item itself (n8n's expression
 * evaluation is the main cost of a large run). Whatever the item holds, the result must be what n8n
 * gives for the same expression: `={{ ($json.field) }}` is not read that way, so n8n evaluates it.
 */
const collector = useCollector();

const ITEMS: IDataObject[] = [
	{ user: { id: 'u-1' }, props: { plan: 'pro', seats: 3, tags: ['a'], nested: { ok: true } } },
	{ user: { id: 42 }, props: { price: 9.99, gift: false, none: null } },
	{ user: { id: 'u-3' }, props: {} },
	{ user: { id: 'u-4' } },
	{ user: {}, props: { a: 1 } },
	{ user: null, props: { a: 2 } },
];

/** What each item sent (or why it failed), for a Track with these parameters. */
async function run(parameters: INodeParameters) {
	collector().reset();
	const result = await runSegmentNode({
		items: ITEMS,
		parameters: {
			resource: 'tracking',
			operation: 'track',
			event: 'E',
			anonymousId: 'anon',
			options: { messageId: '={{ "m-" + $itemIndex }}', includeMessage: true },
			...parameters,
		},
		credentials: collectorCredentials(collector()),
		continueOnFail: true,
	});
	return result.output().map(({ json }) => {
		const { message, error, field } = json as IDataObject;
		return error ? { error, field } : { message };
	});
}

test('item fields read directly give what n8n evaluates, item by item, including missing paths', async () => {
	const json = (userId: string, properties: string) =>
		run({ userId, propertiesInput: 'json', propertiesJson: properties });
	const direct = await json('={{ $json.user.id }}', '={{ $json.props }}');
	const evaluated = await json('={{ ($json.user.id) }}', '={{ ($json.props) }}');
	expect(direct).toEqual(evaluated);
	expect(direct[0]).toEqual({
		message: expect.objectContaining({
			userId: 'u-1',
			properties: { plan: 'pro', seats: 3, tags: ['a'], nested: { ok: true } },
		}),
	});
	expect(direct[1]).toEqual({
		message: expect.objectContaining({
			userId: '42',
			properties: { price: 9.99, gift: false, none: null },
		}),
	});
});

/** Typed Fields whose values are `$json` paths, or the same paths in parentheses (which n8n evaluates). */
function fields(wrap: (path: string) => string): INodeParameters {
	return {
		assignments: [
			{ id: '1', name: 'plan', value: wrap('$json.props.plan'), type: 'string' },
			{ id: '2', name: 'seats', value: wrap('$json.props["seats"]'), type: 'number' },
			{ id: '3', name: 'first tag', value: wrap('$json.props.tags[0]'), type: 'string' },
			{ id: '4', name: 'nested', value: wrap('$json.props.nested'), type: 'object' },
			{ id: '5', name: 'gift', value: wrap('$json.props.gift'), type: 'boolean' },
		],
	};
}

test('typed Fields read from the item give what n8n evaluates: conversions, lists, quoted keys, missing values', async () => {
	const userId = '={{ $json.user.id }}';
	const direct = await run({ userId, properties: fields((path) => `={{ ${path} }}`) });
	const evaluated = await run({ userId, properties: fields((path) => `={{ (${path}) }}`) });
	expect(direct).toEqual(evaluated);
	expect(direct[0]).toEqual({
		message: expect.objectContaining({
			userId: 'u-1',
			// No gift in the item: a boolean Field with nothing in it is left out.
			properties: { plan: 'pro', seats: 3, 'first tag': 'a', nested: { ok: true } },
		}),
	});
	// Text Fields with nothing in the item are sent as empty text.
	expect((direct[1].message as IDataObject).properties).toEqual({
		plan: '',
		'first tag': '',
		gift: false,
	});
});
