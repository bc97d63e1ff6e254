import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { SegmentCollector } from '../../collector';
import { NO_SECRET_MESSAGE } from '../../credentials/segmentHosts';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/n8n/chromium';
import { collectorCredential, EXAMPLE_CREDENTIAL, readExample } from '../../scripts/n8n/examples';
import type { RunningN8n } from '../../scripts/n8n/instance';
import { packageManifest } from '../../scripts/n8n/pack';
import { REPO_ROOT } from '../../scripts/n8n/runtime';
import { EVENT_TYPES } from '../../nodes/Segment/trigger/filters';
import { basicAuthFor, closedPort } from '../harness/collector';
import { e2eRuntime, nodeOperations, nodeResources, OWNER, useN8nInstance } from './harness';
import { perN8n } from './versions';

/**
 * The node in the real editor: `n8n start` with the packed package installed, headless Chromium
 * (Debian's) driven by playwright-core. Signs in through the page, runs the CRM example from the
 * canvas against the collector, adds the Segment node from the node creator, and for every resource the node's description offers opens the parameter panel
 * and checks the resource and operation options shown. Screenshots go to test-artifacts/editor/<n8n>/;
 * with SEGMENT_UPDATE_SCREENSHOTS=1 they are also copied to docs/screenshots/ for the README.
 */

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'editor', e2eRuntime().name);
const README_SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
/** n8n adds this option to the resource and operation lists of nodes whose credential can authenticate any request. */
const N8N_CUSTOM_API_CALL = 'Custom API Call';

/** The credential Test's cases: the fields filled in over a credential pointing at `credentialCollector`. */
const GOOD_TOKEN = 'sgp_dummy_good_token';
const TEST_WRITE_KEY = 'wk_dummy_credential_test';
type CredentialCase =
	| 'writeKeyOnly'
	| 'tokenOnly'
	| 'both'
	| 'neither'
	| 'wrongToken'
	| 'wrongPublicApiBaseUrl'
	| 'wrongTrackingBaseUrl'
	| 'unreachableTrackingBaseUrl';

/**
 * What n8n words in a credential Test's answer, by n8n runtime (perN8n): n8n 2.8 words HTTP
 * failures of a Test itself and does not reach the credential's responseCode rules; n8n 2.41
 * applies those rules, so it shows the credential's own message. These are the only
 * version-dependent assertions about the Test; each runtime the suite runs on needs its row,
 * measured (the test logs every answer).
 */
const N8N_TEST_WORDING = {
	'n8n-2.8': {
		ok: 'Connection successful!',
		rejected: 'Authorization failed - please check your credentials',
		// n8n-core sends a request answered 401 once more before it gives up (2.41 too).
		rejectedRequests: 2,
		notFound: 'The resource you are requesting could not be found',
		refused: 'The service refused the connection - perhaps it is offline',
	},
	'n8n-2.41': {
		ok: 'Connection successful!',
		rejected:
			'Segment rejected the Public API Token: check that it is complete and not revoked, and that Region matches the workspace.',
		rejectedRequests: 2,
		notFound:
			'No Segment API answered at this address: check Region and the base URL (Public API Base URL with a token, Tracking API Base URL without).',
		// n8n 2.41 shows the network error's code as it is.
		refused: 'ECONNREFUSED',
	},
};

const { name: packageName } = packageManifest();
const n8n = useN8nInstance('editor');
let running: RunningN8n | undefined;
let collector: SegmentCollector | undefined;
/** The Segment the credential Tests talk to: it accepts GOOD_TOKEN only. */
let credentialCollector: SegmentCollector;
let credentialData: Record<CredentialCase, Record<string, string>>;
let browser: Browser | undefined;
let page: Page;
/** Every request the editor tried to send beyond 127.0.0.1 (each one is aborted). */
const outsideRequests: string[] = [];

beforeAll(async () => {
	const executablePath = await ensureChromium((line) => process.stdout.write(`${line}\n`));
	// The example credential, pointing at a collector, and the CRM example.
	collector = await SegmentCollector.start();
	credentialCollector = await SegmentCollector.start({ publicApiTokens: [GOOD_TOKEN] });
	credentialData = await credentialCases(credentialCollector);
	await n8n().importCredentials([
		collectorCredential(collector, {
			writeKey: 'wk_dummy_editor_test',
			publicApiToken: 'sgp_dummy_editor_test',
		}),
	]);
	await n8n().importWorkflow(readExample('crm-signup.json'));
	running = await n8n().start();
	await running.setUpOwner(OWNER);

	browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
	const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	await context.route('**/*', async (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
			await route.continue();
		} else {
			outsideRequests.push(url.href);
			await route.abort();
		}
	});
	page = await context.newPage();
	mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
	await browser?.close();
	await running?.stop();
	await collector?.close();
	await credentialCollector?.close();
});

