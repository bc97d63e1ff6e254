const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const shared = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	// tsc copies package.json into dist/, which jest's module map would see twice.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.n8n-runtime/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
};

/**
 * The n8n versions the e2e suite runs on: every runtime in scripts/n8n/runtimes/ (each an n8n
 * version with its install recipe), or only SEGMENT_N8N_RUNTIME's when it is set.
 */
const runtimes = process.env.SEGMENT_N8N_RUNTIME
	? [process.env.SEGMENT_N8N_RUNTIME]
	: readdirSync(join(__dirname, 'scripts', 'n8n', 'runtimes')).sort((a, b) =>
			a.localeCompare(b, 'en', { numeric: true }),
		);

/** @type {import('jest').Config} */
module.exports = {
	// Unit tests; the e2e projects raise their own timeout in test/e2e/setup.ts.
	testTimeout: 30000,
	projects: [
		{
			...shared,
			displayName: 'unit',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
			setupFiles: ['<rootDir>/test/setup/environment.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/setup/engineTeardown.ts'],
		},
		// The package in a real n8n, once per n8n version: installs that n8n on first use, then runs
		// its CLI, editor, `npm start` and queue mode (e2e-n8n-2.8, e2e-n8n-2.41, …).
		...runtimes.map((runtime) => ({
			...shared,
			displayName: `e2e-${runtime}`,
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.test.ts'],
			// SEGMENT_E2E_RUNTIMES: jest runs one global setup for all these projects (it is one file).
			globals: { SEGMENT_N8N_RUNTIME: runtime, SEGMENT_E2E_RUNTIMES: runtimes },
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
		})),
	],
};
