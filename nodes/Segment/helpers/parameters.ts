import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(containsExpression);
	return false;
}

/** `={{ $json.a.b }}`: the current item's field, by plain property names. */
const ITEM_FIELD_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

interface RunParameters {
	raw: INodeParameters;
	items: INodeExecutionData[];
	resolved: Map<string, unknown>;
	fieldPaths: Map<string, string[] | null>;
}

const parametersByRun = new WeakMap<IExecuteFunctions, RunParameters>();

function runParameters(context: IExecuteFunctions): RunParameters {
	let run = parametersByRun.get(context);
	if (!run) {
		run = {
			raw: context.getNode().parameters,
			items: context.getInputData(),
			resolved: new Map(),
			fieldPaths: new Map(),
		};
		parametersByRun.set(context, run);
	}
	return run;
}

/**
 * The value of `={{ $json.a.b }}` for an item, read from the item itself; undefined when the path
 * does not lead to a value, so that n8n evaluates the expression and decides what that means.
 */
function itemField(run: RunParameters, name: string, itemIndex: number): unknown {
	let path = run.fieldPaths.get(name);
	if (path === undefined) {
		const raw = run.raw[name];
		const match = typeof raw === 'string' ? ITEM_FIELD_EXPRESSION.exec(raw) : null;
		path = match ? match[1].slice(1).split('.') : null;
		run.fieldPaths.set(name, path);
	}
	if (path === null) return undefined;
	let value: unknown = run.items[itemIndex]?.json;
	for (const key of path) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, key)
		) {
			return undefined;
		}
		value = (value as IDataObject)[key];
	}
	return value;
}

/**
 * getNodeParameter for the per-item reads of a large run, where n8n's parameter resolution is the
 * main cost (each expression builds a data proxy for the item):
 * - a parameter that holds no expression has the same value for every item: it is read once;
 * - a parameter that is exactly `={{ $json.field }}` (plain property names) is read from the item
 *   itself, which is what n8n would evaluate it to; when the path does not lead to a value, n8n
 *   evaluates it as usual;
 * - everything else goes through getNodeParameter.
 * Callers must not mutate what they get back.
 */
export function readParameter<T>(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: T,
): T {
	const run = runParameters(this);
	if (run.resolved.has(name)) return run.resolved.get(name) as T;
	const field = itemField(run, name, itemIndex);
	if (field !== undefined) return field as T;
	const value = this.getNodeParameter(name, itemIndex, fallback) as T;
	if (!containsExpression(run.raw[name])) run.resolved.set(name, value);
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
	const run = runParameters(this);
	const key = `built:${name}`;
	if (run.resolved.has(key)) return run.resolved.get(key) as T;
	const built = build(readParameter.call(this, name, itemIndex, {}));
	if (!containsExpression(run.raw[name])) run.resolved.set(key, built);
	return built;
}
