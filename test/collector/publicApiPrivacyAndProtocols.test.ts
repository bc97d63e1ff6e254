import { DeletionAndSuppressionApi, TrackingPlansApi } from '@segment/public-api-sdk-typescript';

import { PUBLIC_API_TOKEN, useCollector } from '../harness/collector';

/**
 * The collector answers Deletion and Suppression and Tracking Plans as Segment does: its limits
 * (5,000 subject IDs and 4 MB per call, 200 rules per call, 600 creates and 200 rule reads a
 * minute, each with a 429 that says how long to wait), regulations moving along, the 90 days
 * Segment keeps them, and the Protocols feature gate. Segment's official client reads its answers.
 */
const collector = useCollector();
const state = () => collector().publicApiState;

/** The parts of the answers these tests read: a list of regulations, or Segment's errors. */
interface Answer {
	data: { regulations: Array<{ id: string }> };
	errors: Array<{ type: string; message: string; data: { msBeforeNext: number } }>;
}

async function call(method: string, path: string, body?: unknown) {
	const response = await fetch(`${collector().publicApiBaseUrl}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${PUBLIC_API_TOKEN}`,
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Answer,
	};
}

const regulation = (subjectIds: string[]) => ({
	regulationType: 'SUPPRESS_WITH_DELETE',
	subjectType: 'USER_ID',
	subjectIds,
});
const ids = (count: number, prefix = 'u') =>
	Array.from({ length: count }, (_, n) => `${prefix}${n}`);
const sdk = <T extends { accessToken: string | (() => string) }>(
	Api: new (base: string) => T,
): T => {
	const api = new Api(collector().publicApiBaseUrl);
	api.accessToken = PUBLIC_API_TOKEN;
	return api;
};

