import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, SegmentCollector } from '../../collector';
import { PUBLIC_API_TOKEN } from '../harness/collector';
import { publicApiRequests, runAdmin } from './helpers';

/**
 * The contract: for each operation, Segment's official client (@segment/public-api-sdk-typescript,
 * generated from Segment's Public API definition), pointed at the same collector with the same
 * token and inputs, sends the same requests as the node: method, path, query and JSON body. Any
 * difference fails. The `Accept` header is checked apart: the SDK sends `application/json` (it
 * gives that precedence), the node pins the version, which must be one the SDK lists for the
 * operation in its `produces`. Each resource's cases are in test/admin/<resource>/contract.test.ts.
 */

const SDK_ROOT = dirname(require.resolve('@segment/public-api-sdk-typescript/package.json'));

/** The media types the SDK's generated code lists for one operation (its `produces`). */
function sdkProduces(file: string, method: string): string[] {
	const source = readFileSync(join(SDK_ROOT, 'api', file), 'utf8');
	const start = source.indexOf(`public async ${method}(`);
	if (start === -1) throw new Error(`The SDK has no ${method} in ${file}`);
	const produces = /const produces = \[([^\]]*)\]/.exec(source.slice(start));
	if (!produces) throw new Error(`No produces for ${method}`);
	return [...produces[1].matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

interface ComparableRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	authorization: string | undefined;
	contentType: string | undefined;
}

function comparable(request: RecordedRequest): ComparableRequest {
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		body: request.body === '' ? undefined : JSON.parse(request.body),
		authorization: request.headers.authorization,
		contentType:
			request.body === '' ? undefined : String(request.headers['content-type']).split(';')[0],
	};
}

export interface ContractCase {
	name: string;
	/** SDK file and method, for the versions it offers. */
	sdkMethod: [file: string, method: string];
	/** Prepares the collector's workspace (runs before each side). */
	setUp?: () => void;
	/** What the node does. */
	node: () => Promise<unknown>;
	/** What the SDK does with the same inputs. */
	sdk: () => Promise<unknown>;
}

/** Runs SDK calls one after the other; an error answer (HttpError) still sent its request. */
export const calls =
	(...steps: Array<() => Promise<unknown>>) =>
	async () => {
		for (const step of steps) await step().catch(() => undefined);
	};

interface SdkClient {
	accessToken: string | (() => string);
}

export interface ContractHarness {
	/** The node run with these parameters (Continue On Fail: an error answer still sent its request). */
	admin: (parameters: INodeParameters) => () => Promise<unknown>;
	/** One of the SDK's API clients, pointed at the collector with the test token. */
	sdk: <T extends SdkClient>(Api: new (basePath: string) => T) => T;
	/** One test per case: the node and the SDK send the same requests, in a version the SDK offers. */
	testContract: (cases: ContractCase[]) => void;
}

/** The contract's tools for the collector of one test file. */
export function contractHarness(collector: () => SegmentCollector): ContractHarness {
	const admin = (parameters: INodeParameters) => async () => {
		const result = await runAdmin(collector(), parameters, { continueOnFail: true });
		return result.output();
	};

	function sdk<T extends SdkClient>(Api: new (basePath: string) => T): T {
		const api = new Api(collector().publicApiBaseUrl);
		api.accessToken = PUBLIC_API_TOKEN;
		return api;
	}

	function testContract(cases: ContractCase[]): void {
		test.each(cases)('$name', async ({ setUp, node, sdk: viaSdk, sdkMethod }) => {
			setUp?.();
			await node();
			const fromNode = publicApiRequests(collector());
			collector().reset();

			setUp?.();
			await viaSdk();
			const fromSdk = publicApiRequests(collector());

			expect(fromNode.length).toBeGreaterThan(0);
			expect(fromNode.map(comparable)).toEqual(fromSdk.map(comparable));

			const produces = sdkProduces(...sdkMethod);
			for (const request of fromNode) expect(produces).toContain(request.headers.accept);
		});
	}

	return { admin, sdk, testContract };
}
