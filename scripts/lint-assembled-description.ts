import { join, relative } from 'node:path';

import { ESLint } from 'eslint';
import type { INodeType } from 'n8n-workflow';

import { buildScanConfig } from './scan-package';

/**
 * The nodes' parameters are assembled in code (each resource's Operation dropdown from its
 * operation modules, resource locators from workspaceObjects.ts), where n8n's lint rules cannot see
 * them. This writes each node's finished description out as the object literal those rules read,
 * under the node's own file name, and lints it with the package scanner's rule set (inline
 * disables off), so every dropdown, option and parameter gets the checks a hand-written one would.
 *
 * Usage: tsx scripts/lint-assembled-description.ts [--node <file.node.ts> …] [--json]
 * Without --node it lints every node package.json lists.
 */

const REPO_ROOT = join(__dirname, '..');
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A value as TypeScript source: identifier keys unquoted, strings single-quoted, as n8n writes them. */
export function literal(value: unknown, indent = ''): string {
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => `${inner}${literal(entry, inner)},`).join('\n')}\n${indent}]`;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
		if (entries.length === 0) return '{}';
		const lines = entries.map(
			([key, entry]) =>
				`${inner}${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${literal(entry, inner)},`,
		);
		return `{\n${lines.join('\n')}\n${indent}}`;
	}
	if (typeof value === 'string') {
		return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
	}
	return JSON.stringify(value);
}

/**
 * A trigger's webhook lifecycle as the rules read it: each group with the methods the node has
 * (stubs: the rules check which lifecycle methods exist, not what they do).
 */
function webhookMethodsSource(node: INodeType): string[] {
	if (!node.webhookMethods) return [];
	const groups = Object.entries(node.webhookMethods).map(([group, methods]) => {
		const stubs = Object.keys(methods ?? {}).map(
			(name) => `\t\t\tasync ${name}(): Promise<boolean> {\n\t\t\t\treturn true;\n\t\t\t},`,
		);
		return `\t\t${group}: {\n${stubs.join('\n')}\n\t\t},`;
	});
	return ['', '\twebhookMethods = {', ...groups, '\t};'];
}

/** The node's class as if its whole description were written by hand. */
export function assembledSource(className: string, node: INodeType): string {
	// Connections as n8n's rules want them written: NodeConnectionTypes.Main, not the string it holds
	// (a trigger's `inputs: []` is one line: the match must not run on into `outputs`).
	const connections = (list: unknown) =>
		Array.isArray(list)
			? `[${list.map((type) => (type === 'main' ? 'NodeConnectionTypes.Main' : literal(type))).join(', ')}]`
			: literal(list);
	const body = literal(node.description, '\t')
		.replace(
			/^\t\tinputs: (?:\[\]|\[\n[\s\S]*?\n\t\t\]),$/m,
			`\t\tinputs: ${connections(node.description.inputs)},`,
		)
		.replace(
			/^\t\toutputs: (?:\[\]|\[\n[\s\S]*?\n\t\t\]),$/m,
			`\t\toutputs: ${connections(node.description.outputs)},`,
		);
	return [
		"import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
		"import { NodeConnectionTypes } from 'n8n-workflow';",
		'',
		`export class ${className} implements INodeType {`,
		`\tdescription: INodeTypeDescription = ${body};`,
		...webhookMethodsSource(node),
		'}',
		'',
	].join('\n');
}

export interface AssembledProblem {
	file: string;
	line: number;
	rule: string | null;
	message: string;
	/** The assembled line the problem is on, to find the parameter it is about. */
	source: string;
}

/** Lints the assembled description of every node class the file exports. */
export async function lintAssembledNode(file: string): Promise<AssembledProblem[]> {
	const module = (await import(file)) as Record<string, unknown>;
	const eslint = new ESLint({
		cwd: REPO_ROOT,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const problems: AssembledProblem[] = [];
	for (const [className, exported] of Object.entries(module)) {
		if (typeof exported !== 'function') continue;
		const node = new (exported as new () => INodeType)();
		if (!node.description?.properties) continue;
		const source = assembledSource(className, node);
		const [result] = await eslint.lintText(source, { filePath: file });
		const lines = source.split('\n');
		for (const { line, ruleId, message, severity } of result.messages) {
			if (severity !== 2) continue;
			problems.push({
				file: relative(REPO_ROOT, file),
				line,
				rule: ruleId,
				message,
				source: (lines[line - 1] ?? '').trim(),
			});
		}
	}
	return problems;
}

/** The source files of the nodes package.json lists (`dist/nodes/X/X.node.js` → `nodes/X/X.node.ts`). */
function packageNodes(): string[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { n8n } = require(join(REPO_ROOT, 'package.json')) as { n8n: { nodes: string[] } };
	return n8n.nodes.map((path) =>
		join(REPO_ROOT, path.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
	);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const files = args.flatMap((arg, index) =>
		args[index - 1] === '--node' ? [join(process.cwd(), arg)] : [],
	);
	const problems: AssembledProblem[] = [];
	for (const file of files.length > 0 ? files : packageNodes())
		problems.push(...(await lintAssembledNode(file)));
	if (args.includes('--json')) {
		console.log(JSON.stringify(problems));
	} else {
		for (const { file, line, rule, message, source } of problems) {
			console.log(
				`${file} (assembled description, line ${line}) ${rule}: ${message}\n    ${source}`,
			);
		}
		if (problems.length === 0) console.log('Assembled node descriptions: no problems');
	}
	process.exitCode = problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error);
		process.exitCode = 2;
	});
}
