/**
 * The part of Segment's Filter Query Language (FQL) that destination filters' `if` conditions use,
 * enough for the collector to check a condition and to run a filter preview: `all`; comparisons
 * `=`, `!=`, `<`, `<=`, `>`, `>=` of a field path (`event`, `properties.total`) with a string,
 * number, `true`, `false` or `null`; `and`, `or`, `!`/`not` and parentheses; `contains(path, "s")`
 * and `match(path, "glob*")`. Anything else is not FQL to the collector, and is refused as Segment
 * refuses a condition it cannot parse.
 */

type Json = Record<string, unknown>;
type Value = string | number | boolean | null | undefined;
type Node =
	| { kind: 'all' }
	| { kind: 'not'; operand: Node }
	| { kind: 'and' | 'or'; left: Node; right: Node }
	| { kind: 'compare'; op: string; left: Operand; right: Operand }
	| { kind: 'call'; name: 'contains' | 'match'; path: string; text: string }
	| { kind: 'truthy'; path: string };
type Operand = { path: string } | { value: Value };

export class FqlError extends Error {}

const TOKEN =
	/\s*(?:(\d+(?:\.\d+)?)|"((?:[^"\\]|\\.)*)"|(!=|<=|>=|=|<|>|!|\(|\)|,)|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*))/y;

function tokenize(text: string): string[] {
	const tokens: string[] = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < text.length) {
		if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
		const start = TOKEN.lastIndex;
		const match = TOKEN.exec(text);
		if (!match) throw new FqlError(`unexpected "${text.slice(start).trim()[0]}" at ${start}`);
		const [, number, string, symbol, word] = match;
		tokens.push(
			number !== undefined
				? `#${number}`
				: string !== undefined
					? `"${string.replace(/\\(.)/g, '$1')}`
					: (symbol ?? word),
		);
	}
	return tokens;
}

const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='];

class Parser {
	private position = 0;

	constructor(private readonly tokens: string[]) {}

	parse(): Node {
		const node = this.or();
		if (this.position < this.tokens.length) {
			throw new FqlError(`unexpected "${this.display(this.tokens[this.position])}"`);
		}
		return node;
	}

	private display(token: string | undefined): string {
		if (token === undefined) return 'end';
		return token.startsWith('#') || token.startsWith('"') ? token.slice(1) : token;
	}

	private peek(): string | undefined {
		return this.tokens[this.position];
	}

	private take(expected?: string): string {
		const token = this.tokens[this.position];
		if (token === undefined || (expected !== undefined && token !== expected)) {
			throw new FqlError(`expected ${expected ?? 'more'}, found ${this.display(token)}`);
		}
		this.position += 1;
		return token;
	}

	private or(): Node {
		let left = this.and();
		while (this.peek() === 'or') {
			this.take();
			left = { kind: 'or', left, right: this.and() };
		}
		return left;
	}

	private and(): Node {
		let left = this.unary();
		while (this.peek() === 'and') {
			this.take();
			left = { kind: 'and', left, right: this.unary() };
		}
		return left;
	}

	private unary(): Node {
		if (this.peek() === '!' || this.peek() === 'not') {
			this.take();
			return { kind: 'not', operand: this.unary() };
		}
		return this.primary();
	}

	private primary(): Node {
		const token = this.peek();
		if (token === '(') {
			this.take();
			const inner = this.or();
			this.take(')');
			return inner;
		}
		if (token === 'all') {
			if (this.tokens.length !== 1)
				throw new FqlError('"all" stands alone, as the whole condition');
			this.take();
			return { kind: 'all' };
		}
		if (token === 'contains' || token === 'match') {
			this.take();
			this.take('(');
			const path = this.path();
			this.take(',');
			const text = this.take();
			if (!text.startsWith('"')) throw new FqlError(`${token}() takes a string`);
			this.take(')');
			return { kind: 'call', name: token, path, text: text.slice(1) };
		}
		const left = this.operand();
		const op = this.peek();
		if (op !== undefined && COMPARISONS.includes(op)) {
			this.take();
			return { kind: 'compare', op, left, right: this.operand() };
		}
		if ('path' in left) return { kind: 'truthy', path: left.path };
		throw new FqlError(`a value alone is not a condition`);
	}

	private path(): string {
		const token = this.take();
		if (/^[A-Za-z_$]/.test(token) && !['and', 'or', 'not'].includes(token)) return token;
		throw new FqlError(`expected a field, found ${this.display(token)}`);
	}

	private operand(): Operand {
		const token = this.take();
		if (token.startsWith('#')) return { value: Number(token.slice(1)) };
		if (token.startsWith('"')) return { value: token.slice(1) };
		if (token === 'true' || token === 'false') return { value: token === 'true' };
		if (token === 'null') return { value: null };
		if (/^[A-Za-z_$]/.test(token) && !['and', 'or', 'not'].includes(token)) return { path: token };
		throw new FqlError(`unexpected "${this.display(token)}"`);
	}
}

/** Parses a condition; throws FqlError with what is wrong. */
export function parseFql(text: string): Node {
	const tokens = tokenize(text);
	if (tokens.length === 0) throw new FqlError('the condition is empty');
	return new Parser(tokens).parse();
}

function lookup(payload: Json, path: string): Value {
	let value: unknown = payload;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Json)[key];
	}
	return value === null || ['string', 'number', 'boolean'].includes(typeof value)
		? (value as Value)
		: undefined;
}

function operandValue(payload: Json, operand: Operand): Value {
	return 'path' in operand ? lookup(payload, operand.path) : operand.value;
}

function globToRegExp(glob: string): RegExp {
	const escaped = glob
		.replace(/[.+^${}()|[\]\\]/g, '\\$&')
		.replace(/\*/g, '.*')
		.replace(/\?/g, '.');
	return new RegExp(`^${escaped}$`);
}

function evaluate(node: Node, payload: Json): boolean {
	switch (node.kind) {
		case 'all':
			return true;
		case 'not':
			return !evaluate(node.operand, payload);
		case 'and':
			return evaluate(node.left, payload) && evaluate(node.right, payload);
		case 'or':
			return evaluate(node.left, payload) || evaluate(node.right, payload);
		case 'truthy':
			return Boolean(lookup(payload, node.path));
		case 'call': {
			const value = lookup(payload, node.path);
			if (typeof value !== 'string') return false;
			return node.name === 'contains'
				? value.includes(node.text)
				: globToRegExp(node.text).test(value);
		}
		case 'compare': {
			const left = operandValue(payload, node.left);
			const right = operandValue(payload, node.right);
			if (node.op === '=') return left === right || (left === undefined && right === null);
			if (node.op === '!=') return !(left === right || (left === undefined && right === null));
			if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string'))
				return false;
			const [a, b] = [left as number | string, right as number | string];
			return node.op === '<' ? a < b : node.op === '<=' ? a <= b : node.op === '>' ? a > b : a >= b;
		}
	}
}

/** Whether `payload` meets the condition (parsed already, or as text). */
export function matchesFql(condition: string, payload: Json): boolean {
	return evaluate(parseFql(condition), payload);
}
