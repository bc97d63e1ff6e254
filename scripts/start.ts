import { createHash, randomBytes } from 'node:crypto';
import {
	appendFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { PROFILE_SPACE_ID, SegmentCollector } from '../collector';
import {
	collectorCredential,
	EXAMPLE_CREDENTIAL,
	exampleFiles,
	mcpEndpointPath,
	mcpTokenCredential,
	MCP_TOKEN_CREDENTIAL,
	missingOperations,
	readExample,
} from './n8n/examples';
import {
	freePort,
	N8nInstance,
	type CredentialImport,
	type RunningN8n,
	type WorkflowJson,
} from './n8n/instance';
import { packageManifest, packPackage } from './n8n/pack';
import {
	DEFAULT_RUNTIME,
	ensureN8nRuntime,
	REPO_ROOT,
	RUNTIME_ROOT,
	selectedRuntimeName,
} from './n8n/runtime';

/**
 * The main job (`npm start`): builds and packs this package, starts the local Segment-compatible
 * collector, and starts a real n8n (installed into .n8n-runtime/ on first use) with the package
 * installed the way n8n installs community packages, a credential pointing at the collector, and
 * the example workflows imported (the MCP server example active, behind a bearer token of its own).
 * Prints the editor URL, the MCP endpoint and its token, and every call the collector receives.
 * Ctrl-C stops n8n and the collector.
 *
 * State (n8n's database, the sign-in, received events) stays in .n8n-runtime/start/ between runs,
 * so edits made in the editor (a real Segment write key in the credential) are kept.
 * Environment: SEGMENT_N8N_RUNTIME (another n8n from scripts/n8n/runtimes/), N8N_PORT (default 5678), SEGMENT_COLLECTOR_PORT (Tracking API, default 8911; the
 * Public API listens on the next port), SEGMENT_START_DIR (the state folder), SEGMENT_START_TARBALL
 * (install this tarball instead of packing one; the end-to-end test passes the one it packed).
 */

// n8n migrates its database forward only: another n8n version gets a state folder of its own.
const RUNTIME_NAME = selectedRuntimeName();
const STATE_DIR =
	process.env.SEGMENT_START_DIR ??
	join(RUNTIME_ROOT, RUNTIME_NAME === DEFAULT_RUNTIME ? 'start' : `start-${RUNTIME_NAME}`);
const STATE_FILE = join(STATE_DIR, 'state.json');
const EVENTS_FILE = join(STATE_DIR, 'received-events.jsonl');
const N8N_LOG = join(STATE_DIR, 'n8n.log');
/** The example credential's write key (made up, as every key the collector knows). */
const DEMO_WRITE_KEY = 'wk_local_collector_demo';

interface StartState {
	owner?: { email: string; password: string };
	/** The collector's Tracking API URL when the credential was created. */
	credentialFor?: string;
	/** The examples imported, with a hash of the file: a changed example is imported again. */
	examples?: Record<string, string>;
	/** The bearer token of the MCP server example's credential, as created. */
	mcpToken?: string;
}

function readState(): StartState {
	return existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as StartState) : {};
}

function writeState(state: StartState): void {
	writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function shown(path: string): string {
	const relativePath = relative(process.cwd(), path);
	return relativePath.startsWith('..') ? path : relativePath;
}

function port(name: string, fallback: number): number {
	const value = process.env[name];
	if (value === undefined || value === '') return fallback;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65535)
		throw new Error(`${name} must be a port number, got "${value}"`);
	return parsed;
}

/** The node's parameters, from the build `npm pack` just made. */
async function builtNodeProperties(): Promise<INodeProperties[]> {
	const { Segment } = (await import(
		join(REPO_ROOT, 'dist', 'nodes', 'Segment', 'Segment.node.js')
	)) as {
		Segment: new () => { description: { properties: INodeProperties[] } };
	};
	return new Segment().description.properties;
}

function describeMessage(message: Record<string, unknown>): string {
	const { userId, anonymousId, previousId, event, name, groupId, traits, properties } = message;
	return JSON.stringify({
		userId,
		anonymousId,
		previousId,
		event,
		name,
		groupId,
		traits,
		properties,
	});
}

