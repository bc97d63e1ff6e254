import { inspect } from 'node:util';

import fc from 'fast-check';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { parameterKind, readParameter } from '../../nodes/Segment/helpers/parameters';
import { Segment } from '../../nodes/Segment/Segment.node.ts';
import {
	PREPARED_INPUT_NODE_TYPE,
	executeWorkflow,
	prepareItems,
	registerNodeType,
	resolveExpression,
} from '../harness/engine';

/**
 * readParameter must give what getNodeParameter gives, item by item, for any parameter and any
 * item: the same value (by strict deep equality: -0, NaN, undefined keys and prototypes count) or
 * the same error. Both run inside n8n's real engine, in a node with this node's description (so n8n
 * fills in defaults and normalises the parameters as it does for the Segment node), on items
 * handed over as they are: values of every type, missing keys, keys that need quoting, keys n8n
 * refuses, strings that look like expressions, nested objects and lists, Luxon DateTimes (which
 * n8n turns into text inside a parameter's value). The parameters hold `$json` paths in every
 * spelling the fast path reads, and near misses it must leave to n8n. FUZZ_SEED=<n> replays
 * another sample.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

type Outcome = { value: unknown } | { error: string };

/** What the reader node does in the current execution. */
let job: {
	names: string[];
	fast: boolean;
	outcomes: Outcome[];
	/** For each read of the fast run: whether it went to n8n. */
	wentToN8n: boolean[];
} = { names: [], fast: true, outcomes: [], wentToN8n: [] };

/** The fallbacks the tracking operations pass for these parameters. */
const FALLBACKS: Record<string, unknown> = {
	userId: '',
	anonymousId: '',
	event: '',
	propertiesInput: 'fields',
	properties: {},
	propertiesJson: '{}',
	context: {},
	options: {},
};

/** Reads the job's parameters for every item, in the order the tracking operations read them. */
class ParameterReader implements INodeType {
	description: INodeTypeDescription = {
		...new Segment().description,
		displayName: 'Parameter Reader',
		name: 'parameterReader',
		credentials: [],
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const current = job;
		let n8nCalls = 0;
		if (current.fast) {
			const getNodeParameter = this.getNodeParameter.bind(this);
			this.getNodeParameter = ((...args: Parameters<typeof getNodeParameter>) => {
				n8nCalls++;
				return getNodeParameter(...args);
			}) as typeof getNodeParameter;
		}
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			for (const name of current.names) {
				const before = n8nCalls;
				try {
					const value = current.fast
						? readParameter.call(this, name, itemIndex, FALLBACKS[name])
						: this.getNodeParameter(name, itemIndex, FALLBACKS[name]);
					current.outcomes.push({ value });
				} catch (error) {
					current.outcomes.push({ error: (error as Error).message });
				}
				current.wentToN8n.push(n8nCalls > before);
			}
		}
		return [items];
	}
}
registerNodeType('test.parameterReader', new ParameterReader());

// ---- items -------------------------------------------------------------------------------------

/** A Luxon DateTime where the item has one: made fresh for every run, as n8n may change it. */
const DATE_TIME = Symbol('DateTime');
const dateTime = () => resolveExpression('={{ DateTime.fromISO("2024-05-01T12:00:00Z") }}', {});

/** Keys items and paths share, so paths often lead somewhere. */
const KEYS = [
	'a',
	'b',
	'plan',
	'order id',
	'größe',
	'日本',
	'$',
	'$a',
	'_x',
	'0',
	'1',
	'length',
	'constructor',
	'__proto__',
	'prototype',
	'toString',
	'hasOwnProperty',
	'isLuxonDateTime',
	'isEmpty',
	'first',
	'null',
	'class',
	'a.b',
	'a"b',
	"a'b",
	'x.constructor',
	'a}}b',
	'{{a',
	'a\\b',
	'',
	' ',
];
/** Mostly the same two keys, so that paths and items meet; every other key now and then. */
const key = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom('a', 'b') },
	{ weight: 2, arbitrary: fc.constantFrom(...KEYS) },
);

const leaf = fc.oneof(
	fc.string({ maxLength: 6 }),
	fc.constantFrom('=', '=a', '={{ $json.a }}', '={{ 1 + 1 }}', 'text', ''),
	fc.integer({ min: -3, max: 3 }),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.constant(DATE_TIME),
);

/** Item data: objects built as JSON.parse builds them (own keys, even "__proto__"). */
const { value: itemValue } = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		leaf,
		fc.array(tie('value'), { maxLength: 3 }),
		fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((entries) => ({ entries })),
	),
}));
/** An item: usually fields "a" and "b" (which most paths start with), and a few more. */
const itemJson = fc
	.tuple(itemValue, itemValue, fc.array(fc.tuple(key, itemValue), { maxLength: 4 }))
	.map(([a, b, more]) => ({ entries: [['a', a], ['b', b], ...more] }));

