import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { collectorCredentials, useCollector } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/**
 * Generated bad input: for every call type, over a thousand malformed inputs (wrong types, missing
 * ids, bad timestamps, oversized properties, invalid JSON text, deep nesting, odd Unicode). Each
 * must end as a clear error item for its own item, naming the field, with nothing sent for it and
 * the execution never crashing. The generator is seeded: FUZZ_SEED=<n> replays another sample.
 */
const collector = useCollector();

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = 1_050;
const CALL_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
type CallType = (typeof CALL_TYPES)[number];

/** Text that is valid but odd: emoji, right-to-left, zero-width, combining marks, NUL, lone surrogates. */
const oddText = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.constantFrom(
		'🧪 Signed Up',
		'נרשם',
		'\u200b\u200d',
		'e\u0301\u0301',
		'a\u0000b',
		'\ud800',
		'x\udfff',
		'=1+1',
		'{{ $json }}',
	),
);

/** A valid call of `type`, with odd but acceptable text in it. */
function validCall(type: CallType): fc.Arbitrary<IDataObject> {
	return fc.record({ word: oddText, n: fc.integer(), ok: fc.boolean() }).map(({ word, n, ok }) => {
		const base: IDataObject = {
			userId: `user-${n}`,
			properties: { note: word, n, ok },
			traits: { name: word },
		};
		if (type === 'track') base.event = word.trim() === '' ? 'E' : word;
		if (type === 'group') base.groupId = `group-${n}`;
		if (type === 'alias') base.previousId = `anon-${n}`;
		return base;
	});
}

const notText = fc.oneof(
	fc.constant({ id: 1 }),
	fc.constant([1, 2]),
	fc.boolean(),
	fc.constant(Number.NaN),
	fc.constant(Number.POSITIVE_INFINITY),
);
const badTimestamp = fc.oneof(
	fc
		.string({ maxLength: 30 })
		.filter((text) => text.trim() !== '' && !/^\d{4}-\d{2}-\d{2}T/.test(text)),
	fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 19)),
	fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
	fc.constantFrom('2024-13-01T00:00:00Z', '2024-02-30T25:61:00Z', 'yesterday', 'now'),
	fc.integer(),
	fc.boolean(),
	fc.constant({ when: 'today' }),
);
function deep(levels: number): IDataObject {
	let value: IDataObject = { leaf: true };
	for (let level = 0; level < levels; level++) value = { nested: value };
	return value;
}
const badPayload = fc.oneof(
	fc.constant([1, 2, 3]),
	fc.integer(),
	fc.boolean(),
	fc.constantFrom('{"plan": pro}', '{', '[1,', 'not json', '{"a": 1}}'),
	fc.integer({ min: 40, max: 64 }).map((size) => ({ blob: 'x'.repeat(size * 1024) })),
	fc.integer({ min: 70, max: 120 }).map(deep),
	fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY).map((bad) => ({ items: [{ price: bad }] })),
);

/** One defect, applied to a valid call of `type`, and the field the error must name. */
function defects(type: CallType): Array<fc.Arbitrary<{ item: IDataObject; field: RegExp }>> {
	const payloadKey = type === 'identify' || type === 'group' ? 'traits' : 'properties';
	const on = (
		mutate: (item: IDataObject, value: never) => void,
		values: fc.Arbitrary<unknown>,
		field: RegExp,
	) =>
		fc.tuple(validCall(type), values).map(([item, value]) => {
			mutate(item, value as never);
			return { item, field };
		});
	const list = [
		on((item, value: unknown) => (item.timestamp = value as string), badTimestamp, /^timestamp$/),
		on(
			(item, value: unknown) => (item.messageId = value as string),
			fc.oneof(fc.string({ minLength: 101, maxLength: 300 }), notText),
			/^messageId$/,
		),
		on(
			(item, value: unknown) => (item.context = value as IDataObject),
			fc.oneof(fc.constant([1]), fc.constantFrom('{', '"text"', '42')),
			/^context/,
		),
		on(
			(item, value: unknown) => (item.integrations = value as IDataObject),
			fc.constantFrom({ Mixpanel: 'yes' }, { All: 1 }),
			/^integrations/,
		),
	];
	if (type !== 'alias') {
		list.push(
			on((item, value: unknown) => (item.userId = value as string), notText, /^userId$/),
			on(
				(item, value: unknown) => {
					item.userId = value as string;
					item.anonymousId = value as string;
				},
				fc.constantFrom(undefined, '', '   '),
				/^userId$/,
			),
			on(
				(item, value: unknown) => (item[payloadKey] = value as IDataObject),
				badPayload,
				new RegExp(`^${payloadKey}`),
			),
		);
	}
	if (type === 'track')
		list.push(
			on(
				(item, value: unknown) => (item.event = value as string),
				fc.oneof(fc.constantFrom(undefined, '', '   '), notText),
				/^event$/,
			),
		);
	if (type === 'group')
		list.push(
			on(
				(item, value: unknown) => (item.groupId = value as string),
				fc.oneof(fc.constantFrom(undefined, ' '), notText),
				/^groupId$/,
			),
		);
	if (type === 'alias') {
		list.push(
			on(
				(item, value: unknown) => (item.previousId = value as string),
				fc.oneof(fc.constantFrom(undefined, ''), notText),
				/^previousId$/,
			),
			on(
				(item, value: unknown) => (item.userId = value as string),
				fc.oneof(fc.constantFrom(undefined, ''), notText),
				/^userId$/,
			),
		);
	}
	return list;
}

