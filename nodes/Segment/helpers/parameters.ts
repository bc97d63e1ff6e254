import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

interface RunParameters {
	raw: INodeParameters;
	resolved: Map<string, unknown>;
}

const parametersByRun = new WeakMap<IExecuteFunctions, RunParameters>();

/**
 * getNodeParameter, read once per run for parameters that hold no expression: their value is the
 * same for every item, and n8n's per-call parameter resolution is the main cost of a large run.
 * Parameters with an expression anywhere inside are resolved per item as usual. Callers must not
 * mutate what they get back.
 */
export function readParameter<T>(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: T,
): T {
	let run = parametersByRun.get(this);
	if (!run) {
		run = { raw: this.getNode().parameters, resolved: new Map() };
		parametersByRun.set(this, run);
	}
	if (run.resolved.has(name)) return run.resolved.get(name) as T;
	const value = this.getNodeParameter(name, itemIndex, fallback) as T;
	if (!containsExpression(run.raw[name])) run.resolved.set(name, value);
	return value;
}
