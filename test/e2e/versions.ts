import { e2eRuntime } from './harness';

/** The n8n runtimes the e2e suite runs on: the folders in scripts/n8n/runtimes/. */
export type E2eRuntimeName = 'n8n-2.8' | 'n8n-2.41';

/**
 * What this test run's n8n does where n8n versions differ, stated for every runtime the suite
 * runs on: `perN8n({ 'n8n-2.8': …, 'n8n-2.41': … })`. Each version's behaviour is written down
 * beside the other's; a runtime folder added without its expectations fails here, by name.
 */
export function perN8n<T>(expected: Record<E2eRuntimeName, T>): T {
	const { name } = e2eRuntime();
	if (!Object.hasOwn(expected, name)) {
		throw new Error(
			`No expectation for the ${name} runtime (only for ${Object.keys(expected).join(', ')}): add it to the perN8n call`,
		);
	}
	return expected[name as E2eRuntimeName];
}