async function credentialCases(
	segment: SegmentCollector,
): Promise<Record<CredentialCase, Record<string, string>>> {
	const base = {
		region: 'us',
		writeKey: '',
		publicApiToken: '',
		trackingBaseUrl: segment.trackingBaseUrl,
		publicApiBaseUrl: segment.publicApiBaseUrl,
	};
	const writeKeyOnly = { ...base, writeKey: TEST_WRITE_KEY };
	return {
		writeKeyOnly,
		tokenOnly: { ...base, publicApiToken: GOOD_TOKEN },
		both: { ...writeKeyOnly, publicApiToken: GOOD_TOKEN },
		neither: base,
		wrongToken: { ...base, publicApiToken: 'sgp_dummy_revoked_token' },
		// The Tracking API's host where the Public API's belongs.
		wrongPublicApiBaseUrl: {
			...base,
			publicApiToken: GOOD_TOKEN,
			publicApiBaseUrl: segment.trackingBaseUrl.replace(/\/v1$/, ''),
		},
		// The Tracking API without its /v1.
		wrongTrackingBaseUrl: {
			...writeKeyOnly,
			trackingBaseUrl: segment.trackingBaseUrl.replace(/\/v1$/, ''),
		},
		unreachableTrackingBaseUrl: {
			...writeKeyOnly,
			trackingBaseUrl: `http://127.0.0.1:${await closedPort()}/v1`,
		},
	};
}

/** Waits for the editor's transitions (panels sliding in, dropdowns fading in) to finish. */
async function settle(): Promise<void> {
	// Runs in the page; endless animations (spinners) do not count.
	const finished = `document.getAnimations().every((animation) =>
		animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity)`;
	await page.waitForFunction(finished, undefined, { timeout: 5000 });
}

async function screenshot(
	name: string,
	clip?: { x: number; y: number; width: number; height: number },
): Promise<void> {
	await settle();
	const path = join(ARTIFACTS, `${name}.png`);
	await page.screenshot({ path, clip });
	if (process.env.SEGMENT_UPDATE_SCREENSHOTS) {
		mkdirSync(README_SCREENSHOTS, { recursive: true });
		copyFileSync(path, join(README_SCREENSHOTS, `${name}.png`));
	}
}

/** Waits until `read` gives `expected` (the editor updates asynchronously), else fails with the last value. */
async function eventually<T>(
	read: () => Promise<T>,
	expected: T,
	timeoutMs = 10_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = await read();
	while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
		await page.waitForTimeout(200);
		last = await read();
	}
	expect(last).toEqual(expected);
}

/** A node of this package in the node creator's lists (n8n's built-in Segment node is listed too). */
function nodeCreatorItem(nodeName: 'segment' | 'segmentTrigger'): Locator {
	return page.locator(
		`[data-test-id="item-iterator-item"][data-keyboard-nav-id^="${packageName}.${nodeName}-"]`,
	);
}

function parameterInput(name: string): Locator {
	return page.locator(`[data-test-id="parameter-input-${name}"]`);
}

function openDropdownItems(): Locator {
	return page.locator('.el-select-dropdown:visible [data-test-id="parameter-input-item"]');
}

/** Opens a dropdown parameter and returns the option names it shows (n8n's own addition left out). */
async function openOptions(name: string): Promise<string[]> {
	await parameterInput(name).click();
	const headlines = openDropdownItems().locator('.option-headline');
	await headlines.first().waitFor();
	const shown = await headlines.allInnerTexts();
	return shown.map((text) => text.trim()).filter((text) => text !== N8N_CUSTOM_API_CALL);
}

async function closeOptions(name: string): Promise<void> {
	await parameterInput(name).click();
	await openDropdownItems().first().waitFor({ state: 'hidden' });
}

