import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';
import { isSafeObjectProperty } from 'n8n-workflow';

/**
 * Per-item parameter reads for large runs. n8n's expression evaluation (a data proxy and a
 * compiled template per expression, about 100 µs each) is the main cost of a run of many items, and
 * the expressions users write most are plain paths into the current item: `={{ $json.plan }}`,
 * typed Fields whose values are such paths, `$json["order id"]`, `$json.items[0].sku`. Each
 * parameter is looked at once per run:
 * - no expression in it: n8n resolves it once, and every item gets that value;
 * - every expression in it a plain `$json` path: its value is built from the item itself, exactly
 *   as n8n would build it (objects and lists copied the way n8n copies them, each path read as
 *   JavaScript reads it); when a path does not lead to a value n8n hands over unchanged, n8n
 *   resolves that item's parameter as usual;
 * - anything else goes through getNodeParameter for every item.
 * test/helpers/parameters.property.test.ts compares this with n8n's own evaluation.
 */

/** A path read that n8n must answer (the value is missing, or n8n would not hand it over as it is). */
const FALLBACK = Symbol('fallback');

/** Builds a parameter's value from an item's JSON, or says n8n has to. */
type ItemReader = (json: IDataObject) => unknown;

type CompiledParameter =
	{ kind: 'static' } | { kind: 'item'; read: ItemReader } | { kind: 'expression' };

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(containsExpression);
	return false;
}

/**
 * `={{ $json.a["b c"][0] }}`: the whole expression one path into the current item, by property
 * names (ASCII identifiers), quoted keys and list indexes. Quoted keys hold no backslash (escapes),
 * no braces (n8n's template splitter looks for `{{` and `}}` inside the code) and no line breaks.
 */
const ITEM_PATH_EXPRESSION =
	/^=\{\{[ \t\r\n]*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:0|[1-9]\d{0,14})\]|\["[^"\\{}\r\n\u2028\u2029]*"\]|\['[^'\\{}\r\n\u2028\u2029]*'\])+)[ \t\r\n]*\}\}$/;
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"]*)"\]|\['([^']*)'\]/g;
/** n8n refuses any expression that mentions `.constructor`, wherever it is. */
const CONSTRUCTOR_ACCESS = /\.\s*constructor/;

/** The keys of a `$json` path expression, or undefined when it is any other expression. */
function itemPath(expression: string): string[] | undefined {
	const match = ITEM_PATH_EXPRESSION.exec(expression);
	if (!match || CONSTRUCTOR_ACCESS.test(expression)) return undefined;
	const keys: string[] = [];
	for (const [, name, index, doubleQuoted, singleQuoted] of match[1].matchAll(PATH_SEGMENT)) {
		const key = name ?? index ?? doubleQuoted ?? singleQuoted;
		// n8n refuses prototype access, and checks a bare `$` (its `$()` function) by where it stands.
		if (!isSafeObjectProperty(key) || name === '$') return undefined;
		keys.push(key);
	}
	return keys;
}

/**
 * Whether n8n hands a value read from an item over as it is. n8n's parameter clean-up turns every
 * Luxon DateTime inside the result into text (in place), so a value holding one (or something that
 * says it is one) is left to n8n, as is anything deeper than this walk goes.
 */
function handedOverAsIs(value: unknown, depth: number): boolean {
	if (value === null || typeof value !== 'object') return typeof value !== 'function';
	if (depth > 64 || (value as { isLuxonDateTime?: unknown }).isLuxonDateTime) return false;
	if (Array.isArray(value)) {
		for (const entry of value) if (!handedOverAsIs(entry, depth + 1)) return false;
		return true;
	}
	for (const key in value) {
		if (
			Object.prototype.hasOwnProperty.call(value, key) &&
			!handedOverAsIs((value as IDataObject)[key], depth + 1)
		) {
			return false;
		}
	}
	return true;
}

/** Reads a path as JavaScript does, only through the item's own data. */
function readPath(json: unknown, keys: readonly string[]): unknown {
	let value = json;
	for (const key of keys) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, key)
		) {
			return FALLBACK;
		}
		value = (value as IDataObject)[key];
	}
	return value === undefined || !handedOverAsIs(value, 0) ? FALLBACK : value;
}

/** A parameter value without expressions, copied the way n8n's parameter resolution copies it. */
function resolvedConstant(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(resolvedConstant);
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) copy[key] = resolvedConstant(entry);
	return copy;
}

/**
 * The parts of a list or object value: constants (resolved once) and readers, side by side. A
 * part's reader is undefined for a constant; the whole is undefined if a part cannot be read.
 */
