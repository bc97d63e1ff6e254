import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { runNpm, type RunResult } from './npm';
import type { N8nRuntime } from './runtime';

/** A credential as `n8n import:credentials` takes it: plain data, which n8n encrypts. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The parts of an n8n workflow JSON this tooling reads. */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/** The run data `n8n execute --rawOutput` prints (IRun, as JSON). */
export interface ExecutionJson {
	status?: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					executionStatus?: string;
					data?: {
						main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null>;
					};
					error?: { message: string; description?: string | null };
				}>
			>;
			error?: { message: string; description?: string | null; name?: string; httpCode?: string };
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecuteResult {
	/** The CLI's exit code: 0 when the execution succeeded. */
	code: number;
	/** Everything the CLI printed, stdout then stderr. */
	output: string;
	/** The execution's run data, when the CLI printed it. */
	execution?: ExecutionJson;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Parses the first top-level JSON object the n8n CLI printed among its log lines. */
export function parseCliJson<T>(output: string): T | undefined {
	const lines = output.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start === -1) return undefined;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as T;
		} catch {
			// a nested line that happens to be a lone brace: keep looking
		}
	}
	return undefined;
}

/** The output items of a node's first run. */
export function nodeOutput(
	execution: ExecutionJson,
	nodeName: string,
): Array<Record<string, unknown>> {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`The node "${nodeName}" did not run`);
	return (runs[0].data?.main[0] ?? []).map(({ json }) => json);
}

export interface N8nInstanceOptions {
	runtime: N8nRuntime;
	/** N8N_USER_FOLDER: n8n keeps its database, settings and community packages in its `.n8n`. */
	userFolder: string;
	/** The editor's and REST API's port (`n8n start`). */
	port: number;
	/** The task runner broker's port: distinct for every n8n running at the same time. */
	brokerPort: number;
	/** N8N_ENCRYPTION_KEY; without it n8n generates one into the user folder. */
	encryptionKey?: string;
	/** More environment for n8n. */
	env?: NodeJS.ProcessEnv;
}

/**
 * One n8n user folder and the n8n CLI pointed at it: install this package the way n8n installs
 * community packages, import credentials and workflows, execute workflows, start the editor.
 * n8n only listens on 127.0.0.1, and every call-home feature that works offline is switched off.
 */
export class N8nInstance {
	readonly options: N8nInstanceOptions;

	/** Every `n8n start` of this instance, so that whoever removes the folder can stop them first. */
	private readonly started: RunningN8n[] = [];

	constructor(options: N8nInstanceOptions) {
		this.options = options;
		mkdirSync(this.nodesFolder, { recursive: true });
	}

	/** Creates an instance on free ports. */
	static async create(
		runtime: N8nRuntime,
		userFolder: string,
		options: Partial<Omit<N8nInstanceOptions, 'runtime' | 'userFolder'>> = {},
	): Promise<N8nInstance> {
		return new N8nInstance({
			runtime,
			userFolder,
			port: options.port ?? (await freePort()),
			brokerPort: options.brokerPort ?? (await freePort()),
			encryptionKey: options.encryptionKey ?? randomBytes(24).toString('hex'),
			env: options.env,
		});
	}

	/** n8n's own folder inside the user folder. */
	get n8nFolder(): string {
		return join(this.options.userFolder, '.n8n');
	}

	/** Where n8n installs community packages: an npm package of its own, `installed-nodes`. */
	get nodesFolder(): string {
		return join(this.n8nFolder, 'nodes');
	}

	get url(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	env(): NodeJS.ProcessEnv {
		const { userFolder, port, brokerPort, encryptionKey, env } = this.options;
		const inherited = { ...process.env };
		// Under jest, NODE_ENV is `test`, which switches n8n into its own unit-test mode (no nodes
		// loaded, executions that silently do nothing).
		if (inherited.NODE_ENV === 'test') delete inherited.NODE_ENV;
		delete inherited.JEST_WORKER_ID;
		return {
			...inherited,
			N8N_USER_FOLDER: userFolder,
			...(encryptionKey ? { N8N_ENCRYPTION_KEY: encryptionKey } : {}),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(port),
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			...this.options.runtime.env,
			...env,
		};
	}

	/**
	 * Installs a package tarball the way n8n's community-package installer leaves it: into the
	 * `installed-nodes` package in `.n8n/nodes`, without install scripts, bin links or a lockfile,
	 * and without peer dependencies (n8n provides n8n-workflow and its zod at run time). Nothing
	 * but the tarball is installed, so a missing `files` entry or a dev-only import breaks loading.
	 */
	async installPackage(tarball: string): Promise<void> {
		const manifest = join(this.nodesFolder, 'package.json');
		if (!existsSync(manifest)) {
			writeFileSync(
				manifest,
				`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
			);
		}
		await runNpm(
			[
				'install',
				tarball,
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--legacy-peer-deps',
			],
			{ cwd: this.nodesFolder },
		);
	}

	/** The packages in `.n8n/nodes/node_modules` (scoped ones as `@scope/name`). */
	installedPackages(): string[] {
		const modules = join(this.nodesFolder, 'node_modules');
		if (!existsSync(modules)) return [];
		return readdirSync(modules)
			.filter((entry) => !entry.startsWith('.'))
			.flatMap((entry) =>
				entry.startsWith('@')
					? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`)
					: [entry],
			)
			.sort();
	}

	/** Runs an n8n CLI command to its end. */
	async cli(args: string[]): Promise<RunResult> {
		const { command, args: prefix } = this.options.runtime;
		const child = spawn(command, [...prefix, ...args], {
			cwd: this.options.userFolder,
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const code = await new Promise<number>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', (exitCode) => resolve(exitCode ?? 1));
		});
		return { code, stdout, stderr };
	}

	private async cliOrThrow(args: string[]): Promise<RunResult> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} failed (exit code ${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		}
		return result;
	}