/** The parameter panel and the open dropdown, for a screenshot. */
async function panelClip(): Promise<{ x: number; y: number; width: number; height: number }> {
	const ndv = await page.locator('[data-test-id="ndv"]').boundingBox();
	const parameters = await page.locator('[data-test-id="node-parameters"]').boundingBox();
	const dropdown = await page.locator('.el-select-dropdown:visible').first().boundingBox();
	if (!ndv || !parameters) throw new Error('The parameter panel is not shown');
	const left = parameters.x - 16;
	const right =
		Math.max(parameters.x + parameters.width, dropdown ? dropdown.x + dropdown.width : 0) + 16;
	const bottom = Math.min(
		ndv.y + ndv.height,
		dropdown ? dropdown.y + dropdown.height + 160 : Infinity,
	);
	return { x: left, y: ndv.y, width: right - left, height: bottom - ndv.y };
}

/** The parameter panel, the whole height of the node's view, with no dropdown open. */
async function parametersClip(): Promise<{ x: number; y: number; width: number; height: number }> {
	const ndv = await page.locator('[data-test-id="ndv"]').boundingBox();
	const parameters = await page.locator('[data-test-id="node-parameters"]').boundingBox();
	if (!ndv || !parameters) throw new Error('The parameter panel is not shown');
	return { x: parameters.x - 16, y: ndv.y, width: parameters.width + 32, height: ndv.height };
}