/** A fresh copy of generated data, with its DateTimes made. */
function materialise(spec: unknown): unknown {
	if (spec === DATE_TIME) return dateTime();
	if (Array.isArray(spec)) return spec.map(materialise);
	if (spec !== null && typeof spec === 'object') {
		const { entries } = spec as { entries: Array<[string, unknown]> };
		return Object.fromEntries(entries.map(([name, value]) => [name, materialise(value)]));
	}
	return spec;
}

// ---- expressions -------------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const space = fc.constantFrom('', ' ', '  ', '\n', '\t ');

/** One step of a path, in one of the spellings users write (some of them invalid JavaScript). */
const step = fc.oneof(
	fc
		.tuple(key, fc.constantFrom('dot', 'double', 'single'))
		.map(([name, style]) =>
			style === 'dot' && IDENTIFIER.test(name)
				? `.${name}`
				: style === 'single'
					? `['${name}']`
					: `["${name}"]`,
		),
	fc.constantFrom('[0]', '[1]', '[2]', '[01]', '[ 0 ]', '.0'),
);
const path = fc
	.tuple(
		fc.constantFrom('.a', '.b', '["a"]', "['b']"),
		fc.array(step, { maxLength: 2 }),
		fc.boolean(),
	)
	.map(([first, steps, anyFirst]) => (anyFirst ? steps.join('') || first : first + steps.join('')));

/** Expressions beside the fast path's grammar (PATH is a generated path): n8n must evaluate them. */
const NEAR_MISSES = [
	'={{ ($jsonPATH) }}',
	'={{ $jsonPATH }} ',
	' ={{ $jsonPATH }}',
	'={{ $jsonPATH }}{{ 1 }}',
	'=x{{ $jsonPATH }}',
	'={{ $jsonPATH.toString() }}',
	'={{ $jsonPATH ?? "none" }}',
	'={{ $jsonPATH.isEmpty() }}',
	'={{ $jsonPATH.constructor }}',
	'={{ $jsonPATH.$ }}',
	'={{ $json.$PATH }}',
	'={{ $json?.a }}',
	'={{ $json }}',
	'={{ $data.a }}',
	'={{ $input.item.jsonPATH }}',
	'=$jsonPATH',
	'={{ $jsonPATH }',
	'={{{ $jsonPATH }}}',
	'={{ $json["a"]["constructor"] }}',
	'={{ $json["__proto__"] }}',
];

/** `={{ $json… }}` as the fast path reads it, or an expression beside it that n8n must evaluate. */
const expression = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.tuple(space, path, space).map(([a, p, b]) => `={{${a}$json${p}${b}}}`),
	},
	fc
		.tuple(path, fc.constantFrom(...NEAR_MISSES))
		.map(([p, template]) => template.replace('PATH', p)),
);

/** A parameter value: plain data with expressions among its leaves. */
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
	tree: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		expression,
		expression,
		leaf.filter((value) => value !== DATE_TIME),
		fc.array(tie('tree'), { maxLength: 3 }),
		fc.array(fc.tuple(key, tie('tree')), { maxLength: 3 }).map((entries) => ({ entries })),
	),
}));
const text = fc.oneof(expression, fc.constantFrom('u-1', 'Signed Up', '=plain', 42));

const FIELD_TYPES = ['string', 'number', 'boolean', 'array', 'object'] as const;
const assignment = fc.record({
	name: fc.oneof(key, expression),
	value: fc.oneof(
		expression,
		expression,
		leaf.filter((value) => value !== DATE_TIME),
	),
	type: fc.constantFrom(...FIELD_TYPES),
});

/** The Track operation's parameters, with expressions where users put them. */
const trackParameters = fc.record({
	userId: text,
	anonymousId: text,
	event: fc.oneof(expression, fc.constant('Order Completed')),
	propertiesInput: fc.constantFrom('fields', 'json'),
	properties: fc.array(assignment, { maxLength: 4 }),
	propertiesJson: fc.oneof(expression, tree),
	context: fc.record(
		{ ip: text, page: fc.record({ url: text }), json: tree },
		{ requiredKeys: [] },
	),
	options: fc.record({ messageId: text, timestamp: text }, { requiredKeys: [] }),
});

function nodeParameters(
	generated: typeof trackParameters extends fc.Arbitrary<infer T> ? T : never,
): INodeParameters {
	const { properties, propertiesJson, context, ...rest } = generated;
	const json = rest.propertiesInput === 'json';
	return {
		resource: 'tracking',
		operation: 'track',
		...rest,
		...(json
			? { propertiesJson: materialise(propertiesJson) as string }
			: {
					properties: {
						assignments: properties.map((entry, index) => ({ id: `f${index}`, ...entry })),
					},
				}),
		context: {
			...(context.ip === undefined ? {} : { ip: context.ip }),
			...(context.page === undefined ? {} : { page: { values: context.page } }),
			...(context.json === undefined ? {} : { json: materialise(context.json) as string }),
		},
	} as INodeParameters;
}

