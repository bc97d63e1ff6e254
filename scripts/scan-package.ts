import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { ESLint, type Linter } from 'eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

/**
 * n8n's community-package scanner (`@n8n/scan-community-package` 0.32), run here without its
 * network steps. The scanner checks npm provenance, downloads the source the provenance names
 * from GitHub and the published tarball from npm, then lints both with one ESLint config and
 * inline configuration off. This script builds that config the way the scanner's
 * `buildScanConfig()` does and lints the same files:
 *   - the tarball: its compiled `**\/*.js` and its package.json;
 *   - the source: package.json and `{nodes,credentials}/**\/*.{js,ts,json}` of this repository.
 * It uses this repository's ESLint (9.29, the scanner's) and rule plugins.
 *
 * Usage: tsx scripts/scan-package.ts [<tarball.tgz> | --dir <unpacked package>] [--json]
 */

/** The scanner's own file sets (`SOURCE_FILE_PATTERNS` and the tarball leg's patterns). */
const TARBALL_FILES = (path: string): boolean => path.endsWith('.js') || path === 'package.json';
const SOURCE_FILES = (path: string): boolean =>
	path === 'package.json' || /^(nodes|credentials)\/.+\.(js|ts|json)$/.test(path);

export async function buildScanConfig(): Promise<Linter.Config[]> {
	const { n8nCommunityNodesPlugin } = (await import('@n8n/eslint-plugin-community-nodes')) as {
		n8nCommunityNodesPlugin: { configs: { recommended: Linter.Config } };
	};
	const rulesOf = (name: 'community' | 'credentials' | 'nodes'): Linter.RulesRecord =>
		n8nNodesBase.configs[name].rules;
	const parser = tseslint.parser as Linter.Parser;
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...rulesOf('community') } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...rulesOf('credentials'),
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...rulesOf('nodes'),
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	];
}

function listFiles(root: string, keep: (path: string) => boolean): string[] {
	const files: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
			} else if (entry.name !== 'package-lock.json' && keep(relative(root, path))) {
				files.push(path);
			}
		}
	};
	walk(root);
	return files.sort();
}

export interface ScanProblem {
	file: string;
	line: number;
	rule: string | null;
	message: string;
}

export interface ScanResult {
	leg: 'tarball' | 'source';
	files: string[];
	problems: ScanProblem[];
}

/** Lints one leg as the scanner does: its config only, inline `eslint-disable` comments ignored. */
export async function scanDirectory(root: string, leg: ScanResult['leg']): Promise<ScanResult> {
	const eslint = new ESLint({
		cwd: root,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = listFiles(root, leg === 'tarball' ? TARBALL_FILES : SOURCE_FILES);
	const results = await eslint.lintFiles(files);
	const problems = results.flatMap(({ filePath, messages }) =>
		messages
			.filter(({ severity }) => severity === 2)
			.map(({ line, ruleId, message }) => ({
				file: relative(root, filePath),
				line,
				rule: ruleId,
				message,
			})),
	);
	return { leg, files: files.map((file) => relative(root, file)), problems };
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const json = args.includes('--json');
	const dirIndex = args.indexOf('--dir');
	const tarball = args.find((arg) => arg.endsWith('.tgz'));
	let unpacked: string | undefined;
	let packageDir: string;
	if (dirIndex !== -1) {
		packageDir = args[dirIndex + 1];
	} else if (tarball) {
		unpacked = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-scan-'));
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		packageDir = unpacked;
	} else {
		throw new Error(
			'Usage: tsx scripts/scan-package.ts <tarball.tgz> | --dir <unpacked package> [--json]',
		);
	}
	try {
		const results = [
			await scanDirectory(packageDir, 'tarball'),
			await scanDirectory(join(__dirname, '..'), 'source'),
		];
		if (json) {
			console.log(JSON.stringify(results));
		} else {
			for (const { leg, files, problems } of results) {
				console.log(`${leg}: ${files.length} files, ${problems.length} problems`);
				for (const { file, line, rule, message } of problems)
					console.log(`  ${file}:${line} ${rule}: ${message}`);
			}
		}
		process.exitCode = results.some(({ problems }) => problems.length > 0) ? 1 : 0;
	} finally {
		if (unpacked) rmSync(unpacked, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exitCode = 2;
	});
}
