/**
 * Segment's Filter Query Language (FQL), as Segment documents it (docs "Destination Filter Query
 * Language"): the language of an Actions subscription's trigger. The trigger node builds its
 * subscription's trigger in it, checks a hand-written one before sending it, and evaluates it
 * again on every event it receives, so a mapping edited in Segment cannot flood the workflow.
 *
 * Grammar: `or` / `and` / `!` over comparisons (`=`, `!=`, `<`, `<=`, `>`, `>=`, `in`), field
 * paths (`context.library.name`, `\` escapes other characters), strings in '…' or "…", numbers,
 * `true`, `false`, `null`, lists `[…]`, parentheses, and the documented functions.
 */

export type FqlValue = string | number | boolean | null | FqlValue[] | { [key: string]: unknown };

export class FqlError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(message);
	}
}

type Token =
	| { kind: 'string'; value: string; at: number }
	| { kind: 'number'; value: number; at: number }
	| { kind: 'word'; value: string; at: number }
	| { kind: 'symbol'; value: string; at: number }
	| { kind: 'end'; at: number };

type Node =
	| { kind: 'literal'; value: FqlValue }
	| { kind: 'path'; segments: string[] }
	| { kind: 'list'; items: Node[] }
	| { kind: 'call'; name: string; args: Node[]; at: number }
	| { kind: 'not'; operand: Node }
	| { kind: 'logical'; operator: 'and' | 'or'; left: Node; right: Node }
	| { kind: 'compare'; operator: string; left: Node; right: Node };

const SYMBOLS = ['!=', '>=', '<=', '=', '>', '<', '!', '(', ')', '[', ']', ','];
const PATH_CHAR = /[A-Za-z0-9_-]/;

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (/\s/.test(char)) {
			index++;
			continue;
		}
		const at = index;
		if (char === '"' || char === "'") {
			let value = '';
			index++;
			for (;;) {
				if (index >= text.length) throw new FqlError('a string is not closed', at);
				const next = text[index];
				if (next === '\\' && index + 1 < text.length) {
					value += text[index + 1];
					index += 2;
				} else if (next === char) {
					index++;
					break;
				} else {
					value += next;
					index++;
				}
			}
			tokens.push({ kind: 'string', value, at });
			continue;
		}
		const number = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index));
		if (number && (char !== '-' || !PATH_CHAR.test(text[index - 1] ?? ''))) {
			tokens.push({ kind: 'number', value: Number(number[0]), at });
			index += number[0].length;
			continue;
		}
		const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, index));
		if (symbol) {
			tokens.push({ kind: 'symbol', value: symbol, at });
			index += symbol.length;
			continue;
		}
		if (PATH_CHAR.test(char) || char === '\\' || char === '.' || char === '$') {
			// A word or a dotted field path; `\` takes the next character as it is.
			let value = '';
			while (index < text.length) {
				const next = text[index];
				if (next === '\\' && index + 1 < text.length) {
					value += `\\${text[index + 1]}`;
					index += 2;
				} else if (PATH_CHAR.test(next) || next === '.' || next === '$') {
					value += next;
					index++;
				} else break;
			}
			tokens.push({ kind: 'word', value, at });
			continue;
		}
		throw new FqlError(`unexpected character "${char}"`, at);
	}
	tokens.push({ kind: 'end', at: text.length });
	return tokens;
}

/** Splits a path on its unescaped dots and removes the escapes. */
function pathSegments(raw: string, at: number): string[] {
	const segments: string[] = [];
	let current = '';
	for (let index = 0; index < raw.length; index++) {
		const char = raw[index];
		if (char === '\\') {
			current += raw[index + 1];
			index++;
		} else if (char === '.') {
			segments.push(current);
			current = '';
		} else current += char;
	}
	segments.push(current);
	// `$.a` and `$` name the event itself, as Actions mappings write paths.
	if (segments[0] === '$') segments.shift();
	if (segments.some((segment) => segment === '')) {
		throw new FqlError(`"${raw}" is not a field path`, at);
	}
	return segments;
}

const FUNCTIONS: Record<string, number> = {
	contains: 2,
	length: 1,
	lowercase: 1,
	uppercase: 1,
	snakecase: 1,
	kebabcase: 1,
	titlecase: 1,
	typeof: 1,
	match: 2,
	bool: 1,
	string: 1,
	number: 1,
};

const COMPARISONS = ['=', '!=', '>', '>=', '<', '<=', 'in'];

class Parser {
	private position = 0;

	constructor(private readonly tokens: Token[]) {}