/**
 * Strict deep equality between values of two runs: Object.is for primitives (-0, NaN), the same own
 * keys in the same order, and prototypes alike (compared the same way when not the built-in ones).
 * Jest's toStrictEqual compares `constructor` properties by identity, which item data may own.
 */
function same(a: unknown, b: unknown, depth = 0): boolean {
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
		return typeof a === 'function' ? a === b : Object.is(a, b);
	}
	if (depth > 80 || Array.isArray(a) !== Array.isArray(b)) return false;
	const [protoA, protoB] = [Object.getPrototypeOf(a) as object, Object.getPrototypeOf(b) as object];
	if (protoA !== protoB && !same(protoA, protoB, depth + 1)) return false;
	const [keysA, keysB] = [Reflect.ownKeys(a), Reflect.ownKeys(b)];
	return (
		keysA.length === keysB.length &&
		keysA.every(
			(name, index) =>
				name === keysB[index] &&
				same(
					(a as Record<string | symbol, unknown>)[name],
					(b as Record<string | symbol, unknown>)[name],
					depth + 1,
				),
		)
	);
}

async function readAll(
	parameters: INodeParameters,
	items: unknown[],
	fast: boolean,
): Promise<typeof job> {
	job = {
		names: [
			'userId',
			'anonymousId',
			'event',
			'propertiesInput',
			parameters.propertiesInput === 'json' ? 'propertiesJson' : 'properties',
			'context',
			'options',
		],
		fast,
		outcomes: [],
		wentToN8n: [],
	};
	const result = await executeWorkflow(
		{
			nodes: [
				{
					id: 'input',
					name: 'Input',
					type: PREPARED_INPUT_NODE_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: { key: prepareItems(items.map(materialise) as IDataObject[]) },
				},
				{
					id: 'reader',
					name: 'Reader',
					type: 'test.parameterReader',
					typeVersion: 1,
					position: [200, 0],
					parameters: structuredClone(parameters),
				},
			],
			connections: { Input: { main: [[{ node: 'Reader', type: 'main', index: 0 }]] } },
		},
		{},
	);
	if (result.error) throw new Error(`The reader failed: ${result.error.message}`);
	return job;
}

test('readParameter gives what n8n gives for every parameter and item (property-based)', async () => {
	let itemReads = 0;
	let readFromItems = 0;
	await fc.assert(
		fc.asyncProperty(
			trackParameters,
			fc.array(itemJson, { minLength: 1, maxLength: 3 }),
			async (generated, items) => {
				const parameters = nodeParameters(generated);
				const fast = await readAll(parameters, items, true);
				const n8n = await readAll(parameters, items, false);
				if (!same(fast.outcomes, n8n.outcomes)) {
					const show = (outcomes: Outcome[]) => inspect(outcomes, { depth: 8, showHidden: true });
					throw new Error(`fast path: ${show(fast.outcomes)}\nn8n:       ${show(n8n.outcomes)}`);
				}
				fast.names.forEach((name, index) => {
					if (parameterKind(parameters[name]) !== 'item') return;
					for (let item = 0; item < items.length; item++) {
						itemReads++;
						if (!fast.wentToN8n[item * fast.names.length + index]) readFromItems++;
					}
				});
			},
		),
		{ seed: SEED, numRuns: RUNS },
	);
	// The comparison is only worth something if the fast path was taken often.
	expect(readFromItems).toBeGreaterThan(itemReads / 5);
});

