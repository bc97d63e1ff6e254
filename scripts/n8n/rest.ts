import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { N8nRuntime } from './runtime';

/**
 * A signed-in session on a running n8n's REST API (what the editor calls): activating and
 * deactivating workflows, reading executions. What differs between n8n versions (routes, bodies,
 * how execution data is serialised) is kept here.
 */

/** An execution as n8n's executions list gives it. */
export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

/** The items each node output in an execution, by node name (first run, first output). */
export type ExecutionOutputs = Record<string, Array<Record<string, unknown>>>;

export class N8nRestSession {
	private constructor(
		private readonly url: string,
		private readonly runtime: N8nRuntime,
		private readonly cookie: string,
		// n8n binds the session cookie to the browser ID it was issued for.
		private readonly browserId: string,
	) {}

	/** Signs in as the given user (POST /rest/login, as the sign-in page does). */
	static async signIn(
		url: string,
		runtime: N8nRuntime,
		user: { email: string; password: string },
	): Promise<N8nRestSession> {
		const browserId = randomUUID();
		const response = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify({ emailOrLdapLoginId: user.email, password: user.password }),
		});
		if (!response.ok) {
			throw new Error(`Signing in to n8n failed: ${response.status} ${await response.text()}`);
		}
		const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		return new N8nRestSession(url, runtime, cookie, browserId);
	}

	/** A REST call; returns `data` of n8n's answer, or throws with n8n's message. */
	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: {
				cookie: this.cookie,
				'browser-id': this.browserId,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`n8n answered ${response.status} to ${method} ${path}: ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/**
	 * Activates (publishes) a workflow's current version, as the editor's Publish button does
	 * (n8n 2.x: POST /rest/workflows/:id/activate with the version ID). Resolves once n8n has run
	 * the triggers' activation, or throws with n8n's message (e.g. a trigger's create failed).
	 */
	async activateWorkflow(workflowId: string): Promise<void> {
		const { versionId } = await this.request<{ versionId: string }>(
			'GET',
			`/workflows/${workflowId}`,
		);
		await this.request('POST', `/workflows/${workflowId}/activate`, { versionId });
	}

	/** Deactivates (unpublishes) a workflow: n8n runs its triggers' delete hooks. */
	async deactivateWorkflow(workflowId: string): Promise<void> {
		await this.request('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	/** The workflow's executions, newest first (up to 100). */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { results } = await this.request<{ results: ExecutionSummary[] }>(
			'GET',
			`/executions?filter=${filter}&limit=100`,
		);
		return results;
	}

	/** What each node of an execution output. n8n stores run data serialised with `flatted`. */
	async executionOutputs(executionId: string): Promise<ExecutionOutputs> {
		const execution = await this.request<{ data: unknown }>('GET', `/executions/${executionId}`);
		const data = (
			typeof execution.data === 'string' ? this.flatted().parse(execution.data) : execution.data
		) as {
			resultData: {
				runData: Record<
					string,
					Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
				>;
			};
		};
		return Object.fromEntries(
			Object.entries(data.resultData.runData).map(([node, runs]) => [
				node,
				(runs[0]?.data?.main[0] ?? []).map(({ json }) => json),
			]),
		);
	}

	/** The `flatted` of the n8n being run: the serialisation of its execution data. */
	private flatted(): { parse(text: string): unknown } {
		const require = createRequire(join(this.runtime.dir, 'package.json'));
		return require('flatted') as { parse(text: string): unknown };
	}
}
