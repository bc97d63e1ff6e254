import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	EXAMPLE_CREDENTIAL,
	MCP_TOKEN_CREDENTIAL,
	mcpEndpointPath,
	readExample,
} from '../../scripts/n8n/examples';
import { freePort } from '../../scripts/n8n/instance';
import { npmCommand, npmEnv } from '../../scripts/n8n/npm';
import { REPO_ROOT } from '../../scripts/n8n/runtime';
import { e2eRuntime, e2eTarball } from './harness';
import { connectMcp } from './mcpClient';

/**
 * `npm start`, as the README's first command runs it: n8n comes up with the package, the
 * credential and the examples, the MCP server example active at the URL and with the token it
 * prints; the collector prints what it receives; Ctrl-C (SIGINT to the process group, as a
 * terminal sends it) stops everything; a second start reuses the state.
 */

const MCP_TOOL_COUNT = readExample('mcp-server.json').nodes.filter(({ type }) =>
	type.endsWith('.segmentTool'),
).length;

const stateDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-e2e-start-'));
let ports: { n8n: number; tracking: number };

afterAll(() => {
	if (!process.env.SEGMENT_E2E_KEEP) rmSync(stateDir, { recursive: true, force: true });
});

async function canListen(port: number): Promise<boolean> {
	const server = createServer();
	return await new Promise((resolve) => {
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

beforeAll(async () => {
	let tracking = await freePort();
	// The Public API listens on the next port, the Profile API on the one after.
	while (!(await canListen(tracking + 1)) || !(await canListen(tracking + 2)))
		tracking = await freePort();
	ports = { n8n: await freePort(), tracking };
});

/** Every `npm start` of this file: a failed test must not leave one running (or installing n8n). */
const started: NpmStart[] = [];

afterEach(async () => {
	for (const start of started.splice(0)) if (start.groupAlive()) await start.interrupt();
});

class NpmStart {
	readonly child: ChildProcess;

	output = '';

	readonly exited: Promise<number | null>;

	constructor() {
		const { command, prefixArgs } = npmCommand();
		const env = npmEnv({
			SEGMENT_START_DIR: stateDir,
			SEGMENT_START_TARBALL: e2eTarball(),
			N8N_PORT: String(ports.n8n),
			SEGMENT_COLLECTOR_PORT: String(ports.tracking),
		});
		delete env.NODE_ENV;
		// A process group of its own, so SIGINT reaches every process in it, as Ctrl-C does.
		this.child = spawn(command, [...prefixArgs, 'start'], {
			cwd: REPO_ROOT,
			env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
		started.push(this);
	}

	/** Whether any process of the group is still running. */
	groupAlive(): boolean {
		try {
			process.kill(-this.child.pid!, 0);
			return true;
		} catch {
			return false;
		}
	}

	async waitFor(text: string, timeoutMs = 180_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!this.output.includes(text)) {
			if (this.child.exitCode !== null)
				throw new Error(`npm start exited (${this.child.exitCode}):\n${this.output}`);
			if (Date.now() > deadline)
				throw new Error(`npm start did not print "${text}":\n${this.output}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Ctrl-C: SIGINT to the whole process group. Resolves once every process of the group is gone
	 * (npm itself exits at once on SIGINT; the script then stops n8n and the collector).
	 */
	async interrupt(): Promise<{ groupGone: boolean }> {
		const group = -this.child.pid!;
		process.kill(group, 'SIGINT');
		await this.exited;
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (!this.groupAlive()) return { groupGone: true };
			if (Date.now() > deadline) {
				process.kill(group, 'SIGKILL');
				return { groupGone: false };
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

async function signIn(url: string, output: string): Promise<string> {
	const [, email, password] = /Sign in: +(\S+) \/ (\S+)/.exec(output) ?? [];
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	expect(response.status).toBe(200);
	return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function restGet<T>(url: string, cookie: string): Promise<T> {
	const response = await fetch(url, { headers: { cookie } });
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: T }).data;
}

/** The MCP endpoint and token npm start printed. */
function printedMcp(output: string): { url: string; token: string } {
	const [, url] = /MCP server: +(\S+)/.exec(output) ?? [];
	const [, token] = /MCP token: +(\S+)/.exec(output) ?? [];
	expect({ url, token }).toEqual({ url: expect.any(String), token: expect.any(String) });
	return { url, token };
}

async function listening(port: number): Promise<boolean> {
	return !(await canListen(port));
}

test('starts n8n with the package, the credential and the examples; prints what Segment receives; Ctrl-C stops all', async () => {
	const start = new NpmStart();
	await start.waitFor('Ctrl-C stops n8n and the collector.');
	const editor = `http://127.0.0.1:${ports.n8n}`;
	// The n8n of this jest project (one per runtime), which npm start takes from SEGMENT_N8N_RUNTIME.
	expect(start.output).toContain(`n8n ${e2eRuntime().version} is running`);
	expect(start.output).toContain(`Editor:      ${editor}`);
	expect(start.output).toContain(`Tracking API http://127.0.0.1:${ports.tracking}/v1`);

	const cookie = await signIn(editor, start.output);
	const workflows = await restGet<Array<{ id: string; name: string }>>(
		`${editor}/rest/workflows`,
		cookie,
	);
	const crm = readExample('crm-signup.json');
	expect(workflows.map(({ id }) => id)).toContain(crm.id);
	const credentials = await restGet<Array<{ id: string; name: string; type: string }>>(
		`${editor}/rest/credentials`,
		cookie,
	);
	expect(credentials).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ ...EXAMPLE_CREDENTIAL, type: 'twilioSegmentApi' }),
			expect.objectContaining({ ...MCP_TOKEN_CREDENTIAL, type: 'httpBearerAuth' }),
		]),
	);
	expect(credentials).toHaveLength(2);
	const types = await fetch(`${editor}/types/nodes.json`, { headers: { cookie } }).then(
		async (response) => (await response.json()) as Array<{ name: string }>,
	);
	expect(types.map(({ name }) => name)).toContain('n8n-nodes-segment.segment');

	// What arrives at the collector is printed (and kept in the events file).
	const call = await fetch(`http://127.0.0.1:${ports.tracking}/v1/track`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Authorization: `Basic ${Buffer.from('wk_dummy_printed:').toString('base64')}`,
		},
		body: JSON.stringify({ userId: 'u-1', event: 'Printed Event', messageId: 'printed-1' }),
	});
	expect(call.status).toBe(200);
	await start.waitFor('Segment received track    printed-1');
	expect(readFileSync(join(stateDir, 'received-events.jsonl'), 'utf8')).toContain(
		'"messageId":"printed-1"',
	);

	// The MCP server example serves any MCP client at the URL, with the token, npm start printed.
	const { url: mcpUrl, token } = printedMcp(start.output);
	expect(mcpUrl).toBe(`${editor}${mcpEndpointPath(readExample('mcp-server.json'))}`);
	const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as {
		mcpToken: string;
	};
	expect(token).toBe(state.mcpToken);
	const mcp = await connectMcp(mcpUrl, { token });
	try {
		const tools = await mcp.listTools();
		expect(tools).toHaveLength(MCP_TOOL_COUNT);
		const tracked = await mcp.callTool('track', {
			event: 'Asked By An Agent',
			userId: 'u-mcp',
			properties: '{"via": "mcp"}',
			messageId: 'mcp-start-1',
		});
		expect(tracked.isError ?? false).toBe(false);
		await start.waitFor('Segment received track    mcp-start-1');
	} finally {
		await mcp.close();
	}
	await expect(connectMcp(mcpUrl)).rejects.toMatchObject({ code: 403 });

	expect(await start.interrupt()).toEqual({ groupGone: true });
	expect(start.output).toContain('Stopping n8n and the collector');
	expect(await listening(ports.n8n)).toBe(false);
	expect(await listening(ports.tracking)).toBe(false);
	expect(await listening(ports.tracking + 1)).toBe(false);
	expect(await listening(ports.tracking + 2)).toBe(false);
});

test('a second start keeps the state: the same sign-in and MCP token, the credentials not imported again', async () => {
	const first = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as {
		owner: { password: string };
		mcpToken: string;
	};
	const start = new NpmStart();
	await start.waitFor('Ctrl-C stops n8n and the collector.');
	expect(start.output).toContain(first.owner.password);
	expect(start.output).not.toContain('Installing n8n');
	const cookie = await signIn(`http://127.0.0.1:${ports.n8n}`, start.output);
	const credentials = await restGet<unknown[]>(
		`http://127.0.0.1:${ports.n8n}/rest/credentials`,
		cookie,
	);
	expect(credentials).toHaveLength(2);
	const { url: mcpUrl, token } = printedMcp(start.output);
	expect(token).toBe(first.mcpToken);
	const mcp = await connectMcp(mcpUrl, { token });
	expect(await mcp.listTools()).toHaveLength(MCP_TOOL_COUNT);
	await mcp.close();
	expect(await start.interrupt()).toEqual({ groupGone: true });
});