test('signs in through the sign-in page', async () => {
	await page.goto(`${running!.url}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
	await page.locator('input[name="password"]').fill(OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
});

describe("the credential's Test, run by n8n", () => {
	const wording = () => perN8n(N8N_TEST_WORDING);

	/** n8n's REST API, signed in as the owner. */
	let rest: (method: string, path: string, body?: unknown) => Promise<Response>;

	beforeAll(async () => {
		const browserId = 'credential-test';
		const login = await fetch(`${running!.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		rest = async (method, path, body) =>
			await fetch(`${running!.url}/rest${path}`, {
				method,
				headers: { 'Content-Type': 'application/json', 'browser-id': browserId, cookie },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
	});

	/** n8n's own credential tester (POST /rest/credentials/test), as the credential dialog calls it. */
	async function testCredential(
		data: Record<string, string>,
	): Promise<{ status: string; message: string }> {
		const response = await rest('POST', '/credentials/test', {
			// n8n tests what the dialog holds, on behalf of a stored credential the user may read.
			credentials: {
				id: EXAMPLE_CREDENTIAL.id,
				name: EXAMPLE_CREDENTIAL.name,
				type: 'twilioSegmentApi',
				data,
			},
		});
		expect(response.status).toBe(200);
		return ((await response.json()) as { data: { status: string; message: string } }).data;
	}

	/** Runs one case; returns n8n's answer and what reached Segment (the collector), secrets named. */
	async function run(name: CredentialCase) {
		credentialCollector.reset();
		const answer = await testCredential(credentialData[name]);
		process.stdout.write(`credential Test, ${name}: ${JSON.stringify(answer)}\n`);
		const sent = credentialCollector.requests.map(({ api, method, path, headers, body }) => {
			const auth =
				headers.authorization === basicAuthFor(TEST_WRITE_KEY)
					? 'write key'
					: headers.authorization === `Bearer ${GOOD_TOKEN}`
						? 'token'
						: (headers.authorization ?? 'none');
			return `${api} ${method} ${path} (${auth})${body ? ` ${body}` : ''}`;
		});
		return { answer, sent };
	}

	test('only a write key: passes after the Tracking API answered an empty batch', async () => {
		const { answer, sent } = await run('writeKeyOnly');
		expect(answer).toEqual({ status: 'OK', message: wording().ok });
		expect(sent).toEqual(['tracking POST /v1/batch (write key) {"batch":[]}']);
		expect(credentialCollector.received).toEqual([]);
	});

	test('only a token, or both: reads the workspace with the token alone', async () => {
		for (const name of ['tokenOnly', 'both'] as const) {
			const { answer, sent } = await run(name);
			expect(answer).toEqual({ status: 'OK', message: wording().ok });
			expect(sent).toEqual(['publicApi GET / (token)']);
		}
	});

	test('neither: says what to fill in, and nothing is sent', async () => {
		const { answer, sent } = await run('neither');
		expect(answer).toEqual({ status: 'Error', message: NO_SECRET_MESSAGE });
		expect(sent).toEqual([]);
	});

	test('a revoked token fails the Test', async () => {
		const { answer, sent } = await run('wrongToken');
		expect(answer).toEqual({ status: 'Error', message: wording().rejected });
		expect(sent).toEqual(
			Array(wording().rejectedRequests).fill('publicApi GET / (Bearer sgp_dummy_revoked_token)'),
		);
	});

	test('a wrong base URL fails the Test, for the API the Test uses', async () => {
		const publicApi = await run('wrongPublicApiBaseUrl');
		expect(publicApi.answer).toEqual({ status: 'Error', message: wording().notFound });
		expect(publicApi.sent).toEqual(['tracking GET / (token)']);
		const tracking = await run('wrongTrackingBaseUrl');
		expect(tracking.answer).toEqual({ status: 'Error', message: wording().notFound });
		expect(tracking.sent).toEqual(['tracking POST /batch (write key) {"batch":[]}']);
		const unreachable = await run('unreachableTrackingBaseUrl');
		expect(unreachable.answer).toEqual({ status: 'Error', message: wording().refused });
		expect(unreachable.sent).toEqual([]);
	});

	test('the credential dialog shows the same: a write key alone connects, the rest say why not', async () => {
		/** Stores a credential, opens it (the dialog runs its Test on opening), and deletes it after. */
		const openDialog = async (name: CredentialCase) => {
			const created = await rest('POST', '/credentials', {
				name: `Segment credential Test: ${name}`,
				type: 'twilioSegmentApi',
				data: credentialData[name],
			});
			expect(created.status).toBe(200);
			const { id } = ((await created.json()) as { data: { id: string } }).data;
			try {
				await page.goto(`${running!.url}/home/credentials/${id}`);
				const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
				await dialog.waitFor();
				const success = dialog.locator(
					'[data-test-id="credentials-config-container-test-success"]:visible',
				);
				// n8n's wording, with its typographic apostrophe.
				const failure = dialog.getByText('Couldn’t connect with these settings');
				await success.or(failure).first().waitFor();
				if (await success.isVisible()) {
					await screenshot(`credential-${name}`);
					return { connected: true, shown: await success.innerText() };
				}
				const more = dialog.getByText('More details');
				if (await more.isVisible()) await more.click();
				await screenshot(`credential-${name}`);
				return { connected: false, shown: await dialog.innerText() };
			} finally {
				await page.keyboard.press('Escape');
				expect((await rest('DELETE', `/credentials/${id}`)).status).toBe(200);
			}
		};
		expect(await openDialog('writeKeyOnly')).toEqual({
			connected: true,
			shown: expect.stringContaining('Connection tested successfully'),
		});
		expect(await openDialog('neither')).toEqual({
			connected: false,
			shown: expect.stringContaining(NO_SECRET_MESSAGE),
		});
		expect(await openDialog('wrongToken')).toEqual({
			connected: false,
			shown: expect.stringContaining(wording().rejected),
		});
	});
});

test('runs the example workflow from the editor: Segment receives every call', async () => {
	const workflow = readExample('crm-signup.json');
	await page.goto(`${running!.url}/workflow/${workflow.id}`);
	const nodes = page.locator('[data-test-id="canvas-node"]');
	await nodes.nth(workflow.nodes.length - 1).waitFor();
	expect(await nodes.count()).toBe(workflow.nodes.length);
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await eventually(async () => collector!.received.length, 9, 60_000);
	expect(collector!.received.map(({ messageId }) => messageId).sort()).toEqual(
		['101', '102', '103'].flatMap((id) => [`group-${id}`, `identify-${id}`, `signup-${id}`]).sort(),
	);
	// Every node shows its items as done.
	await eventually(async () => (await page.locator('text=3 items').count()) >= 4, true, 30_000);
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	await screenshot('crm-signup-workflow');
});

test('the node creator offers the package node with an action for every operation', async () => {
	await page.goto(`${running!.url}/workflow/new`);
	await page.locator('[data-test-id="canvas-add-button"]').click();
	await page.locator('[data-test-id="node-creator-search-bar"]').fill('Segment');
	// n8n's built-in Segment node is listed too: ours is the one of this package.
	await nodeCreatorItem('segment').click();
	// The package's view: its trigger, then its actions (folded in the trigger panel a new
	// workflow opens with).
	await nodeCreatorItem('segmentTrigger').waitFor();
	const actions = nodeResources().flatMap(({ value }) =>
		nodeOperations(String(value)).map(({ action }) => action),
	);
	expect(actions.length).toBeGreaterThan(0);
	await settle();
	// A folded category has no items in the page.
	if ((await nodeCreatorItem('segment').count()) === 0) {
		await page
			.locator('[data-test-id="node-creator-category-item"]')
			.filter({ hasText: /^Actions/ })
			.click();
	}
	await eventually(async () => await nodeCreatorItem('segment').count(), actions.length);
	const actionItems = page.locator('[data-test-id="item-iterator-item"]');
	const shown = (await actionItems.allInnerTexts()).map((text) => text.trim());
	for (const action of actions) expect(shown).toContain(action);
	await screenshot('node-creator-actions');

	const [firstResource] = nodeResources();
	const [firstOperation] = nodeOperations(String(firstResource.value));
	await actionItems.filter({ hasText: firstOperation.action! }).first().click();
	await page.locator('[data-test-id="ndv"]').waitFor();
	await eventually(
		() => page.locator('[data-test-id="node-credentials-select"] input').inputValue(),
		EXAMPLE_CREDENTIAL.name,
	);
});

describe('the parameter panel, resource by resource', () => {
	const resources = nodeResources();

	test.each(resources.map((resource) => [resource.name, resource] as const))(
		'%s',
		async (_name, resource) => {
			const resourceNames = resources.map(({ name }) => name);
			const shownResources = await openOptions('resource');
			expect(shownResources).toEqual(resourceNames);
			await openDropdownItems()
				.filter({ has: page.locator('.option-headline', { hasText: resource.name }) })
				.first()
				.click();
			await openDropdownItems().first().waitFor({ state: 'hidden' });
			await eventually(
				() => parameterInput('resource').locator('input').inputValue(),
				resource.name,
			);

			const operations = nodeOperations(String(resource.value)).map(({ name }) => name);
			expect(operations.length).toBeGreaterThan(0);
			const shownOperations = await openOptions('operation');
			expect(shownOperations).toEqual(operations);
			await settle();
			await screenshot(`panel-${String(resource.value)}`, await panelClip());
			await closeOptions('operation');
		},
	);
});

test("the trigger's panel: a source from the workspace's list, event types and names; Manual setup asks for the secret", async () => {
	await page.goto(`${running!.url}/workflow/new`);
	await page.locator('[data-test-id="canvas-add-button"]').click();
	await page.locator('[data-test-id="node-creator-search-bar"]').fill('Segment');
	await nodeCreatorItem('segment').click();
	await nodeCreatorItem('segmentTrigger').click();
	await page.locator('[data-test-id="ndv"]').waitFor();
	await eventually(
		() => page.locator('[data-test-id="node-credentials-select"] input').inputValue(),
		EXAMPLE_CREDENTIAL.name,
	);

	// The source list is the workspace's, read through the trigger's own list search.
	await parameterInput('source').click();
	const sources = page.locator('[data-test-id="rlc-item"]');
	await sources.first().waitFor();
	expect(await sources.allInnerTexts()).toEqual(
		collector!.publicApiState.sources.map(({ name }) => name),
	);
	await sources.filter({ hasText: 'Website (production)' }).first().click();

	await parameterInput('eventTypes').click();
	const types = page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
	await types.first().waitFor();
	expect(await types.locator('.option-headline').allInnerTexts()).toEqual(
		EVENT_TYPES.map(({ name }) => name),
	);
	await types.filter({ has: page.locator('.option-headline', { hasText: /^Track$/ }) }).click();
	await parameterInput('eventTypes').click();
	await page.getByRole('button', { name: 'Add Event Name' }).click();
	await parameterInput('eventNames')
		.first()
		.locator('input, textarea')
		.first()
		.fill('Order Completed');
	await page.getByText('Webhook URLs').click();
	await page.locator('[data-test-id="radio-button-production"]').click();
	await page.getByText(/\/webhook\/[0-9a-f-]+\/webhook$/).waitFor();
	await screenshot('panel-trigger', await parametersClip());

	// Manual setup: the Shared Secret field, and a warning while it is empty.
	await parameterInput('setup').click();
	await openDropdownItems().filter({ hasText: 'Manual' }).first().click();
	const warning = page.getByText('Without a Shared Secret, anyone who learns this URL');
	await warning.waitFor();
	await parameterInput('sharedSecret').locator('input').fill('whsec_dummy_editor_test');
	await warning.waitFor({ state: 'detached' });
	expect(await parameterInput('source').count()).toBe(0);
});

test('nothing the editor or n8n asked for left 127.0.0.1', () => {
	// The editor looks the package up on registry.npmjs.org (community node details); the test
	// aborts every such request, so the page works offline.
	for (const url of outsideRequests) expect(url).toMatch(/^https:\/\/registry\.npmjs\.org\//);
	expect(n8n.outbound()).toEqual([]);
});
