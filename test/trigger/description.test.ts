import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { SegmentTrigger } from '../../nodes/Segment/SegmentTrigger.node.ts';

/**
 * The trigger follows n8n's trigger conventions (name and display name with Trigger, no inputs,
 * not an AI tool, a complete webhook lifecycle) and ships in the build package.json lists.
 */
const { description, webhookMethods, methods } = new SegmentTrigger();
const root = join(__dirname, '..', '..');

test('a trigger as n8n expects one: named so, no inputs, one POST webhook answered on receipt', () => {
	expect(description).toMatchObject({
		name: 'segmentTrigger',
		displayName: 'Segment Trigger',
		group: ['trigger'],
		inputs: [],
		outputs: ['main'],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
	});
	expect(description.usableAsTool).toBeUndefined();
	expect(Object.keys(webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	expect(Object.keys(methods.listSearch)).toEqual(['searchSources']);
});

test('the credential is asked for only by Automatic setup', () => {
	expect(description.credentials).toEqual([
		{
			name: 'twilioSegmentApi',
			required: true,
			displayOptions: { show: { setup: ['automatic'] } },
		},
	]);
});

test('every parameter and option has a description', () => {
	const missing = (properties: INodeProperties[]): string[] =>
		properties.flatMap((property) => [
			...(property.type !== 'notice' && !property.description ? [property.name] : []),
			...missing(
				(property.options ?? []).filter((option): option is INodeProperties => 'type' in option),
			),
		]);
	expect(missing(description.properties)).toEqual([]);
});

test('the build has it where package.json says', async () => {
	const { n8n } = (await import(join(root, 'package.json'))) as { n8n: { nodes: string[] } };
	const path = n8n.nodes.find((node) => node.endsWith('SegmentTrigger.node.js'));
	expect(path).toBe('dist/nodes/Segment/SegmentTrigger.node.js');
	const built = (await import(join(root, path!))) as { SegmentTrigger: new () => SegmentTrigger };
	expect(new built.SegmentTrigger().description.name).toBe('segmentTrigger');
});
