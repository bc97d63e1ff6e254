import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useCollector } from '../harness/collector';
import { outputJson, profileRequests, runProfile } from './helpers';

/**
 * Bad input: a clear error naming the item, the field and what was expected, before anything is
 * sent (a parameter the items share fails on the first item).
 */
const collector = useCollector();
const GOOD = { idType: 'user_id', idValue: '101' };

test.each<[string, INodeParameters, IDataObject, string]>([
	[
		'an empty identifier value',
		{ operation: 'getTraits' },
		{ idType: 'email', idValue: '  ' },
		'Item 1, field "Identifier Value" (idValue): must not be empty',
	],
	[
		'an object as identifier value',
		{ operation: 'getTraits' },
		{ idType: 'email', idValue: { a: 1 } },
		'Item 1, field "Identifier Value" (idValue): expected text or a number; got an object',
	],
	[
		'an identifier type with a colon',
		{ operation: 'getTraits' },
		{ idType: 'email:x', idValue: 'a' },
		'Item 1, field "Identifier Type" (idType): expected an external ID type such as user_id, email, anonymous_id or group_id (letters, digits, "_", "." and "-"); got "email:x"',
	],
	[
		'no trait named',
		{ operation: 'getTraits', traitsToGet: 'selected', traitNames: ' , ' },
		GOOD,
		'Item 0, field "Trait Names" (traitNames): name at least one trait, separated by commas (e.g. plan,first_name)',
	],
	[
		'a limit of 0',
		{ operation: 'getEvents', limit: 0 },
		GOOD,
		'Item 0, field "Limit" (limit): expected a whole number of 1 or more; got 0',
	],
	[
		'a start without a timezone',
		{ operation: 'getEvents', returnAll: true, options: { start: '2024-05-01 10:00' } },
		GOOD,
		'Item 0, field "Start" (options.start): expected an ISO-8601 date-time with a timezone, like 2024-05-01T00:00:00Z; got "2024-05-01 10:00"',
	],
	[
		'an end before the start',
		{
			operation: 'getEvents',
			returnAll: true,
			options: { start: '2024-05-02T00:00:00Z', end: '2024-05-01T00:00:00Z' },
		},
		GOOD,
		'Item 0, field "End" (options.end): must not be before Start (2024-05-02T00:00:00Z); got "2024-05-01T00:00:00Z"',
	],
])('%s fails before anything is sent', async (_case, parameters, badItem, message) => {
	const result = await runProfile(collector(), parameters, { items: [GOOD, badItem, GOOD] });
	expect(result.error?.message).toBe(message);
	expect(profileRequests(collector())).toEqual([]);
});

test('with Continue On Fail, the bad item is an error item and the others are looked up', async () => {
	const result = await runProfile(
		collector(),
		{ operation: 'getTraits', traitsToGet: 'selected', traitNames: 'plan' },
		{ items: [GOOD, { idType: 'email', idValue: '' }, GOOD], continueOnFail: true },
	);
	expect(outputJson(result)).toEqual([
		{ plan: 'pro' },
		{
			error: 'Item 1, field "Identifier Value" (idValue): must not be empty',
			itemIndex: 1,
			field: 'idValue',
		},
		{ plan: 'pro' },
	]);
	expect(result.output().map(({ pairedItem }) => pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
	]);
	expect(profileRequests(collector())).toHaveLength(2);
});
