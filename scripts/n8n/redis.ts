import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { aptInstall, canAptInstall } from './apt';
import { startProcess, type RunningProcess } from './process';

/** Debian's Redis (package `redis-server`). */
const DEBIAN_REDIS_SERVER = '/usr/bin/redis-server';

/** Debian's redis-server, installed with apt-get when it is missing and this process may (CI). */
export async function ensureRedisServer(
	log: (line: string) => void = () => undefined,
): Promise<string> {
	if (existsSync(DEBIAN_REDIS_SERVER)) return DEBIAN_REDIS_SERVER;
	if (!canAptInstall()) {
		throw new Error(
			"Redis is missing: install Debian's package (sudo apt-get install -y redis-server)",
		);
	}
	await aptInstall(['redis-server'], log);
	if (!existsSync(DEBIAN_REDIS_SERVER))
		throw new Error(`apt-get installed redis-server, but ${DEBIAN_REDIS_SERVER} is missing`);
	return DEBIAN_REDIS_SERVER;
}

/** Sends one inline command to Redis and resolves with its first reply line. */
async function redisCommand(port: number, command: string): Promise<string> {
	return await new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('Redis did not answer')));
		socket.once('error', reject);
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) {
				socket.end();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.write(`${command}\r\n`);
	});
}

export interface RunningRedis {
	port: number;
	process: RunningProcess;
	stop(): Promise<void>;
}

/**
 * A Redis of its own on 127.0.0.1:`port`, keeping nothing on disk (no snapshots, no append-only
 * file) beyond its log in `dir`.
 */
export async function startRedis(options: {
	binary: string;
	dir: string;
	port: number;
}): Promise<RunningRedis> {
	const { binary, dir, port } = options;
	const redis = startProcess(
		'redis-server',
		binary,
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ cwd: dir, logFile: join(dir, 'redis.log') },
	);
	await redis.waitUntil(async () => (await redisCommand(port, 'PING')) === '+PONG', 30_000);
	return { port, process: redis, stop: async () => await redis.stop() };
}
