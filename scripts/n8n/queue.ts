import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, N8nInstance, type RunningN8n } from './instance';
import { ensurePostgres, startPostgres, type RunningPostgres } from './postgres';
import type { RunningProcess } from './process';
import { ensureRedisServer, startRedis, type RunningRedis } from './redis';
import type { N8nRuntime } from './runtime';

export interface QueueModeWorker {
	label: string;
	process: RunningProcess;
	logFile: string;
}

/**
 * n8n's queue mode on 127.0.0.1, as production runs it: Redis (the queue) and PostgreSQL (the
 * database) of their own, n8n main (editor, REST API, webhooks; it enqueues every production
 * execution) and `n8n worker`s that run them. All share the encryption key and one user folder,
 * where the package is installed once. `prepare()` brings up Redis, PostgreSQL and the CLI (to
 * import and publish workflows); `start()` then starts main and the workers.
 */
export class QueueModeN8n {
	readonly workers: QueueModeWorker[] = [];

	main: RunningN8n | undefined;

	/** Main processes stopped by `restartMain()`, for their logs. */
	readonly stoppedMains: RunningN8n[] = [];

	private constructor(
		readonly instance: N8nInstance,
		readonly postgres: RunningPostgres,
		readonly redis: RunningRedis,
		/** Where Redis, n8n's user folder and every process's log are. */
		readonly dir: string,
	) {}

	/**
	 * Starts Redis and PostgreSQL (Debian's packages, installed with apt-get when missing and
	 * allowed) and returns the CLI set up for queue mode against them. n8n's user folder, Redis and
	 * every process's log go to a new temp folder (PostgreSQL has one of its own: see startPostgres),
	 * removed by `stop()`. `env` goes to every n8n process (an outbound proxy, …).
	 */
	static async prepare(options: {
		runtime: N8nRuntime;
		env?: NodeJS.ProcessEnv;
		log?: (line: string) => void;
	}): Promise<QueueModeN8n> {
		const { runtime, env, log } = options;
		const redisServer = await ensureRedisServer(log);
		const postgresBin = await ensurePostgres(log);
		const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-queue-'));
		const redisDir = join(dir, 'redis');
		const userFolder = join(dir, 'n8n');
		for (const folder of [redisDir, userFolder]) mkdirSync(folder, { recursive: true });
		let redis: RunningRedis | undefined;
		let postgres: RunningPostgres | undefined;
		try {
			redis = await startRedis({ binary: redisServer, dir: redisDir, port: await freePort() });
			postgres = await startPostgres({ binDir: postgresBin, port: await freePort() });
		} catch (error) {
			await redis?.stop();
			rmSync(dir, { recursive: true, force: true });
			throw error;
		}
		const instance = await N8nInstance.create(runtime, userFolder, {
			env: {
				...env,
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.host,
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: postgres.database,
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_PASSWORD: postgres.password,
			},
		});
		return new QueueModeN8n(instance, postgres, redis, dir);
	}

	/**
	 * Starts main (it migrates the database and registers the published workflows' webhooks), then
	 * the workers, each with its own task-runner broker and health port.
	 */
	async start(options: { workers: number; concurrency?: number }): Promise<void> {
		this.main = await this.instance.start({ onOutput: logTo(join(this.dir, 'main.log')) });
		await Promise.all(
			Array.from({ length: options.workers }, async (_, index) => {
				const label = `worker-${index + 1}`;
				const logFile = join(this.dir, `${label}.log`);
				const process = await this.instance.worker({
					label: `n8n ${label}`,
					brokerPort: await freePort(),
					healthPort: await freePort(),
					concurrency: options.concurrency,
					onOutput: logTo(logFile),
				});
				this.workers.push({ label, process, logFile });
			}),
		);
		this.workers.sort((a, b) => a.label.localeCompare(b.label));
	}

	/**
	 * Stops main and starts a new main process (the workers keep running). Like any main start, it
	 * registers the active workflows' webhooks again, reading the workflows from PostgreSQL.
	 */
	async restartMain(): Promise<RunningN8n> {
		if (this.main) {
			await this.main.stop();
			this.stoppedMains.push(this.main);
		}
		this.main = await this.instance.start({ onOutput: logTo(join(this.dir, 'main.log')) });
		return this.main;
	}

	/** Every n8n process's output so far: each main process's, then each worker's. */
	outputs(): string[] {
		return [
			...[...this.stoppedMains, ...(this.main ? [this.main] : [])].map(({ output }) => output),
			...this.workers.map(({ process }) => process.output),
		];
	}

	/** Stops the workers and main (each finishes what it runs), then Redis and PostgreSQL. */
	async stop(options: { keep?: boolean } = {}): Promise<void> {
		await Promise.all(this.workers.map(async ({ process }) => await process.stop()));
		await this.main?.stop();
		await this.redis.stop();
		await this.postgres.stop(options);
		if (!options.keep) rmSync(this.dir, { recursive: true, force: true });
	}
}

function logTo(file: string): (text: string) => void {
	return (text) => appendFileSync(file, text);
}
