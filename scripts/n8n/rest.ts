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

/** n8n 2.41's GET /rest/workflows/:id/publication-status (WorkflowPublicationStatusService). */
interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
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
		const response = await this.send(method, path, body);
		const text = await response.text();
		if (!response.ok)
			throw new Error(`n8n answered ${response.status} to ${method} ${path}: ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	private async send(method: string, path: string, body?: unknown): Promise<Response> {
		return await fetch(`${this.url}/rest${path}`, {
			method,
			headers: {
				cookie: this.cookie,
				'browser-id': this.browserId,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	/**
	 * n8n 2.41 publishes and unpublishes through an outbox that main works off after it has
	 * answered (its workflow publication service, on by default), and reports the outcome at
	 * GET /rest/workflows/:id/publication-status. n8n 2.8 has no such route: it runs the triggers'
	 * activation and deactivation before it answers. Waits until no publication of the workflow is
	 * in progress; its status, or undefined on an n8n without one.
	 */
	private async settledPublication(workflowId: string): Promise<PublicationStatus | undefined> {
		const path = `/workflows/${workflowId}/publication-status`;
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await this.send('GET', path);
			if (response.status === 404) {
				await response.body?.cancel();
				return undefined;
			}
			const text = await response.text();
			if (!response.ok) throw new Error(`n8n answered ${response.status} to GET ${path}: ${text}`);
			const { data } = JSON.parse(text) as { data: PublicationStatus };
			if (data.status !== 'in_progress') return data;
			if (Date.now() > deadline) {
				throw new Error(
					`n8n's publication of workflow ${workflowId} is still in progress after 60 s`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
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
		const publication = await this.settledPublication(workflowId);
		if (publication && publication.status !== 'published') {
			throw new Error(
				`n8n could not publish workflow ${workflowId} (${publication.status}): ${publication.triggers
					.map(({ errorMessage }) => errorMessage)
					.filter(Boolean)
					.join('; ')}`,
			);
		}
	}

	/**
	 * Deactivates (unpublishes) a workflow; resolves once n8n has run its triggers' delete hooks.
	 */
	async deactivateWorkflow(workflowId: string): Promise<void> {
		await this.request('POST', `/workflows/${workflowId}/deactivate`, {});
		const publication = await this.settledPublication(workflowId);
		if (publication && publication.status !== 'not_published') {
			throw new Error(
				`n8n could not unpublish workflow ${workflowId}: its publication status is ${publication.status}`,
			);
		}
	}

	/** The workflow as n8n's REST API gives it to the editor, its static data included. */
	async workflow(workflowId: string): Promise<{ staticData?: unknown } & Record<string, unknown>> {
		return await this.request('GET', `/workflows/${workflowId}`);
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
