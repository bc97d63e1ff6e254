import { PROFILE_SPACE_ID, TRICKY_IDENTIFIERS } from '../../collector';
import {
	basicAuthFor,
	collectorCredentials,
	PROFILE_API_TOKEN,
	useCollector,
} from '../harness/collector';
import { outputJson, profilePath, profileRequests, runProfile } from './helpers';

/**
 * The identifier is one path segment, `type:value`, each part percent-encoded; the collector
 * decodes it as Segment's Profile API does (a form value: a raw `+` is a space, a stray `%` is
 * refused). Every character below must survive the trip: a wrong encoding does not find the
 * profile.
 */
const collector = useCollector();

test.each(Object.entries(TRICKY_IDENTIFIERS))(
	'%s "%s" reaches Segment intact and finds its profile',
	async (idType, idValue) => {
		const output = outputJson(
			await runProfile(
				collector(),
				{ operation: 'getTraits', traitsToGet: 'selected', traitNames: 'name' },
				{ items: [{ idType, idValue }] },
			),
		);
		expect(output).toEqual([{ name: 'Zoë Ünicode' }]);
		const [request] = profileRequests(collector());
		expect(request.path).toBe(
			profilePath('users', `${idType}:${encodeURIComponent(idValue)}`, 'traits'),
		);
	},
);

test('the encoded forms, character by character: + @ space / % ? # & = and Unicode', () => {
	// What the collector receives for the e-mail and the CRM ID above (see the test before).
	expect(encodeURIComponent(TRICKY_IDENTIFIERS.email)).toBe(
		'zo%C3%AB%2Bnews%40b%C3%BCcher.example',
	);
	expect(encodeURIComponent(TRICKY_IDENTIFIERS.crm_id)).toBe(
		'ACME%2F42%2050%25%20off%20%2B%20more%3F%23%26%3D',
	);
});

test('an e-mail with a + (the classic failure) and a numeric user ID from the item', async () => {
	const output = outputJson(
		await runProfile(
			collector(),
			{ operation: 'getTraits', traitsToGet: 'selected', traitNames: 'name' },
			{
				items: [
					{ idType: 'email', idValue: 'alan+crm@example.com' },
					{ idType: 'user_id', idValue: 103 },
				],
			},
		),
	);
	expect(output).toEqual([{ name: 'Alan Turing' }, { name: 'Grace Hopper' }]);
	expect(profileRequests(collector()).map(({ path }) => path)).toEqual([
		profilePath('users', 'email:alan%2Bcrm%40example.com', 'traits'),
		profilePath('users', 'user_id:103', 'traits'),
	]);
});

describe('the collector decodes as Segment does, so a wrong encoding fails', () => {
	const get = async (identifier: string) => {
		const { profileApiBaseUrl } = collectorCredentials(collector());
		const response = await fetch(
			`${profileApiBaseUrl as string}/v1/spaces/${PROFILE_SPACE_ID}/collections/users/profiles/${identifier}/traits`,
			{ headers: { Authorization: basicAuthFor(PROFILE_API_TOKEN) } },
		);
		return { status: response.status, body: (await response.json()) as unknown };
	};

	test('a raw + arrives as a space: not found', async () => {
		expect(await get('email:alan+crm%40example.com')).toEqual({
			status: 404,
			body: { error: { code: 'not_found', message: 'Profile was not found.' } },
		});
		expect((await get('email:alan%2Bcrm%40example.com')).status).toBe(200);
	});

	test('a raw % is refused; an unencoded / is another route', async () => {
		expect(await get('crm_id:50%off')).toEqual({
			status: 400,
			body: {
				error: {
					code: 'validation_error',
					message: 'The parameter `id` is not a valid URL-encoded value',
				},
			},
		});
		const slash = await fetch(
			`${collectorCredentials(collector()).profileApiBaseUrl as string}/v1/spaces/${PROFILE_SPACE_ID}/collections/users/profiles/crm_id:ACME/42/traits`,
			{ headers: { Authorization: basicAuthFor(PROFILE_API_TOKEN) } },
		);
		expect(slash.status).toBe(404);
	});
});
