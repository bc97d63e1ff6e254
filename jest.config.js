/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// tsc copies package.json into dist/, which jest's module map would see twice.
	modulePathIgnorePatterns: ['<rootDir>/dist/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/setup/environment.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/engineTeardown.ts'],
	testTimeout: 30000,
};