async function main(): Promise<void> {
	const log = (line = ''): void => console.log(line);
	const runtime = await ensureN8nRuntime(log, RUNTIME_NAME);
	mkdirSync(STATE_DIR, { recursive: true });
	const { name, version } = packageManifest();

	const packDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-start-'));
	let tarball = process.env.SEGMENT_START_TARBALL;
	if (!tarball) {
		log(`Building and packing ${name} ${version}…`);
		tarball = await packPackage(packDir);
	}

	const trackingPort = port('SEGMENT_COLLECTOR_PORT', 8911);
	const collector = await SegmentCollector.start({
		trackingPort,
		publicApiPort: trackingPort + 1,
		profileApiPort: trackingPort + 2,
		onMessage: ({ type, messageId, message }) => {
			appendFileSync(
				EVENTS_FILE,
				`${JSON.stringify({ receivedAt: new Date().toISOString(), type, messageId, message })}\n`,
			);
			log(`  Segment received ${type.padEnd(8)} ${messageId}  ${describeMessage(message)}`);
		},
	}).catch((error: NodeJS.ErrnoException) => {
		throw new Error(
			error.code === 'EADDRINUSE'
				? `Port ${trackingPort}, ${trackingPort + 1} or ${trackingPort + 2} is in use: set SEGMENT_COLLECTOR_PORT to the first of three free ports`
				: error.message,
		);
	});
	// The example credential's write key is one of the seed website source's, so a Segment Trigger
	// (Automatic setup) on that source receives what the examples send.
	collector.publicApiState.sources
		.find(({ slug }) => slug === 'website-prod')
		?.writeKeys.push(DEMO_WRITE_KEY);
	let publicApiSeen = 0;
	const publicApiWatch = setInterval(() => {
		const calls = collector.requests.filter(({ api }) => api === 'publicApi');
		for (const { method, path, status } of calls.slice(publicApiSeen)) {
			log(`  Public API  ${method} ${path} → ${status}`);
		}
		publicApiSeen = calls.length;
	}, 500);

	const instance = new N8nInstance({
		runtime,
		userFolder: STATE_DIR,
		port: port('N8N_PORT', 5678),
		brokerPort: await freePort(),
	});
	let running: RunningN8n | undefined;
	let stopping = false;
	const stop = async (exitCode: number): Promise<void> => {
		if (stopping) return;
		stopping = true;
		log('\nStopping n8n and the collector…');
		clearInterval(publicApiWatch);
		await running?.stop();
		await collector.close();
		rmSync(packDir, { recursive: true, force: true });
		process.exit(exitCode);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		log(
			`Installing the package into n8n (${shown(instance.nodesFolder)}), as n8n installs community packages…`,
		);
		await instance.installPackage(tarball);

		// The credentials are created once: edits made in the editor (a real write key) are kept.
		// Every n8n CLI command starts n8n anew (seconds each): one import for all of them.
		const state = readState();
		const credentials: CredentialImport[] = [];
		if (!state.credentialFor) {
			credentials.push(
				collectorCredential(collector, {
					writeKey: DEMO_WRITE_KEY,
					publicApiToken: 'sgp_local_collector_demo',
					profileApiToken: 'pat_local_collector_demo',
					spaceId: PROFILE_SPACE_ID,
				}),
			);
		} else if (state.credentialFor !== collector.trackingBaseUrl) {
			log(
				`Note: the credential "${EXAMPLE_CREDENTIAL.name}" was created for a collector at ${state.credentialFor};`,
			);
			log(`      edit its base URLs, or delete ${shown(STATE_DIR)} to start afresh.`);
		}
		const mcpToken = state.mcpToken ?? randomBytes(24).toString('base64url');
		if (!state.mcpToken) credentials.push(mcpTokenCredential(mcpToken));
		if (credentials.length > 0) {
			await instance.importCredentials(credentials);
			state.credentialFor ??= collector.trackingBaseUrl;
			state.mcpToken = mcpToken;
			writeState(state);
		}

		// The examples new or changed since the last start, imported together.
		const properties = await builtNodeProperties();
		const imported: string[] = [];
		const waiting: string[] = [];
		const changed: Array<{ file: string; hash: string; workflow: WorkflowJson }> = [];
		const mcpEndpoints: string[] = [];
		let needsModel = false;
		state.examples ??= {};
		for (const file of exampleFiles()) {
			const workflow = readExample(file);
			const missing = missingOperations(workflow, properties);
			if (missing.length > 0) {
				waiting.push(`${file} (needs ${missing.join(', ')})`);
				continue;
			}
			const hash = createHash('sha256').update(JSON.stringify(workflow)).digest('hex');
			if (state.examples[file] !== hash) changed.push({ file, hash, workflow });
			const endpoint = mcpEndpointPath(workflow);
			if (endpoint) mcpEndpoints.push(endpoint);
			needsModel ||= workflow.nodes.some(({ credentials: used }) => used?.openAiApi);
			imported.push(`${workflow.name}  ${instance.url}/workflow/${workflow.id}`);
		}
		await instance.importWorkflows(changed.map(({ workflow }) => workflow));
		for (const { file, hash, workflow } of changed) {
			// An MCP server serves clients only while its workflow is active (published).
			if (mcpEndpointPath(workflow)) await instance.publishWorkflow(workflow.id);
			state.examples[file] = hash;
		}
		writeState(state);

		log(`Starting n8n ${runtime.version}…`);
		writeFileSync(N8N_LOG, '');
		running = await instance.start({ onOutput: (text) => appendFileSync(N8N_LOG, text) });
		running.child.once('exit', (code) => {
			if (!stopping) {
				log(`n8n exited (code ${code}); its log: ${shown(N8N_LOG)}`);
				void stop(code ?? 1);
			}
		});
		if (!state.owner) {
			// n8n wants 8+ characters with a digit and a capital: the fixed prefix has both.
			state.owner = {
				email: 'owner@n8n-nodes-segment.local',
				password: `Local1-${randomBytes(9).toString('base64url')}`,
			};
			await running.setUpOwner({ ...state.owner, firstName: 'Local', lastName: 'Owner' });
			writeState(state);
		}
		// n8n registers the webhooks of active workflows after its editor is up.
		for (const endpoint of mcpEndpoints) await running.waitForWebhook(endpoint);

		log('');
		log(`n8n ${runtime.version} is running with ${name} ${version} installed.`);
		log(`  Editor:      ${instance.url}`);
		log(
			`  Sign in:     ${state.owner.email} / ${state.owner.password}  (kept in ${shown(STATE_FILE)})`,
		);
		for (const example of imported) log(`  Example:     ${example}`);
		for (const example of waiting) log(`  Not imported: ${example}`);
		log(
			`  Credential:  "${EXAMPLE_CREDENTIAL.name}", pointing at the local collector. For a real Segment`,
		);
		log(
			'               workspace, edit it: your write key (and token), your region, empty base URLs.',
		);
		for (const endpoint of mcpEndpoints) {
			log(`  MCP server:  ${instance.url}${endpoint}  (Streamable HTTP; SSE on the same URL)`);
			log(
				`  MCP token:   ${state.mcpToken}  (clients send "Authorization: Bearer <token>"; credential "${MCP_TOKEN_CREDENTIAL.name}")`,
			);
		}
		if (needsModel) {
			log(
				'  AI Agent:    its example needs a model: give its "Chat model" node an OpenAI credential:',
			);
			log(
				'               an OpenAI API key, or the Base URL and key of any OpenAI-compatible server.',
			);
		}
		log(
			`  Collector:   Tracking API ${collector.trackingBaseUrl}, Public API ${collector.publicApiBaseUrl}, Profile API ${collector.profileApiBaseUrl}`,
		);
		log(
			`  Events:      printed below as Segment would receive them, and kept in ${shown(EVENTS_FILE)}`,
		);
		log(`  n8n's log:   ${shown(N8N_LOG)}`);
		log('Open an example and click "Execute workflow". Ctrl-C stops n8n and the collector.');
		log('');
	} catch (error) {
		console.error((error as Error).message);
		await stop(1);
	}
}

void main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