describe('regulations', () => {
	test('5,000 subject IDs are taken; 5,001 get 422; a body over 4 MB gets 413', async () => {
		expect((await call('POST', '/regulations', regulation(ids(5000)))).status).toBe(200);
		const tooMany = await call('POST', '/regulations', regulation(ids(5001)));
		expect(tooMany).toMatchObject({
			status: 422,
			body: {
				errors: [
					{
						type: 'validation',
						message: 'subjectIds must contain less than or equal to 5000 items',
						field: 'subjectIds',
					},
				],
			},
		});
		const tooLarge = await call('POST', '/regulations', regulation(ids(4000, 'x'.repeat(1000))));
		expect(tooLarge.status).toBe(413);
	});

	test("600 creates a minute: past the limit a 429 with Segment's msBeforeNext and the X-RateLimit headers", async () => {
		state().rateLimits.regulationCreate = { requests: 2, windowMs: 60_000 };
		const first = await call('POST', '/regulations', regulation(['a']));
		expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
		await call('POST', '/regulations/sources/qQEHquLrjRDN9j1ByrChyn', regulation(['b']));
		const limited = await call('POST', '/regulations', regulation(['c']));
		expect(limited.status).toBe(429);
		expect(limited.body.errors[0]).toMatchObject({
			type: 'too-many-requests',
			data: { msBeforeNext: expect.any(Number) },
		});
		expect(limited.body.errors[0].data.msBeforeNext).toBeGreaterThan(59_000);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(Date.parse(limited.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
		expect(state().regulations.filter(({ subjectIds }) => subjectIds[0] === 'c')).toEqual([]);
	});

	test('a new regulation is INITIALIZED, then RUNNING, then FINISHED; the official client reads it', async () => {
		state().regulationStepMs = 60_000;
		const created = await sdk(DeletionAndSuppressionApi).createWorkspaceRegulation(
			regulation(['user-1']) as never,
		);
		const regulateId = created.body.data?.regulateId as string;
		const read = async () =>
			(await sdk(DeletionAndSuppressionApi).getRegulation(regulateId)).body.data?.regulation;
		expect((await read())?.overallStatus).toBe('INITIALIZED');
		const stored = state().regulations.find(({ id }) => id === regulateId)!;
		stored.createdAt = new Date(Date.now() - 90_000).toISOString();
		expect((await read())?.overallStatus).toBe('RUNNING');
		stored.createdAt = new Date(Date.now() - 130_000).toISOString();
		const finished = await read();
		expect(finished?.overallStatus).toBe('FINISHED');
		expect(finished?.finishedAt).toEqual(expect.any(String));
	});

	test('regulations older than 90 days are neither listed nor found', async () => {
		const listed = await call('GET', '/regulations?pagination[count]=100');
		expect(listed.body.data.regulations.map(({ id }) => id)).not.toContain(
			'1kOldSuppress0000000000001',
		);
		expect((await call('GET', '/regulations/1kOldSuppress0000000000001')).status).toBe(404);
	});

	test('the list filters take the query as the official client writes it, and Segment’s docs (a comma list)', async () => {
		const viaSdk = await sdk(DeletionAndSuppressionApi).listWorkspaceRegulations(
			{ count: 10 },
			undefined,
			['SUPPRESS_ONLY'],
		);
		expect(viaSdk.body.data?.regulations.map(({ id }) => id)).toEqual([
			'1kSeedSuppress000000000001',
		]);
		const commas = await call(
			'GET',
			'/regulations?pagination.count=10&regulationTypes=SUPPRESS_ONLY,SUPPRESS_WITH_DELETE',
		);
		expect(commas.body.data.regulations).toHaveLength(2);
		expect((await call('GET', '/regulations?pagination.count=10&status=DONE')).status).toBe(422);
	});
});

describe('Tracking Plans', () => {
	const rules = (count: number) =>
		Array.from({ length: count }, (_, n) => ({
			type: 'TRACK',
			key: `E${n}`,
			version: 1,
			jsonSchema: {},
		}));
	const PLAN = 'tp_2Ul5HjMaqBiKkNHUsG8tEUNwQ9v';

	test('200 rules per call; 201 get Segment\'s "rules must contain less than or equal to 200 items"', async () => {
		expect((await call('PUT', `/tracking-plans/${PLAN}/rules`, { rules: rules(200) })).status).toBe(
			200,
		);
		const tooMany = await call('PATCH', `/tracking-plans/${PLAN}/rules`, { rules: rules(201) });
		expect(tooMany).toMatchObject({
			status: 422,
			body: {
				errors: [{ message: 'rules must contain less than or equal to 200 items', field: 'rules' }],
			},
		});
	});

	test('rule reads: 200 a minute, then 429', async () => {
		state().rateLimits.trackingPlanRulesRead = { requests: 1, windowMs: 60_000 };
		expect((await call('GET', `/tracking-plans/${PLAN}/rules?pagination[count]=10`)).status).toBe(
			200,
		);
		expect((await call('GET', `/tracking-plans/${PLAN}/rules?pagination[count]=10`)).status).toBe(
			429,
		);
		// Other Tracking Plan reads have the workspace's limit only.
		expect((await call('GET', `/tracking-plans/${PLAN}`)).status).toBe(200);
	});

	test('without Protocols every Tracking Plan route answers 403 saying what the workspace lacks; others still answer', async () => {
		state().features.protocols = false;
		for (const [method, path, body] of [
			['GET', '/tracking-plans?pagination[count]=10'],
			['POST', '/tracking-plans', { name: 'X', type: 'LIVE' }],
			['GET', `/tracking-plans/${PLAN}`],
			['GET', `/tracking-plans/${PLAN}/rules?pagination[count]=10`],
			['DELETE', `/tracking-plans/${PLAN}/sources?sourceId=qQEHquLrjRDN9j1ByrChyn`],
		] as Array<[string, string, unknown?]>) {
			expect(await call(method, path, body)).toMatchObject({
				status: 403,
				body: {
					errors: [
						{
							type: 'forbidden',
							message:
								'This workspace does not have the Protocols feature enabled. Please reach out to your customer success manager for more information.',
						},
					],
				},
			});
		}
		expect((await call('GET', '/sources/qQEHquLrjRDN9j1ByrChyn')).status).toBe(200);
		await expect(sdk(TrackingPlansApi).getTrackingPlan(PLAN)).rejects.toMatchObject({
			statusCode: 403,
		});
	});
});
