// eslint-plugin-n8n-nodes-base ships no type declarations; scripts/scan-package.ts reads its rule sets.
declare module 'eslint-plugin-n8n-nodes-base' {
	import type { ESLint, Linter } from 'eslint';

	const plugin: ESLint.Plugin & {
		configs: Record<'community' | 'credentials' | 'nodes', { rules: Linter.RulesRecord }>;
	};
	export default plugin;
}