/** The node reads every field from the item, so each generated value reaches its parameter. */
function parametersFor(type: CallType): INodeParameters {
	const payloadKey = type === 'identify' || type === 'group' ? 'traits' : 'properties';
	const parameters: INodeParameters = {
		resource: 'tracking',
		operation: type,
		userId: '={{ $json.userId }}',
		[`${payloadKey}Input`]: 'json',
		[`${payloadKey}Json`]: `={{ $json.${payloadKey} }}`,
		context: { json: '={{ $json.context }}' },
		integrations: { json: '={{ $json.integrations }}' },
		options: { timestamp: '={{ $json.timestamp }}', messageId: '={{ $json.messageId }}' },
	};
	if (type !== 'alias') parameters.anonymousId = '={{ $json.anonymousId }}';
	if (type === 'track') parameters.event = '={{ $json.event }}';
	if (type === 'group') parameters.groupId = '={{ $json.groupId }}';
	if (type === 'alias') parameters.previousId = '={{ $json.previousId }}';
	return parameters;
}

const ERROR_SHAPE = /^Item (\d+), (call \d+, )?field "[^"]+"/;

describe.each(CALL_TYPES)('%s: generated malformed inputs', (type) => {
	const samples = fc.sample(fc.oneof(...defects(type)), {
		seed: SEED + CALL_TYPES.indexOf(type),
		numRuns: RUNS,
	});

	test(`${RUNS} malformed inputs each become a clear error item for their own item; nothing is sent`, async () => {
		const result = await runSegmentNode({
			items: samples.map(({ item }) => item),
			parameters: parametersFor(type),
			credentials: collectorCredentials(collector()),
			continueOnFail: true,
			itemsAsIs: true,
		});
		expect(result.error).toBeUndefined();
		const output = result.output();
		expect(output).toHaveLength(RUNS);
		const unclear = output
			.map(({ json, pairedItem }, index) => ({
				json,
				pairedItem,
				index,
				expected: samples[index].field,
			}))
			.filter(({ json, pairedItem, index, expected }) => {
				const match = ERROR_SHAPE.exec(String(json.error ?? ''));
				return (
					!match ||
					Number(match[1]) !== index ||
					json.itemIndex !== index ||
					(pairedItem as { item: number }).item !== index ||
					!expected.test(String(json.field))
				);
			})
			.slice(0, 5)
			.map(({ index, json, expected }) => ({
				index,
				error: json.error,
				field: json.field,
				expected: String(expected),
				input: samples[index].item,
			}));
		expect(unclear).toEqual([]);
		expect(collector().requests).toHaveLength(0);
	});

	test('without Continue On Fail, the first malformed input fails the node with its field error', async () => {
		const result = await runSegmentNode({
			items: samples.slice(0, 25).map(({ item }) => item),
			parameters: parametersFor(type),
			credentials: collectorCredentials(collector()),
			itemsAsIs: true,
		});
		expect(result.error?.message).toMatch(/^Item 0, field "[^"]+" \(/);
		expect(collector().requests).toHaveLength(0);
	});
});

describe('Batch: generated malformed calls from input items', () => {
	const badCall = fc.oneof(
		...CALL_TYPES.flatMap((type) =>
			defects(type).map((arbitrary) =>
				arbitrary.map(({ item, field }) => {
					const call: IDataObject = { type, ...item };
					if (type !== 'identify' && type !== 'group') delete call.traits;
					if (type === 'identify' || type === 'group') delete call.properties;
					if (typeof call[field.source.includes('traits') ? 'traits' : 'properties'] === 'string') {
						// Text where an object belongs: in a raw call that is a wrong type, not JSON to parse.
						field = /^(properties|traits)$/;
					}
					return { item: call, field };
				}),
			),
		),
		fc
			.record({ type: fc.constantFrom('visit', 'Track', '', 7), userId: fc.constant('u') })
			.map((item) => ({ item: item as IDataObject, field: /^type$/ })),
		fc
			.record({
				type: fc.constant('track'),
				userId: fc.constant('u'),
				event: fc.constant('E'),
				propertes: fc.constant({}),
			})
			.map((item) => ({ item: item as IDataObject, field: /^propertes$/ })),
	);
	const samples = fc.sample(badCall, { seed: SEED, numRuns: RUNS });

	test(`${RUNS} malformed calls each become a clear error item; nothing is sent`, async () => {
		const result = await runSegmentNode({
			items: samples.map(({ item }) => item),
			parameters: { resource: 'tracking', operation: 'batch', callsFrom: 'items' },
			credentials: collectorCredentials(collector()),
			continueOnFail: true,
			itemsAsIs: true,
		});
		expect(result.error).toBeUndefined();
		const output = result.output();
		expect(output).toHaveLength(RUNS);
		const unclear = output
			.map(({ json }, index) => ({ json, index }))
			.filter(
				({ json, index }) =>
					!ERROR_SHAPE.test(String(json.error ?? '')) ||
					json.itemIndex !== index ||
					!samples[index].field.test(String(json.field)),
			)
			.slice(0, 5)
			.map(({ index, json }) => ({
				index,
				error: json.error,
				field: json.field,
				expected: String(samples[index].field),
				input: samples[index].item,
			}));
		expect(unclear).toEqual([]);
		expect(collector().requests).toHaveLength(0);
	});
});
