import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PROFILE_SPACE_ID, SegmentCollector } from '../../collector';
import { collectorCredential } from '../../scripts/n8n/examples';
import { N8nInstance, type CredentialImport, type WorkflowJson } from '../../scripts/n8n/instance';
import { installedN8nRuntime, type N8nRuntime } from '../../scripts/n8n/runtime';
import { Segment } from '../../nodes/Segment/Segment.node.ts';
import { PROFILE_API_TOKEN, PUBLIC_API_TOKEN, WRITE_KEY } from '../harness/collector';

/** The owner account the e2e suites set up in each n8n and sign in with. */
export const OWNER = {
	email: 'owner@example.com',
	password: 'dummy-Owner-Passw0rd',
	firstName: 'Ada',
	lastName: 'Owner',
};

/** The collector's seeded website source, which the trigger suites listen to, and its write key. */
export const WEBSITE = { id: 'qQEHquLrjRDN9j1ByrChyn', writeKey: 'wk_dummy_website_prod_1' };

/** The n8n runtime the global setup installed. */
export function e2eRuntime(): N8nRuntime {
	const runtime = installedN8nRuntime();
	if (!runtime)
		throw new Error(
			'The n8n runtime is not installed: run the e2e tests through jest (its global setup installs it)',
		);
	return runtime;
}

/** The tarball `npm pack` made in the global setup. */
export function e2eTarball(): string {
	const tarball = process.env.SEGMENT_E2E_TARBALL;
	if (!tarball) throw new Error('SEGMENT_E2E_TARBALL is not set: run the e2e tests through jest');
	return tarball;
}

/** What n8n tried to reach beyond 127.0.0.1 through the proxy it was given. */
export interface OutboundTrap {
	attempts: string[];
	url: string;
	close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that refuses everything and records what was asked of it. n8n (and
 * its task runner) get it as HTTP_PROXY/HTTPS_PROXY, with 127.0.0.1 exempt: any call home shows up
 * here instead of leaving the machine.
 */
export async function startOutboundTrap(): Promise<OutboundTrap> {
	const attempts: string[] = [];
	const server = createServer((request, response) => {
		attempts.push(`${request.method} ${request.url}`);
		response.writeHead(403).end();
	});
	server.on('connect', (request: IncomingMessage, socket: Socket) => {
		attempts.push(`CONNECT ${request.url}`);
		socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		attempts,
		url: `http://127.0.0.1:${port}`,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** The environment that sends n8n's (and its task runners') outbound traffic to the trap. */
export function outboundTrapEnv(trap: OutboundTrap): NodeJS.ProcessEnv {
	const noProxy = '127.0.0.1,localhost';
	return {
		HTTP_PROXY: trap.url,
		HTTPS_PROXY: trap.url,
		http_proxy: trap.url,
		https_proxy: trap.url,
		NO_PROXY: noProxy,
		no_proxy: noProxy,
	};
}

export interface E2eInstance {
	(): N8nInstance;
	/** What n8n tried to send beyond 127.0.0.1 so far. */
	outbound(): string[];
}

/**
 * A fresh n8n user folder with the packed package installed the way n8n installs community
 * packages, and n8n's outbound traffic sent to a trap. Removed after the test file unless
 * SEGMENT_E2E_KEEP is set.
 */
export function useN8nInstance(label: string): E2eInstance {
	let instance: N8nInstance | undefined;
	let userFolder: string | undefined;
	let trap: OutboundTrap | undefined;
	beforeAll(async () => {
		trap = await startOutboundTrap();
		userFolder = mkdtempSync(join(tmpdir(), `n8n-nodes-segment-e2e-${label}-`));
		instance = await N8nInstance.create(e2eRuntime(), userFolder, { env: outboundTrapEnv(trap) });
		await instance.installPackage(e2eTarball());
	});
	afterAll(async () => {
		// jest runs afterAll hooks in the order they were declared: this one may come before the
		// test file's own, so it stops whatever n8n the file started before removing its folder.
		await instance?.stopAll();
		await trap?.close();
		if (userFolder && !process.env.SEGMENT_E2E_KEEP)
			rmSync(userFolder, { recursive: true, force: true });
	});
	const get = (): N8nInstance => {
		if (!instance) throw new Error('The n8n instance is not set up');
		return instance;
	};
	return Object.assign(get, { outbound: () => [...(trap?.attempts ?? [])] });
}

/**
 * A collector that accepts only the test secrets (401 to any other write key or token, as Segment
 * answers a wrong one), with the examples' credential pointing at it imported into the instance,
 * along with `more` credentials.
 */
export async function startCollectorFor(
	instance: N8nInstance,
	more: CredentialImport[] = [],
): Promise<SegmentCollector> {
	const collector = await SegmentCollector.start({
		writeKeys: [WRITE_KEY],
		publicApiTokens: [PUBLIC_API_TOKEN],
		profileApiTokens: [PROFILE_API_TOKEN],
	});
	await instance.importCredentials([
		collectorCredential(collector, {
			writeKey: WRITE_KEY,
			publicApiToken: PUBLIC_API_TOKEN,
			profileApiToken: PROFILE_API_TOKEN,
			spaceId: PROFILE_SPACE_ID,
		}),
		...more,
	]);
	return collector;
}

/** Workflows that only tests run (not examples). */
export function readTestWorkflow(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(__dirname, 'workflows', file), 'utf8')) as WorkflowJson;
}

const { description } = new Segment();

/** The node's resources, as its description offers them. */
export function nodeResources(): INodePropertyOptions[] {
	const resource = description.properties.find(({ name }) => name === 'resource');
	return (resource?.options ?? []) as INodePropertyOptions[];
}

/** The operations the node offers for a resource, as its description lists them. */
export function nodeOperations(resource: string): INodePropertyOptions[] {
	const operation = description.properties.find(
		({ name, displayOptions }) =>
			name === 'operation' && (displayOptions?.show?.resource ?? []).includes(resource),
	);
	return (operation?.options ?? []) as INodePropertyOptions[];
}

/** The node's parameters, as its description lists them. */
export function nodeProperties(): INodeProperties[] {
	return description.properties;
}
