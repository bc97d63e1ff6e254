import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/Segment/actions/resources';
import { LIBRARY } from '../../nodes/Segment/helpers/library';
import { Segment } from '../../nodes/Segment/Segment.node.ts';

const trackingOperations = RESOURCES.tracking.operations;
const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	version: string;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
};

describe('the package n8n loads', () => {
	test('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	test('the build emits every node and credential its n8n block lists, with their icons', async () => {
		const [nodePath] = packageJson.n8n.nodes;
		const [credentialPath] = packageJson.n8n.credentials;
		for (const path of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(existsSync(join(root, path))).toBe(true);
		}
		const { Segment: BuiltSegment } = (await import(join(root, nodePath))) as {
			Segment: new () => Segment;
		};
		const { TwilioSegmentApi } = (await import(join(root, credentialPath))) as {
			TwilioSegmentApi: new () => { name: string };
		};
		expect(new BuiltSegment().description.name).toBe('segment');
		expect(new TwilioSegmentApi().name).toBe('twilioSegmentApi');
		for (const icon of ['segment.svg', 'segment.dark.svg']) {
			expect(existsSync(join(root, 'dist/nodes/Segment', icon))).toBe(true);
		}
	});

	test('reports its own version to Segment as the library version', () => {
		expect(LIBRARY).toEqual({ name: 'n8n-nodes-segment', version: packageJson.version });
	});
});

describe('the tarball npm publishes', () => {
	// npm pack lists what it would publish; the build ran before the tests (npm test builds first).
	const [{ files }] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	) as Array<{ files: Array<{ path: string }> }>;
	const paths = files.map(({ path }) => path);

	test('holds exactly dist/, the README, the LICENSE and package.json', () => {
		expect(paths.filter((path) => !path.startsWith('dist/')).sort()).toEqual([
			'LICENSE',
			'README.md',
			'package.json',
		]);
	});

	test('holds every file the n8n block names, and no tests', () => {
		for (const path of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(paths).toContain(path);
		}
		expect(paths.filter((path) => /(^|\/)test\/|\.test\.js$/.test(path))).toEqual([]);
	});

	test('says MIT, as package.json does, for the author package.json names', () => {
		const license = readFileSync(join(root, 'LICENSE'), 'utf8');
		const { license: declared, author } = JSON.parse(
			readFileSync(join(root, 'package.json'), 'utf8'),
		) as { license: string; author: { name: string } };
		expect(declared).toBe('MIT');
		expect(license.split('\n')[0]).toBe('MIT License');
		expect(license).toMatch(new RegExp(`^Copyright \\(c\\) \\d{4} ${author.name}$`, 'm'));
	});
});

describe('the node description', () => {
	const { description } = new Segment();
	const parameter = (name: string, resource?: string): INodeProperties | undefined =>
		description.properties.find(
			(property) =>
				property.name === name &&
				(resource === undefined || property.displayOptions?.show?.resource?.includes(resource)),
		);

	test('is usable as an AI agent tool and uses the package credential', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'twilioSegmentApi', required: true }]);
	});

	test('offers every tracking call, each with an action and an execute', () => {
		const options = parameter('operation', 'tracking')?.options as INodePropertyOptions[];
		expect(options.map(({ value }) => value).sort()).toEqual([
			'alias',
			'batch',
			'group',
			'identify',
			'importHistoricalData',
			'page',
			'screen',
			'track',
		]);
		for (const { value, action, description: text } of options) {
			expect(action).toEqual(expect.any(String));
			expect(text).toEqual(expect.any(String));
			expect(typeof trackingOperations[value as keyof typeof trackingOperations].execute).toBe(
				'function',
			);
		}
	});

	test('every parameter has a description for people and AI agents to fill it', () => {
		const missing = description.properties
			.filter(({ type, name }) => type !== 'notice' && !['resource', 'operation'].includes(name))
			.filter(({ description: text }) => !text)
			.map(({ name }) => name);
		expect(missing).toEqual([]);
	});
});
