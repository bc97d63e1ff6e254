import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROFILE_SPACE_ID, SegmentCollector } from '../../collector';
import {
	collectorCredential,
	EXAMPLE_CREDENTIAL,
	exampleFiles,
	isSegmentNodeType,
	missingOperations,
	readExample,
	withCredential,
} from '../../scripts/n8n/examples';
import { nodeOutput, type ExecuteResult } from '../../scripts/n8n/instance';
import { packageManifest } from '../../scripts/n8n/pack';
import { REPO_ROOT } from '../../scripts/n8n/runtime';
import { basicAuthFor, PROFILE_API_TOKEN, PUBLIC_API_TOKEN, WRITE_KEY } from '../harness/collector';
import { e2eRuntime, nodeProperties, readTestWorkflow, useN8nInstance } from './harness';

/**
 * The package as users get it, in the real n8n CLI: `npm pack`, the tarball installed into a fresh
 * N8N_USER_FOLDER the way n8n installs community packages, a credential pointing at the local
 * collector, the example workflows imported and run with `n8n execute`. Nothing leaves 127.0.0.1.
 */

const WRONG_WRITE_KEY = 'wk_dummy_wrong_write_key_3e9d';
const WRONG_KEY_CREDENTIAL = { id: 'segmentWrongKey1', name: 'Segment (wrong write key)' };
const SECRETS = [WRITE_KEY, PUBLIC_API_TOKEN, PROFILE_API_TOKEN, WRONG_WRITE_KEY];
const SECRETS_OF_EXAMPLES = {
	writeKey: WRITE_KEY,
	publicApiToken: PUBLIC_API_TOKEN,
	profileApiToken: PROFILE_API_TOKEN,
	spaceId: PROFILE_SPACE_ID,
};
const SECRET_FORMS = SECRETS.flatMap((secret) => [
	secret,
	basicAuthFor(secret).slice('Basic '.length),
]);

const { name: packageName, version } = packageManifest();

let collector: SegmentCollector;
const n8n = useN8nInstance('cli');

beforeAll(async () => {
	// The collector answers 401 to any other write key or token, as a wrong key would fail.
	collector = await SegmentCollector.start({
		writeKeys: [WRITE_KEY],
		publicApiTokens: [PUBLIC_API_TOKEN],
		profileApiTokens: [PROFILE_API_TOKEN],
	});
	await n8n().importCredentials([
		collectorCredential(collector, SECRETS_OF_EXAMPLES),
		collectorCredential(
			collector,
			{ ...SECRETS_OF_EXAMPLES, writeKey: WRONG_WRITE_KEY },
			WRONG_KEY_CREDENTIAL,
		),
	]);
});

afterEach(() => collector.reset());

afterAll(async () => {
	await collector?.close();
});

function expectNoSecret(result: ExecuteResult): void {
	for (const secret of SECRET_FORMS) expect(result.output).not.toContain(secret);
}

function describeRun(result: ExecuteResult): string {
	return `exit code ${result.code}\n${result.output.slice(-4000)}`;
}

