import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { N8nInstance, type WorkflowJson } from '../../scripts/n8n/instance';
import { installedN8nRuntime, type N8nRuntime } from '../../scripts/n8n/runtime';
import { Segment } from '../../nodes/Segment/Segment.node';

/** The n8n runtime the global setup installed. */
export function e2eRuntime(): N8nRuntime {
	const runtime = installedN8nRuntime();
	if (!runtime) throw new Error('The n8n runtime is not installed: run the e2e tests through jest (its global setup installs it)');
	return runtime;
}

/** The tarball `npm pack` made in the global setup. */
export function e2eTarball(): string {
	const tarball = process.env.SEGMENT_E2E_TARBALL;
	if (!tarball) throw new Error('SEGMENT_E2E_TARBALL is not set: run the e2e tests through jest');
	return tarball;
}

/**
 * A fresh n8n user folder with the packed package installed the way n8n installs community
 * packages. Removed after the test file unless SEGMENT_E2E_KEEP is set.
 */
export function useN8nInstance(label: string): () => N8nInstance {
	let instance: N8nInstance | undefined;
	let userFolder: string | undefined;
	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), `n8n-nodes-segment-e2e-${label}-`));
		instance = await N8nInstance.create(e2eRuntime(), userFolder);
		await instance.installPackage(e2eTarball());
	});
	afterAll(() => {
		if (userFolder && !process.env.SEGMENT_E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
	});
	return () => {
		if (!instance) throw new Error('The n8n instance is not set up');
		return instance;
	};
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
