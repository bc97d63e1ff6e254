const shared = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	// tsc copies package.json into dist/, which jest's module map would see twice.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.n8n-runtime/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
};

/** @type {import('jest').Config} */
module.exports = {
	// Unit tests; the e2e project raises its own timeout in test/e2e/setup.ts.
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
		{
			// The package in a real n8n: installs n8n on first use, then runs its CLI and editor.
			...shared,
			displayName: 'e2e',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
		},
	],
};