describe(`n8n ${e2eRuntime().version} with the packed package installed`, () => {
	test('holds nothing but the tarball: no runtime dependency, no peer installed beside it', () => {
		expect(n8n().installedPackages()).toEqual([packageName]);
		const installed = join(n8n().nodesFolder, 'node_modules', packageName);
		expect(readdirSync(installed).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
		const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
			version: string;
			dependencies?: unknown;
		};
		expect(manifest.version).toBe(version);
		expect(manifest.dependencies).toBeUndefined();
	});

	test('is within the n8n range package.json states (engines.n8n)', () => {
		const { engines } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
			engines: { n8n: string };
		};
		const parts = (version: string): number[] => version.split('.').map(Number);
		const compare = (a: string, b: string): number => {
			const [x, y] = [parts(a), parts(b)];
			for (let index = 0; index < 3; index++)
				if (x[index] !== y[index]) return (x[index] ?? 0) - (y[index] ?? 0);
			return 0;
		};
		for (const comparator of engines.n8n.split(/\s+/)) {
			const [, operator, bound] = /^(>=|<)(\d+\.\d+\.\d+)$/.exec(comparator) ?? [];
			expect({ comparator, known: operator !== undefined }).toEqual({ comparator, known: true });
			const order = compare(e2eRuntime().version, bound);
			expect({ comparator, satisfied: operator === '>=' ? order >= 0 : order < 0 }).toEqual({
				comparator,
				satisfied: true,
			});
		}
	});

	test('every example uses the example credential and the node type users get', () => {
		for (const file of exampleFiles()) {
			const segmentNodes = readExample(file).nodes.filter(({ type }) => isSegmentNodeType(type));
			expect(segmentNodes.length).toBeGreaterThan(0);
			for (const node of segmentNodes) {
				expect([`${packageName}.segment`, `${packageName}.segmentTool`]).toContain(node.type);
				expect(node.credentials).toEqual({ twilioSegmentApi: EXAMPLE_CREDENTIAL });
			}
		}
	});
});

