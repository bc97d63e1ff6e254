// Mirrors @n8n/node-cli's lint config (n8n's community-package tooling and its scanner's rules):
// @n8n/eslint-plugin-community-nodes' recommended rules with @eslint/js, typescript-eslint and
// import-x on TypeScript, eslint-plugin-n8n-nodes-base's `community` rules on package.json, and its
// `credentials` and `nodes` rules with the same few rules turned off as node-cli turns off.
// Not imported from @n8n/node-cli/eslint: on Node.js 20 its install breaks `npm ci` under npm 10 and
// needs a Node 24 native build denied (docs/development.md#lint says what was measured).
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

// Code that never ships to n8n (tests, the local collector, scripts) runs in plain Node: the
// rules that guard n8n's runtime sandbox (no `process`, no timers, only n8n's own imports, no
// child processes) and the one about errors a node raises do not apply to it. The scripts and
// end-to-end tests start n8n, npm and Chromium as processes. Every other community rule still does.
const RUNTIME_ONLY_RULES = {
	'@n8n/community-nodes/no-restricted-globals': 'off',
	'@n8n/community-nodes/no-restricted-imports': 'off',
	'@n8n/community-nodes/no-dangerous-functions': 'off',
	'@n8n/community-nodes/require-node-api-error': 'off',
};

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', '.n8n-runtime', 'coverage', 'test-artifacts']),
	{
		files: ['**/*.ts'],
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			communityRecommended,
			importX.flatConfigs.recommended,
		],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver()],
		},
	},
	{
		files: ['package.json'],
		extends: [communityRecommended],
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['./credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['./nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'collector/**/*.ts', 'scripts/**/*.ts'],
		rules: RUNTIME_ONLY_RULES,
	},
	{
		// The MCP SDK's exports map types its subpaths (`client/sse.js`) as `*.js.d.ts`, which do not
		// exist; TypeScript finds them through its typesVersions, the import resolver does not.
		files: ['test/**/*.ts'],
		rules: {
			'import-x/no-unresolved': ['error', { ignore: ['^@modelcontextprotocol/sdk/'] }],
		},
	},
	{
		// Command-line programs print their results.
		files: ['collector/cli.ts', 'scripts/**/*.ts'],
		rules: { 'no-console': 'off' },
	},
);
