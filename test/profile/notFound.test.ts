import { useCollector } from '../harness/collector';
import { outputJson, runProfile } from './helpers';

/**
 * "No profile for this identifier" is Segment's 404 `not_found`. By default it fails the item like
 * any error; with the option Output Not Found as Item it is an item saying so, paired to its
 * input, so a lead-routing workflow can branch on it. Any other 404 stays an error.
 */
const collector = useCollector();
const ITEMS = [
	{ idType: 'email', idValue: 'ada@example.com' },
	{ idType: 'email', idValue: 'nobody+lead@example.com' },
	{ idType: 'email', idValue: 'grace@example.com' },
];
const TRAITS = { operation: 'getTraits', traitsToGet: 'selected', traitNames: 'plan' };
const MESSAGE =
	'No user profile has the identifier email:nobody+lead@example.com in space spa_local_collector (404 not_found)';

test('by default, a missing profile stops the node with a message naming the identifier', async () => {
	const result = await runProfile(collector(), TRAITS, { items: ITEMS });
	expect(result.error).toMatchObject({ message: MESSAGE, httpCode: '404' });
	expect(result.error?.description).toContain('Output Not Found as Item');
});

test('with Continue On Fail, it is an error item in its place', async () => {
	const result = await runProfile(collector(), TRAITS, { items: ITEMS, continueOnFail: true });
	expect(outputJson(result)).toEqual([
		{ plan: 'pro' },
		expect.objectContaining({ error: MESSAGE, itemIndex: 1, httpCode: '404' }),
		{ plan: 'free' },
	]);
});

test.each([
	['getTraits', TRAITS],
	['getExternalIds', { operation: 'getExternalIds', returnAll: true }],
	['getEvents', { operation: 'getEvents', returnAll: true }],
	['getMetadata', { operation: 'getMetadata' }],
	['getLinks', { operation: 'getLinks', returnAll: true }],
])(
	'%s with Output Not Found as Item: one item saying so, paired to its input',
	async (_name, parameters) => {
		const result = await runProfile(
			collector(),
			{ ...parameters, options: { outputNotFound: true } },
			{ items: [ITEMS[1]] },
		);
		expect(outputJson(result)).toEqual([
			{
				notFound: true,
				collection: 'users',
				identifier: 'email:nobody+lead@example.com',
				message: MESSAGE,
			},
		]);
		expect(result.output()[0].pairedItem).toEqual({ item: 0 });
	},
);

test('the found items around it are unchanged', async () => {
	const output = outputJson(
		await runProfile(
			collector(),
			{ ...TRAITS, options: { outputNotFound: true } },
			{ items: ITEMS },
		),
	);
	expect(output).toEqual([
		{ plan: 'pro' },
		expect.objectContaining({ notFound: true }),
		{ plan: 'free' },
	]);
});

test('a 404 that is not Segment saying "no such profile" is still an error', async () => {
	collector().injectFault({
		api: 'profileApi',
		respond: { status: 404, body: '404 page not found\n' },
	});
	const result = await runProfile(
		collector(),
		{ ...TRAITS, options: { outputNotFound: true } },
		{ items: [ITEMS[0]] },
	);
	expect(result.error?.message).toBe(
		'The Profile API request was answered 404 by something other than Segment (no Segment error in the answer): check Region, the Profile API Base URL and any proxy between n8n and Segment',
	);
});
