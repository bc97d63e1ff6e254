import type { IDataObject } from 'n8n-workflow';

import crmSignup from '../fixtures/crm-signup.workflow.json';
import { collectorCredentials, useCollector } from '../harness/collector';
import { executeWorkflow, SEGMENT_CREDENTIAL, type WorkflowJson } from '../harness/engine';

const collector = useCollector();

test('a CRM sign-up workflow (Identify → Track → Group) sends three calls per person, each from its own item', async () => {
	const result = await executeWorkflow(crmSignup as unknown as WorkflowJson, {
		[SEGMENT_CREDENTIAL]: collectorCredentials(collector()),
	});
	expect(result.error).toBeUndefined();

	const summary = collector().received.map(({ message }) => {
		const { type, userId, traits, event, properties, groupId, messageId } = message as IDataObject;
		return type === 'identify'
			? { type, userId, traits }
			: type === 'track'
				? { type, userId, event, properties, messageId }
				: { type, userId, groupId, traits };
	});
	const byType = (type: string) => summary.filter((entry) => entry.type === type);
	expect(byType('identify')).toEqual(
		expect.arrayContaining([
			{
				type: 'identify',
				userId: '101',
				traits: { email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro' },
			},
			{
				type: 'identify',
				userId: '102',
				traits: { email: 'alan@example.com', name: 'Alan Turing', plan: 'team' },
			},
			{
				type: 'identify',
				userId: '103',
				traits: { email: 'grace@example.com', name: 'Grace Hopper', plan: 'free' },
			},
		]),
	);
	expect(byType('track')).toEqual(
		expect.arrayContaining([
			{
				type: 'track',
				userId: '101',
				event: 'Signed Up',
				properties: { plan: 'pro', seats: 3 },
				messageId: 'signup-101',
			},
			{
				type: 'track',
				userId: '102',
				event: 'Signed Up',
				properties: { plan: 'team', seats: 12 },
				messageId: 'signup-102',
			},
			{
				type: 'track',
				userId: '103',
				event: 'Signed Up',
				properties: { plan: 'free', seats: 1 },
				messageId: 'signup-103',
			},
		]),
	);
	expect(byType('group')).toEqual(
		expect.arrayContaining([
			{
				type: 'group',
				userId: '101',
				groupId: 'analytical-engines',
				traits: { name: 'Analytical Engines', seats: 3 },
			},
			{
				type: 'group',
				userId: '102',
				groupId: 'bletchley',
				traits: { name: 'Bletchley Park', seats: 12 },
			},
			{ type: 'group', userId: '103', groupId: 'navy', traits: { name: 'US Navy', seats: 1 } },
		]),
	);
	expect(summary).toHaveLength(9);
	expect(result.output('Group').map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
	]);
});