	private writeInput(name: string, content: unknown): string {
		const folder = join(this.options.userFolder, 'imports');
		mkdirSync(folder, { recursive: true });
		const path = join(folder, name);
		writeFileSync(path, JSON.stringify(content, null, 2));
		return path;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		const input = this.writeInput(`credentials-${Date.now()}.json`, credentials);
		await this.cliOrThrow(['import:credentials', `--input=${input}`]);
	}

	async importWorkflow(workflow: WorkflowJson): Promise<void> {
		const input = this.writeInput(`workflow-${workflow.id}.json`, workflow);
		await this.cliOrThrow(['import:workflow', `--input=${input}`]);
	}

	/** Imports several workflows with one `n8n import:workflow --separate` (one n8n start-up). */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		if (workflows.length === 0) return;
		const folder = join(this.options.userFolder, 'imports', `workflows-${Date.now()}`);
		mkdirSync(folder, { recursive: true });
		for (const workflow of workflows) {
			writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		}
		await this.cliOrThrow(['import:workflow', '--separate', `--input=${folder}`]);
	}

	/**
	 * Makes an imported workflow active from the next `n8n start` on: n8n 2.x activates workflows by
	 * publishing them (`update:workflow --active` is deprecated).
	 */
	async publishWorkflow(workflowId: string): Promise<void> {
		await this.cliOrThrow(['publish:workflow', `--id=${workflowId}`]);
	}

	/** `n8n execute --id=… --rawOutput`: runs an imported workflow from its Manual Trigger. */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const { code, stdout, stderr } = await this.cli([
			'execute',
			`--id=${workflowId}`,
			'--rawOutput',
		]);
		return { code, output: `${stdout}\n${stderr}`, execution: parseCliJson<ExecutionJson>(stdout) };
	}

	/** Stops every `n8n start` of this instance still running (n8n writes into its folder until then). */
	async stopAll(): Promise<void> {
		await Promise.all(this.started.map(async (running) => await running.stop()));
	}

	/** `n8n start`: the editor and REST API, resolved once both answer. */
	async start(
		options: { onOutput?: (text: string) => void; timeoutMs?: number } = {},
	): Promise<RunningN8n> {
		const { command, args } = this.options.runtime;
		const child = spawn(command, [...args, 'start'], {
			cwd: this.options.userFolder,
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const running = new RunningN8n(child, this.url);
		this.started.push(running);
		const forward = (chunk: Buffer): void => {
			running.output += chunk.toString();
			options.onOutput?.(chunk.toString());
		};
		child.stdout?.on('data', forward);
		child.stderr?.on('data', forward);
		await running.waitUntilReady(options.timeoutMs ?? 120_000);
		return running;
	}
}

/** A running `n8n start`. */
export class RunningN8n {
	output = '';

	private readonly exited: Promise<number | null>;

	constructor(
		readonly child: ChildProcess,
		readonly url: string,
	) {
		this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
	}

	async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let exitCode: number | null | undefined;
		void this.exited.then((code) => (exitCode = code));
		while (Date.now() < deadline) {
			if (exitCode !== undefined) {
				throw new Error(`n8n exited with code ${exitCode} before it was ready:\n${this.output}`);
			}
			try {
				// Readiness answers before the REST API's routes exist; the settings route comes last.
				const ready = await fetch(`${this.url}/healthz/readiness`);
				const settings = ready.ok ? await fetch(`${this.url}/rest/settings`) : undefined;
				if (settings?.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n was not ready after ${timeoutMs} ms:\n${this.output}`);
	}

	/**
	 * Waits until an active workflow's webhook answers at `path` (e.g. `/mcp/segment`): n8n
	 * registers the webhooks of active workflows after its REST API is up, and answers 404 until
	 * then. The request carries no credentials, so a protected webhook answers 401 or 403 once it
	 * is there.
	 */
	async waitForWebhook(path: string, timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetch(`${this.url}${path}`, { method: 'GET' });
			await response.body?.cancel();
			if (response.status !== 404) return;
			if (Date.now() > deadline) {
				throw new Error(
					`n8n did not register a webhook at ${path} in ${timeoutMs} ms:\n${this.output}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Creates the instance owner through n8n's REST API (what the first visit's setup form does),
	 * so the editor can be signed in to.
	 */
	async setUpOwner(owner: {
		email: string;
		password: string;
		firstName: string;
		lastName: string;
	}): Promise<void> {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!response.ok) {
			throw new Error(
				`Setting up the n8n owner failed: ${response.status} ${await response.text()}`,
			);
		}
	}

	/** Stops n8n (SIGTERM, then SIGKILL after `graceMs`) and waits for it to exit. */
	async stop(graceMs = 20_000): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
	}
}

/** Reads a workflow JSON file. */
export function readWorkflow(path: string): WorkflowJson {
	return JSON.parse(readFileSync(path, 'utf8')) as WorkflowJson;
}