function parts(
	values: unknown[],
): { constants: unknown[]; readers: Array<ItemReader | undefined> } | undefined {
	const constants: unknown[] = [];
	const readers: Array<ItemReader | undefined> = [];
	for (const value of values) {
		if (containsExpression(value)) {
			const read = itemReader(value);
			if (!read) return undefined;
			constants.push(undefined);
			readers.push(read);
		} else {
			constants.push(resolvedConstant(value));
			readers.push(undefined);
		}
	}
	return { constants, readers };
}

/** The reader of a parameter value whose expressions are all `$json` paths; else undefined. */
function itemReader(value: unknown): ItemReader | undefined {
	if (!containsExpression(value)) {
		const constant = resolvedConstant(value);
		return () => constant;
	}
	if (typeof value === 'string') {
		const keys = itemPath(value);
		return keys && ((json) => readPath(json, keys));
	}
	const list = Array.isArray(value);
	const keys = list ? [] : Object.keys(value as object);
	const compiled = parts(list ? value : keys.map((key) => (value as Record<string, unknown>)[key]));
	if (!compiled) return undefined;
	const { constants, readers } = compiled;
	const count = readers.length;
	if (list) {
		return (json) => {
			const result = new Array<unknown>(count);
			for (let index = 0; index < count; index++) {
				const read = readers[index];
				const entry = read === undefined ? constants[index] : read(json);
				if (entry === FALLBACK) return FALLBACK;
				result[index] = entry;
			}
			return result;
		};
	}
	return (json) => {
		const result: Record<string, unknown> = {};
		for (let index = 0; index < count; index++) {
			const read = readers[index];
			const entry = read === undefined ? constants[index] : read(json);
			if (entry === FALLBACK) return FALLBACK;
			result[keys[index]] = entry;
		}
		return result;
	};
}

function compileParameter(raw: unknown): CompiledParameter {
	if (!containsExpression(raw)) return { kind: 'static' };
	const read = itemReader(raw);
	return read ? { kind: 'item', read } : { kind: 'expression' };
}

/** One parameter during a run: how it is read, and its value once it is the same for every item. */
interface ParameterState {
	compiled: CompiledParameter;
	resolved?: { value: unknown };
	/** buildFromParameter's result, for a static parameter. */
	built?: { value: unknown };
}

interface RunParameters {
	raw: INodeParameters;
	items: INodeExecutionData[];
	parameters: Map<string, ParameterState>;
}

const parametersByRun = new WeakMap<IExecuteFunctions, RunParameters>();

function parameterState(context: IExecuteFunctions, name: string): ParameterState {
	let run = parametersByRun.get(context);
	if (!run) {
		run = {
			raw: context.getNode().parameters,
			items: context.getInputData(),
			parameters: new Map(),
		};
		parametersByRun.set(context, run);
	}
	let state = run.parameters.get(name);
	if (!state) {
		state = { compiled: compileParameter(run.raw[name]) };
		run.parameters.set(name, state);
	}
	return state;
}

function itemJson(context: IExecuteFunctions, itemIndex: number): unknown {
	return (parametersByRun.get(context) as RunParameters).items[itemIndex]?.json;
}

/**
 * getNodeParameter for the per-item reads of a large run (see the top of this file): the same
 * value, without n8n's expression evaluation where the value can be read from the item itself.
 * Callers must not mutate what they get back.
 */
export function readParameter<T>(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: T,
): T {
	const state = parameterState(this, name);
	if (state.resolved) return state.resolved.value as T;
	const { compiled } = state;
	if (compiled.kind === 'item') {
		const json = itemJson(this, itemIndex);
		const value =
			json === null || typeof json !== 'object' ? FALLBACK : compiled.read(json as IDataObject);
		if (value !== FALLBACK) return value as T;
	}
	const value = this.getNodeParameter(name, itemIndex, fallback) as T;
	if (compiled.kind === 'static') state.resolved = { value };
	return value;
}

/**
 * A value built from one parameter (the context or integrations object of a call): built once per
 * run when the parameter holds no expression, else per item. A build that fails is not kept, so
 * every item reports its own error.
 */
export function buildFromParameter<T>(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	build: (value: unknown) => T,
): T {
	const state = parameterState(this, name);
	if (state.built) return state.built.value as T;
	const built = build(readParameter.call(this, name, itemIndex, {}));
	if (state.compiled.kind === 'static') state.built = { value: built };
	return built;
}

/** What is left to n8n, for tests: `static`, `item` (read from the item) or `expression`. */
export function parameterKind(raw: unknown): CompiledParameter['kind'] {
	return compileParameter(raw).kind;
}