/** Hand-picked edges the generator reaches rarely, compared the same way. */
describe.each<[string, string | IDataObject, unknown, boolean]>([
	['a string that looks like an expression', '={{ $json.a }}', '={{ 1 + 1 }}', true],
	['negative zero', '={{ $json.a }}', -0, true],
	['NaN', '={{ $json.a }}', Number.NaN, true],
	['null', '={{ $json.a }}', null, true],
	['a list', '={{ $json.a }}', [1, '2', { entries: [['three', 3]] }], true],
	["a list's length", '={{ $json.a.length }}', [1, 2], true],
	['a key that is there with no value', '={{ $json.a }}', undefined, false],
	["a text's character", '={{ $json.a[0] }}', 'xyz', false],
	["a text's length", '={{ $json.a.length }}', 'xyz', false],
	['a DateTime', '={{ $json.a }}', DATE_TIME, false],
	['a DateTime inside an object', '={{ $json.a }}', { entries: [['when', DATE_TIME]] }, false],
	['a DateTime inside a list', '={{ $json.a }}', [DATE_TIME], false],
	[
		'an object that says it is a DateTime',
		'={{ $json.a }}',
		{ entries: [['isLuxonDateTime', true]] },
		false,
	],
	[
		'"$" before another step',
		'={{ $json.a.$.b }}',
		{ entries: [['$', { entries: [['b', 1]] }]] },
		false,
	],
	['"$" as the last step', '={{ $json.a.$ }}', { entries: [['$', 1]] }, false],
	[
		'a quoted key naming a constructor',
		'={{ $json.a["x.constructor"] }}',
		{ entries: [['x.constructor', 1]] },
		false,
	],
	[
		'an own "constructor" key',
		'={{ $json.a.constructor }}',
		{ entries: [['constructor', 1]] },
		false,
	],
	[
		'an own "__proto__" key',
		'={{ $json.a["__proto__"] }}',
		{ entries: [['__proto__', { entries: [['b', 1]] }]] },
		false,
	],
	[
		'a "__proto__" key in the parameter itself',
		// As JSON.parse makes it (an object literal would set the prototype instead).
		JSON.parse(
			'{"meta": {"__proto__": {"polluted": "yes"}, "k": 1}, "plan": "={{ $json.a }}"}',
		) as IDataObject,
		'pro',
		true,
	],
])('%s', (_label, value, a, readFromItem) => {
	test(`n8n and the fast path agree${readFromItem ? ', read from the item' : ', left to n8n'}`, async () => {
		const parameters: INodeParameters = {
			resource: 'tracking',
			operation: 'track',
			event: 'E',
			propertiesInput: 'json',
			propertiesJson: value as INodeParameters[string],
		};
		const items = [{ entries: [['a', a]] }];
		const fast = await readAll(parameters, items, true);
		const n8n = await readAll(parameters, items, false);
		const index = fast.names.indexOf('propertiesJson');
		expect(inspect(fast.outcomes[index], { depth: 8 })).toBe(
			inspect(n8n.outcomes[index], { depth: 8 }),
		);
		expect(same(fast.outcomes, n8n.outcomes)).toBe(true);
		expect(fast.wentToN8n[index]).toBe(!readFromItem);
	});
});

describe('what the fast path reads from the item, and what it leaves to n8n', () => {
	test.each([
		'={{ $json.plan }}',
		'={{$json.plan}}',
		'={{ $json.order.total }}',
		'={{ $json["order id"] }}',
		"={{ $json['größe'] }}",
		'={{ $json.items[0].sku }}',
		'={{ $json.$a._b }}',
	])('%s is read from the item', (value) => {
		expect(parameterKind(value)).toBe('item');
		expect(parameterKind({ assignments: [{ id: '1', name: 'plan', value, type: 'string' }] })).toBe(
			'item',
		);
	});

	test.each([
		'={{ ($json.plan) }}',
		'={{ $json.plan }} ',
		'={{ $json.plan || "free" }}',
		'={{ $json.plan.toUpperCase() }}',
		'={{ $json }}',
		'={{ $json.constructor }}',
		'={{ $json["__proto__"] }}',
		'={{ $json["x.constructor"] }}',
		'={{ $json["a\\"b"] }}',
		'={{ $json["}}"] }}',
		'={{ $json.$ }}',
		'={{ $json.größe }}',
		'={{ $json.items[01] }}',
		"={{ $('CRM').item.json.plan }}",
		'={{ $json.plan }}{{ $json.seats }}',
	])('%s is evaluated by n8n', (value) => {
		expect(parameterKind(value)).toBe('expression');
		expect(
			parameterKind({
				assignments: [
					{ id: '1', name: 'a', value: '={{ $json.a }}', type: 'string' },
					{ id: '2', name: 'b', value, type: 'string' },
				],
			}),
		).toBe('expression');
	});

	test('a parameter without expressions is resolved once', () => {
		expect(
			parameterKind({ assignments: [{ id: '1', name: 'a', value: 'x', type: 'string' }] }),
		).toBe('static');
	});
});

test('no tracking parameter asks n8n for schema validation, which the fast path does not repeat', () => {
	const withValidation: string[] = [];
	const visit = (properties: INodeProperties[] | undefined, at: string) => {
		for (const property of properties ?? []) {
			if ('validateType' in property) withValidation.push(`${at}${property.name}`);
			const options = (property.options ?? []) as Array<
				INodeProperties & { values?: INodeProperties[] }
			>;
			visit(
				options
					.filter((option) => 'type' in option || 'values' in option)
					.flatMap((option) => option.values ?? [option]),
				`${at}${property.name}.`,
			);
		}
	};
	visit(new Segment().description.properties, '');
	expect(withValidation).toEqual([]);
});
