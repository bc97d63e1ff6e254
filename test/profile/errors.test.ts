import {
	closedPort,
	collectorCredentials,
	PROFILE_API_TOKEN,
	useCollector,
} from '../harness/collector';
import { profileRequests, runProfile } from './helpers';

/**
 * Profile API failures worded by Segment's error code (authentication_error, not_found,
 * validation_error, rate_limit_error) or, without one, by who answered; missing parts of the
 * credential named before anything is sent. Secrets never show: test/secrets.test.ts.
 */
const collector = useCollector({ profileApiTokens: [PROFILE_API_TOKEN] });
const TRAITS = { operation: 'getTraits', options: { maxRetries: 2, retryDelay: 1 } };
const run = async (credentials = collectorCredentials(collector())) =>
	await runProfile(collector(), TRAITS, { credentials });
const tokenMessage = (space: string) =>
	`Segment rejected the Profile API Access Token for space ${space} (401 authentication_error): check that it is complete and not revoked, that the Space ID is the space it was generated in, and that Region matches the workspace`;

test('a wrong access token: authentication_error, named, not retried', async () => {
	const result = await run(collectorCredentials(collector(), { profileApiToken: 'pat_revoked_1' }));
	expect(result.error).toMatchObject({
		message: tokenMessage('spa_local_collector'),
		httpCode: '401',
	});
	expect(result.error?.description).toBe(
		`Generate a token in Unify › Unify settings › API access and copy the space ID shown there. Segment said: "Failure to properly authenticate yourself in the request.". GET ${collector().profileApiBaseUrl}/v1/spaces/spa_local_collector/collections/users/profiles/user_id:101/traits`,
	);
	expect(profileRequests(collector())).toHaveLength(1);
});

test('a Space ID the token does not belong to: the same, naming the space', async () => {
	const result = await run(collectorCredentials(collector(), { spaceId: 'spa_someone_else' }));
	expect(result.error?.message).toBe(tokenMessage('spa_someone_else'));
	expect(profileRequests(collector())[0].path).toMatch(/^\/v1\/spaces\/spa_someone_else\//);
});

test("validation_error: Segment's own words", async () => {
	collector().injectFault({
		api: 'profileApi',
		respond: {
			status: 400,
			body: {
				error: {
					code: 'validation_error',
					message: 'The parameter `collection` has invalid character(s) `!`',
				},
			},
		},
	});
	expect((await run()).error?.message).toBe(
		'Segment refused the request (400 validation_error): The parameter `collection` has invalid character(s) `!`',
	);
});

test('a server error is retried (a read may be repeated); one that persists says so', async () => {
	collector().injectFault({
		api: 'profileApi',
		respond: { status: 503, body: { error: { code: 'unavailable', message: 'try later' } } },
	});
	expect((await run()).error).toBeUndefined();
	expect(profileRequests(collector()).map(({ status }) => status)).toEqual([503, 200]);
	collector().reset();
	collector().injectFault({
		api: 'profileApi',
		times: 3,
		respond: { status: 500, body: '<html>Internal Server Error</html>' },
	});
	expect((await run()).error?.message).toBe(
		"Segment's Profile API failed on its side (500): try again later (after 3 attempts)",
	);
});

test('the access token or the Space ID missing: named before anything is sent', async () => {
	const noToken = await run(collectorCredentials(collector(), { profileApiToken: '' }));
	expect(noToken.error).toMatchObject({
		message: 'The Segment credential has no Profile API Access Token, which profile lookups need',
		description:
			'Add a Profile API access token and its Space ID to the credential: in Segment, open Unify › Unify settings › API access, generate a token and copy the space ID shown there.',
	});
	const noSpace = await run(collectorCredentials(collector(), { spaceId: ' ' }));
	expect(noSpace.error?.message).toBe(
		'The Segment credential has no Space ID, which profile lookups need with the token',
	);
	const doubled = await run(
		collectorCredentials(collector(), {
			profileApiBaseUrl: `${collector().profileApiBaseUrl}/v1/`,
		}),
	);
	expect(doubled.error?.message).toBe(
		'The Profile API Base URL ends in /v1, which the node adds itself',
	);
	expect(collector().requests).toEqual([]);
});

test("base URLs overlapping so that a profile request would go out as another API's: not sent", async () => {
	const base = collector().profileApiBaseUrl;
	const result = await run(
		collectorCredentials(collector(), {
			profileApiBaseUrl: base,
			publicApiBaseUrl: `${base}/v1/spaces`,
		}),
	);
	expect(result.error?.message).toBe(
		`The credential's base URLs overlap: this Segment Profile API request (${base}/v1/spaces/spa_local_collector/collections/users/profiles/user_id:101/traits) falls under the Segment Public API's base URL, so it was not sent`,
	);
	expect(collector().requests).toEqual([]);
});

test('nothing listening: "Could not reach the Segment Profile API"', async () => {
	const result = await run(
		collectorCredentials(collector(), {
			profileApiBaseUrl: `http://127.0.0.1:${await closedPort()}`,
		}),
	);
	expect(result.error?.message).toMatch(/^Could not reach the Segment Profile API: /);
});