	parse(): Node {
		const node = this.or();
		const next = this.peek();
		if (next.kind !== 'end') throw new FqlError(`unexpected ${describe(next)}`, next.at);
		return node;
	}

	private peek(): Token {
		return this.tokens[this.position];
	}

	private take(): Token {
		return this.tokens[this.position++];
	}

	private isWord(value: string): boolean {
		const token = this.peek();
		return token.kind === 'word' && token.value === value;
	}

	private isSymbol(value: string): boolean {
		const token = this.peek();
		return token.kind === 'symbol' && token.value === value;
	}

	private expectSymbol(value: string): void {
		const token = this.take();
		if (token.kind !== 'symbol' || token.value !== value) {
			throw new FqlError(`expected "${value}", found ${describe(token)}`, token.at);
		}
	}

	private or(): Node {
		let left = this.and();
		while (this.isWord('or')) {
			this.take();
			left = { kind: 'logical', operator: 'or', left, right: this.and() };
		}
		return left;
	}

	private and(): Node {
		let left = this.unary();
		while (this.isWord('and')) {
			this.take();
			left = { kind: 'logical', operator: 'and', left, right: this.unary() };
		}
		return left;
	}

	private unary(): Node {
		if (this.isSymbol('!')) {
			this.take();
			return { kind: 'not', operand: this.unary() };
		}
		return this.comparison();
	}

	private comparison(): Node {
		const left = this.primary();
		const token = this.peek();
		const operator =
			(token.kind === 'symbol' || token.kind === 'word') && COMPARISONS.includes(token.value)
				? token.value
				: undefined;
		if (operator === undefined) return left;
		this.take();
		const right = this.primary();
		const after = this.peek();
		if ((after.kind === 'symbol' || after.kind === 'word') && COMPARISONS.includes(after.value)) {
			throw new FqlError('comparisons cannot be chained: group them with parentheses', after.at);
		}
		return { kind: 'compare', operator, left, right };
	}

	private primary(): Node {
		const token = this.take();
		if (token.kind === 'string' || token.kind === 'number') {
			return { kind: 'literal', value: token.value };
		}
		if (token.kind === 'symbol' && token.value === '(') {
			const inner = this.or();
			this.expectSymbol(')');
			return inner;
		}
		if (token.kind === 'symbol' && token.value === '[') {
			const items: Node[] = [];
			if (!this.isSymbol(']')) {
				do {
					if (items.length > 0) this.take();
					items.push(this.primary());
				} while (this.isSymbol(','));
			}
			this.expectSymbol(']');
			return { kind: 'list', items };
		}
		if (token.kind === 'word') {
			if (token.value === 'true' || token.value === 'false') {
				return { kind: 'literal', value: token.value === 'true' };
			}
			if (token.value === 'null') return { kind: 'literal', value: null };
			if (this.isSymbol('(')) {
				const arity = FUNCTIONS[token.value];
				if (arity === undefined) {
					throw new FqlError(`"${token.value}" is not an FQL function`, token.at);
				}
				this.take();
				const args: Node[] = [];
				if (!this.isSymbol(')')) {
					do {
						if (args.length > 0) this.take();
						args.push(this.or());
					} while (this.isSymbol(','));
				}
				this.expectSymbol(')');
				if (args.length !== arity) {
					throw new FqlError(
						`${token.value}() takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`,
						token.at,
					);
				}
				return { kind: 'call', name: token.value, args, at: token.at };
			}
			return { kind: 'path', segments: pathSegments(token.value, token.at) };
		}
		throw new FqlError(`expected a value, found ${describe(token)}`, token.at);
	}
}

function describe(token: Token): string {
	if (token.kind === 'end') return 'the end of the expression';
	if (token.kind === 'string') return `the string "${token.value}"`;
	return `"${String(token.value)}"`;
}

function read(event: unknown, segments: string[]): FqlValue {
	let current: unknown = event;
	for (const segment of segments) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) return null;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return null;
		current = (current as Record<string, unknown>)[segment];
	}
	return current === undefined ? null : (current as FqlValue);
}

function typeOf(value: FqlValue): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'list';
	if (typeof value === 'boolean') return 'bool';
	if (typeof value === 'object') return 'object';
	return typeof value;
}

function same(left: FqlValue, right: FqlValue): boolean {
	if (typeOf(left) !== typeOf(right)) return false;
	if (Array.isArray(left) && Array.isArray(right)) {
		return left.length === right.length && left.every((entry, index) => same(entry, right[index]));
	}
	if (typeOf(left) === 'object') return false;
	return left === right;
}