describe('examples/crm-signup.json: CRM sign-ups → Identify, Track, Group', () => {
	const workflow = readExample('crm-signup.json');

	test('sends an identify, a track and a group for every contact, and outputs one item per contact', async () => {
		await n8n().importWorkflow(workflow);
		const result = await n8n().execute(workflow.id);
		expect({ code: result.code, error: result.execution?.data.resultData.error }).toEqual({
			code: 0,
			error: undefined,
		});

		const byId = new Map(collector.received.map((received) => [received.messageId, received]));
		expect([...byId.keys()].sort()).toEqual(
			['101', '102', '103']
				.flatMap((id) => [`group-${id}`, `identify-${id}`, `signup-${id}`])
				.sort(),
		);
		expect(collector.received.map(({ type }) => type)).toEqual([
			...Array(3).fill('identify'),
			...Array(3).fill('track'),
			...Array(3).fill('group'),
		]);
		expect(byId.get('identify-101')?.message).toMatchObject({
			type: 'identify',
			userId: '101',
			traits: { email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', seats: 3 },
			context: { library: { name: packageName, version } },
		});
		expect(byId.get('signup-102')?.message).toMatchObject({
			type: 'track',
			userId: '102',
			event: 'Signed Up',
			properties: { plan: 'team', seats: 12 },
			// 10:15 at +01:00, sent as UTC
			timestamp: '2024-05-01T09:15:00.000Z',
		});
		expect(byId.get('group-103')?.message).toMatchObject({
			type: 'group',
			userId: '103',
			groupId: 'navy',
			traits: { name: 'US Navy', seats: 1 },
		});
		for (const request of collector.requests) {
			expect(request.headers.authorization).toBe(basicAuthFor(WRITE_KEY));
		}

		const execution = result.execution!;
		const groups = nodeOutput(execution, 'Group into company');
		expect(groups).toHaveLength(3);
		expect(groups[0]).toMatchObject({
			type: 'group',
			messageId: 'group-101',
			response: { statusCode: 200, body: { success: true } },
		});
		const tracks = execution.data.resultData.runData['Track Signed Up'][0].data!.main[0]!;
		expect(tracks.map(({ pairedItem }) => pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expectNoSecret(result);
	});

	test('with a wrong write key, the execution fails with a readable message and no secret in it', async () => {
		const wrongKey = withCredential(
			workflow,
			WRONG_KEY_CREDENTIAL,
			'segE2eWrongKey01',
			'e2e: CRM sign-ups, wrong write key',
		);
		await n8n().importWorkflow(wrongKey);
		const result = await n8n().execute(wrongKey.id);

		expect(result.code).not.toBe(0);
		const error = result.execution?.data.resultData.error;
		expect(error).toMatchObject({
			message: 'Segment Tracking API answered 401: Invalid write key',
		});
		expect(result.execution?.data.resultData.lastNodeExecuted).toBe('Identify');
		expect(result.output).toContain('Segment Tracking API answered 401: Invalid write key');
		expect(collector.received).toEqual([]);
		expectNoSecret(result);
	});
});

describe('validation inside n8n, with nothing but the tarball installed', () => {
	test('an invalid timestamp is refused before anything is sent, naming the item and the field', async () => {
		const workflow = readTestWorkflow('invalid-timestamp.json');
		await n8n().importWorkflow(workflow);
		const result = await n8n().execute(workflow.id);

		expect(result.code).not.toBe(0);
		expect(result.execution?.data.resultData.error?.message).toMatch(
			/^Item 1, field "Timestamp" \(timestamp\): expected an ISO-8601 date-time with a timezone.*got "yesterday"/,
		);
		expect(collector.requests).toEqual([]);
		expectNoSecret(result);
	});
});

test.each(exampleFiles())('examples/%s uses only operations the node offers', (file) => {
	expect(missingOperations(readExample(file), nodeProperties())).toEqual([]);
});

describe('examples/backfill-import.json: scheduled backfill → Import Historical Data', () => {
	const workflow = readExample('backfill-import.json');

	test('imports every order with the time it happened', async () => {
		await n8n().importWorkflow(workflow);
		const result = await n8n().execute(workflow.id);
		expect(describeRun(result)).toMatch(/^exit code 0/);

		const byId = new Map(
			collector.received.map((received) => [received.messageId, received.message]),
		);
		expect([...byId.keys()].sort()).toEqual([
			'order-A-1001-completed',
			'order-A-1002-completed',
			'order-A-1003-completed',
		]);
		expect(byId.get('order-A-1002-completed')).toMatchObject({
			type: 'track',
			event: 'Order Completed',
			userId: '102',
			timestamp: '2024-04-30T11:40:00.000Z',
			properties: { orderId: 'A-1002', revenue: 19.99, currency: 'EUR' },
		});
		expect(nodeOutput(result.execution!, 'Import into Segment').length).toBeGreaterThan(0);
		expectNoSecret(result);
	});
});

describe('examples/admin-update-source.json: list sources → update one', () => {
	const workflow = readExample('admin-update-source.json');

	test('lists the sources and enables the disabled ones', async () => {
		await n8n().importWorkflow(workflow);
		const result = await n8n().execute(workflow.id);
		expect(describeRun(result)).toMatch(/^exit code 0/);

		const calls = collector.requests.filter(({ api }) => api === 'publicApi');
		expect(calls[0]).toMatchObject({ method: 'GET', path: '/sources' });
		const updates = calls.filter(({ method }) => method === 'PATCH');
		expect(updates.length).toBeGreaterThan(0);
		for (const update of updates) {
			expect(update.path).toMatch(/^\/sources\/[^/]+$/);
			expect(JSON.parse(update.body)).toMatchObject({ enabled: true });
			expect(update.headers.authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
		}
		expect(nodeOutput(result.execution!, 'Enable source')).toHaveLength(updates.length);
		expectNoSecret(result);
	});
});

describe('examples/gdpr-delete-and-suppress.json: erasure request → delete and suppress → wait → report', () => {
	const example = readExample('gdpr-delete-and-suppress.json');
	// `n8n execute` runs the workflow in one process, start to end: the example's day of waiting
	// becomes 3 seconds here (a Wait under 65 s waits in process), the rest is the example as it is.
	const workflow = {
		...example,
		nodes: example.nodes.map((node) =>
			node.name === 'Wait a day'
				? { ...node, parameters: { ...node.parameters, amount: 3, unit: 'seconds' } }
				: node,
		),
	};

	test('creates one SUPPRESS_WITH_DELETE regulation for the user ID, waits, reads it back and reports its status', async () => {
		// Segment's progress, played by the collector's clock: finished 1 s after the request.
		collector.publicApiState.regulationStepMs = 500;
		await n8n().importWorkflow(workflow);
		const result = await n8n().execute(workflow.id);
		expect(describeRun(result)).toMatch(/^exit code 0/);

		const calls = collector.requests.filter(({ api }) => api === 'publicApi');
		expect(calls.map(({ method, path }) => `${method} ${path.split('/')[1]}`)).toEqual([
			'POST regulations',
			'GET regulations',
		]);
		expect(JSON.parse(calls[0].body)).toEqual({
			regulationType: 'SUPPRESS_WITH_DELETE',
			subjectType: 'USER_ID',
			subjectIds: ['user-4711'],
		});
		const [regulation] = collector.publicApiState.regulations.slice(-1);
		expect(calls[1].path).toBe(`/regulations/${regulation.id}`);
		for (const call of calls) {
			expect(call.headers.authorization).toBe(`Bearer ${PUBLIC_API_TOKEN}`);
		}

		const [report] = nodeOutput(result.execution!, 'Report');
		expect(report).toEqual({
			userId: 'user-4711',
			regulateId: regulation.id,
			status: 'FINISHED',
			destinations: expect.stringContaining(
				'Amplitude (web): FINISHED; Mixpanel (web): NOT_SUPPORTED',
			),
			summary: expect.stringMatching(
				new RegExp(
					`^Erasure of user user-4711: FINISHED \\(Segment regulation ${regulation.id}, requested `,
				),
			),
		});
		expectNoSecret(result);
	});
});

describe('examples/crm-profile-routing.json: CRM contact → Get Traits → IF plan is pro → Track', () => {
	const workflow = readExample('crm-profile-routing.json');
	const EMAILS = [
		'ada@example.com',
		'alan+crm@example.com',
		'zoë+news@bücher.example',
		'new.lead@example.com',
	];

	test('looks each contact up by e-mail, tracks the pro ones under their user ID, passes the others on', async () => {
		await n8n().importWorkflow(workflow);
		const result = await n8n().execute(workflow.id);
		expect(describeRun(result)).toMatch(/^exit code 0/);

		const lookups = collector.requests.filter(({ api }) => api === 'profileApi');
		expect(lookups.map(({ path }) => path).sort()).toEqual(
			EMAILS.map(
				(email) =>
					`/v1/spaces/${PROFILE_SPACE_ID}/collections/users/profiles/email:${encodeURIComponent(email)}/traits`,
			).sort(),
		);
		for (const lookup of lookups) {
			expect(lookup.headers.authorization).toBe(basicAuthFor(PROFILE_API_TOKEN));
		}

		expect(collector.received.map(({ message }) => message)).toEqual([
			expect.objectContaining({
				type: 'track',
				event: 'Pro Contact Routed',
				userId: '101',
				properties: { crmContactId: 'hs-5001', plan: 'pro' },
				messageId: 'pro-routed-hs-5001',
			}),
			expect.objectContaining({
				type: 'track',
				event: 'Pro Contact Routed',
				userId: 'zoë 🙂/7',
				properties: { crmContactId: 'hs-5003', plan: 'pro' },
				messageId: 'pro-routed-hs-5003',
			}),
		]);

		const [ifRun] = result.execution!.data.resultData.runData['IF plan is pro'];
		const [proBranch, otherBranch] = ifRun.data!.main.map((items) =>
			(items ?? []).map(({ json, pairedItem }) => ({ json, pairedItem })),
		);
		expect(proBranch.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(otherBranch).toEqual([
			{
				json: expect.objectContaining({ name: 'Alan Turing', plan: 'team' }),
				pairedItem: { item: 1 },
			},
			{
				json: {
					notFound: true,
					collection: 'users',
					identifier: 'email:new.lead@example.com',
					message: `No user profile has the identifier email:new.lead@example.com in space ${PROFILE_SPACE_ID} (404 not_found)`,
				},
				pairedItem: { item: 3 },
			},
		]);
		expectNoSecret(result);
	});
});

test('n8n sent nothing beyond 127.0.0.1', () => {
	expect(n8n.outbound()).toEqual([]);
});
