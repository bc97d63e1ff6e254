import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/**
 * A long-running child process (n8n, Redis, Postgres): its output kept for waits and error
 * messages, a wait for it to be ready, and a stop that waits for it to be gone.
 */
export class RunningProcess {
	output = '';

	readonly exited: Promise<number | null>;

	private exitCode: number | null | undefined;

	constructor(
		/** What it is, for error messages (`n8n worker 1`, `redis-server`). */
		readonly label: string,
		readonly child: ChildProcess,
		options: { onOutput?: (text: string) => void } = {},
	) {
		const forward = (chunk: Buffer): void => {
			const text = chunk.toString();
			this.output += text;
			options.onOutput?.(text);
		};
		child.stdout?.on('data', forward);
		child.stderr?.on('data', forward);
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				this.exitCode = code ?? (signal ? -1 : null);
				resolve(code);
			});
			// A command that could not be started (ENOENT) emits no exit.
			child.once('error', (error) => {
				this.output += `${error.message}\n`;
				this.exitCode ??= -1;
				resolve(null);
			});
		});
	}

	get isRunning(): boolean {
		return this.exitCode === undefined;
	}

	/**
	 * Polls `ready` until it is true. Fails as soon as the process exits, or after `timeoutMs`
	 * (then stops it), quoting the output's end.
	 */
	async waitUntil(ready: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.isRunning) {
				throw new Error(
					`${this.label} exited with code ${this.exitCode} before it was ready:\n${this.tail()}`,
				);
			}
			try {
				if (await ready()) return;
			} catch {
				// not answering yet
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await this.stop();
		throw new Error(`${this.label} was not ready after ${timeoutMs} ms:\n${this.tail()}`);
	}

	/** Stops the process (`signal`, then SIGKILL after `graceMs`) and waits for it to exit. */
	async stop(graceMs = 20_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		if (!this.isRunning) return;
		this.child.kill(signal);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
	}

	/** The end of the output, for error messages. */
	tail(lines = 60): string {
		return this.output.split('\n').slice(-lines).join('\n');
	}
}

/** Starts a command as a RunningProcess; with `logFile`, its output is also appended there. */
export function startProcess(
	label: string,
	command: string,
	args: string[],
	options: SpawnOptions & { logFile?: string } = {},
): RunningProcess {
	const { logFile, ...spawnOptions } = options;
	const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
	return new RunningProcess(label, child, {
		onOutput: logFile ? (text) => appendFileSync(logFile, text) : undefined,
	});
}