/** Glob matching as FQL's match() does it: `*`, `?`, `[abc]`, `[a-z]`, `\x`; the whole string. */
export function globMatch(text: string, pattern: string): boolean {
	let source = '';
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		if (char === '\\' && index + 1 < pattern.length) {
			source += escapeRegExp(pattern[++index]);
		} else if (char === '*') source += '[\\s\\S]*';
		else if (char === '?') source += '[\\s\\S]';
		else if (char === '[') {
			const end = pattern.indexOf(']', index + 1);
			if (end === -1) {
				source += '\\[';
				continue;
			}
			const set = pattern
				.slice(index + 1, end)
				.replace(/\\/g, '\\\\')
				.replace(/\]/g, '\\]');
			source += `[${set.startsWith('!') ? `^${set.slice(1)}` : set}]`;
			index = end;
		} else source += escapeRegExp(char);
	}
	return new RegExp(`^${source}$`).test(text);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function callFunction(name: string, args: FqlValue[]): FqlValue {
	const [first, second] = args;
	const text = typeof first === 'string' ? first : undefined;
	switch (name) {
		case 'contains':
			return text !== undefined && typeof second === 'string' && text.includes(second);
		case 'match':
			return text !== undefined && typeof second === 'string' && globMatch(text, second);
		case 'length':
			if (Array.isArray(first)) return first.length;
			return text !== undefined ? Buffer.byteLength(text, 'utf8') : 0;
		case 'lowercase':
			return text !== undefined ? text.toLowerCase() : first === null ? null : first;
		case 'uppercase':
			return text !== undefined ? text.toUpperCase() : first === null ? null : first;
		case 'snakecase':
			return text !== undefined ? text.replace(/ /g, '_') : first;
		case 'kebabcase':
			return text !== undefined ? text.replace(/ /g, '-') : first;
		case 'titlecase':
			return text !== undefined
				? text.replace(
						/(^|\s)(\S)/g,
						(_, space, letter: string) => `${space}${letter.toUpperCase()}`,
					)
				: first;
		case 'typeof':
			return typeOf(first);
		case 'bool':
			if (Array.isArray(first)) return first.length > 0;
			if (typeof first === 'string') return first !== '' && first !== 'false';
			if (typeof first === 'number') return first !== 0;
			return first === true;
		case 'string':
			if (typeof first === 'string') return first;
			if (first === null) return '';
			return typeof first === 'object' ? JSON.stringify(first) : String(first);
		case 'number': {
			if (typeof first === 'number') return first;
			const parsed = typeof first === 'string' && first.trim() !== '' ? Number(first) : NaN;
			return Number.isFinite(parsed) ? parsed : null;
		}
		default:
			return null;
	}
}

function evaluate(node: Node, event: unknown): FqlValue {
	switch (node.kind) {
		case 'literal':
			return node.value;
		case 'path':
			return read(event, node.segments);
		case 'list':
			return node.items.map((item) => evaluate(item, event));
		case 'call':
			return callFunction(
				node.name,
				node.args.map((arg) => evaluate(arg, event)),
			);
		case 'not':
			return evaluate(node.operand, event) !== true;
		case 'logical': {
			const left = evaluate(node.left, event) === true;
			if (node.operator === 'and') return left && evaluate(node.right, event) === true;
			return left || evaluate(node.right, event) === true;
		}
		case 'compare': {
			const left = evaluate(node.left, event);
			const right = evaluate(node.right, event);
			switch (node.operator) {
				case '=':
					return same(left, right);
				case '!=':
					return !same(left, right);
				case 'in':
					return Array.isArray(right) && right.some((entry) => same(left, entry));
				default:
					if (typeof left !== 'number' || typeof right !== 'number') return false;
					if (node.operator === '>') return left > right;
					if (node.operator === '>=') return left >= right;
					if (node.operator === '<') return left < right;
					return left <= right;
			}
		}
	}
}

/** A parsed FQL statement: evaluates to true or false for an event. */
export interface FqlFilter {
	source: string;
	matches(event: unknown): boolean;
}

/** Parses an FQL statement; throws FqlError saying what is wrong and where. */
export function parseFql(source: string): FqlFilter {
	if (source.trim() === '') throw new FqlError('the expression is empty', 0);
	const tree = new Parser(tokenize(source)).parse();
	return { source, matches: (event) => evaluate(tree, event) === true };
}

/** A string literal in FQL, double-quoted as Segment's trigger builder writes them. */
export function fqlString(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
