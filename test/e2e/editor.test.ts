import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { SegmentCollector } from '../../collector';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/n8n/chromium';
import { collectorCredential, EXAMPLE_CREDENTIAL, readExample } from '../../scripts/n8n/examples';
import type { RunningN8n } from '../../scripts/n8n/instance';
import { packageManifest } from '../../scripts/n8n/pack';
import { REPO_ROOT } from '../../scripts/n8n/runtime';
import { e2eRuntime, nodeOperations, nodeResources, useN8nInstance } from './harness';
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
const OWNER = {
	email: 'owner@example.com',
	password: 'dummy-Owner-Passw0rd',
	firstName: 'Ada',
	lastName: 'Owner',
};
/** n8n adds this option to the resource and operation lists of nodes whose credential can authenticate any request. */
const N8N_CUSTOM_API_CALL = 'Custom API Call';

const { name: packageName } = packageManifest();
const n8n = useN8nInstance('editor');
let running: RunningN8n | undefined;
let collector: SegmentCollector | undefined;
let browser: Browser | undefined;
let page: Page;
/** Every request the editor tried to send beyond 127.0.0.1 (each one is aborted). */
const outsideRequests: string[] = [];

beforeAll(async () => {
	const executablePath = await ensureChromium((line) => process.stdout.write(`${line}\n`));
	// The example credential, pointing at a collector, and the CRM example.
	collector = await SegmentCollector.start();
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
});

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

test('signs in through the sign-in page', async () => {
	await page.goto(`${running!.url}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
	await page.locator('input[name="password"]').fill(OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
});

test("the credential's Test, run by n8n, says which part is wrong", async () => {
	// n8n's own credential tester (POST /rest/credentials/test), as the credential dialog calls it.
	const tokenCollector = await SegmentCollector.start({
		publicApiTokens: ['sgp_dummy_good_token'],
	});
	try {
		const browserId = 'credential-test';
		const login = await fetch(`${running!.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		const test = async (data: Record<string, string>) => {
			const response = await fetch(`${running!.url}/rest/credentials/test`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'browser-id': browserId, cookie },
				body: JSON.stringify({
					// n8n tests what the dialog holds, on behalf of a stored credential the user may read.
					credentials: {
						id: EXAMPLE_CREDENTIAL.id,
						name: EXAMPLE_CREDENTIAL.name,
						type: 'twilioSegmentApi',
						data: {
							writeKey: 'wk_dummy_credential_test',
							region: 'us',
							trackingBaseUrl: tokenCollector.trackingBaseUrl,
							publicApiBaseUrl: tokenCollector.publicApiBaseUrl,
							...data,
						},
					},
				}),
			});
			expect(response.status).toBe(200);
			return ((await response.json()) as { data: { status: string; message: string } }).data;
		};

		expect(await test({ publicApiToken: 'sgp_dummy_good_token' })).toMatchObject({ status: 'OK' });
		// n8n 2.8 words HTTP failures of a credential test itself (it does not reach the credential's
		// responseCode rules); n8n 2.41 applies those rules, so it shows the credential's own message.
		expect(await test({ publicApiToken: 'sgp_dummy_revoked_token' })).toEqual({
			status: 'Error',
			message: perN8n({
				'n8n-2.8': 'Authorization failed - please check your credentials',
				'n8n-2.41':
					'Segment rejected the Public API Token: check that it is complete and not revoked, and that Region matches the workspace.',
			}),
		});
		expect(await test({ publicApiToken: '' })).toEqual({
			status: 'Error',
			message: expect.stringContaining('no Public API Token'),
		});
		expect(
			await test({
				publicApiToken: 'sgp_dummy_good_token',
				publicApiBaseUrl: tokenCollector.trackingBaseUrl,
			}),
		).toEqual({
			status: 'Error',
			message: perN8n({
				'n8n-2.8': 'The resource you are requesting could not be found',
				'n8n-2.41':
					'No Segment Public API answered at this address: check Region and Public API Base URL.',
			}),
		});
		// The test reads with the token only: the write key never went anywhere.
		expect(JSON.stringify(tokenCollector.requests)).not.toContain('wk_dummy_credential_test');
	} finally {
		await tokenCollector.close();
	}
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
	const ours = page.locator(
		`[data-test-id="item-iterator-item"][data-keyboard-nav-id^="${packageName}.segment-"]`,
	);
	await ours.click();
	const actionItems = page.locator('[data-test-id="item-iterator-item"]');
	await actionItems.first().waitFor();
	const shown = (await actionItems.allInnerTexts()).map((text) => text.trim());
	const actions = nodeResources().flatMap(({ value }) =>
		nodeOperations(String(value)).map(({ action }) => action),
	);
	expect(actions.length).toBeGreaterThan(0);
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

test('nothing the editor or n8n asked for left 127.0.0.1', () => {
	// The editor looks the package up on registry.npmjs.org (community node details); the test
	// aborts every such request, so the page works offline.
	for (const url of outsideRequests) expect(url).toMatch(/^https:\/\/registry\.npmjs\.org\//);
	expect(n8n.outbound()).toEqual([]);
});
