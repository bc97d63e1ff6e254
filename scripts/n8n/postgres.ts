import { randomBytes } from 'node:crypto';
import {
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { aptInstall, canAptInstall, runCommand } from './apt';
import { startProcess, type RunningProcess } from './process';

/** Where Debian's PostgreSQL packages put each major version's programs. */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

/** The system user Debian's package creates; PostgreSQL refuses to run as root. */
const POSTGRES_SYSTEM_USER = 'postgres';

function installedBinDir(): string | undefined {
	if (!existsSync(DEBIAN_POSTGRES_ROOT)) return undefined;
	const [newest] = readdirSync(DEBIAN_POSTGRES_ROOT)
		.filter((major) => existsSync(join(DEBIAN_POSTGRES_ROOT, major, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return newest === undefined ? undefined : join(DEBIAN_POSTGRES_ROOT, newest, 'bin');
}

/**
 * The folder with Debian's PostgreSQL programs (initdb, postgres, psql), the newest major
 * installed; `postgresql` is installed with apt-get when it is missing and this process may (CI).
 */
export async function ensurePostgres(
	log: (line: string) => void = () => undefined,
): Promise<string> {
	const installed = installedBinDir();
	if (installed) return installed;
	if (!canAptInstall()) {
		throw new Error(
			"PostgreSQL is missing: install Debian's package (sudo apt-get install -y postgresql)",
		);
	}
	await aptInstall(['postgresql'], log);
	const binDir = installedBinDir();
	if (!binDir)
		throw new Error(`apt-get installed postgresql, but ${DEBIAN_POSTGRES_ROOT} has no postgres`);
	return binDir;
}

/**
 * Who runs initdb and postgres: this process's user, or, for root, the `postgres` system user
 * (node drops root's groups when it switches user).
 */
function serverUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const entry = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((line) => line.split(':'))
		.find(([name]) => name === POSTGRES_SYSTEM_USER);
	if (!entry) {
		throw new Error(
			`PostgreSQL refuses to run as root, and there is no "${POSTGRES_SYSTEM_USER}" user to run it as (Debian's postgresql package creates it)`,
		);
	}
	return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

export interface RunningPostgres {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	process: RunningProcess;
	/** The cluster's folder: its data, its log (postgres.log). */
	dir: string;
	/** Runs SQL with psql and returns the rows, each a list of column values. */
	query(sql: string): Promise<string[][]>;
	/** Stops PostgreSQL and removes its folder (unless `keep`). */
	stop(options?: { keep?: boolean }): Promise<void>;
}

/**
 * A PostgreSQL cluster of its own, listening on 127.0.0.1:`port` only, with one database and a
 * user whose password is required over TCP. Its folder is a new one in the system's temp folder
 * (under root, owned by the `postgres` user, which could not reach a folder inside root's own temp
 * folders), removed by `stop()`. fsync is off: the cluster is thrown away afterwards.
 */
export async function startPostgres(options: {
	binDir: string;
	port: number;
	database?: string;
}): Promise<RunningPostgres> {
	const { binDir, port, database = 'n8n' } = options;
	const user = 'n8n';
	const password = randomBytes(18).toString('base64url');
	const owner = serverUser();
	const asServer = owner ? { uid: owner.uid, gid: owner.gid } : {};
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-segment-postgres-'));
	const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	const psql = async (sql: string, db: string): Promise<string> =>
		await runCommand(
			join(binDir, 'psql'),
			[
				'--no-psqlrc',
				'--host=127.0.0.1',
				`--port=${port}`,
				`--username=${user}`,
				`--dbname=${db}`,
				'--tuples-only',
				'--no-align',
				'--field-separator=\t',
				'--set=ON_ERROR_STOP=1',
				`--command=${sql}`,
			],
			{ env: { ...env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' } },
		);
	let postgres: RunningProcess | undefined;
	try {
		const dataDir = join(dir, 'data');
		const passwordFile = join(dir, 'password');
		writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
		if (owner) {
			chownSync(dir, owner.uid, owner.gid);
			chownSync(passwordFile, owner.uid, owner.gid);
		}
		await runCommand(
			join(binDir, 'initdb'),
			[
				`--pgdata=${dataDir}`,
				`--username=${user}`,
				`--pwfile=${passwordFile}`,
				'--auth-local=trust',
				'--auth-host=scram-sha-256',
				'--encoding=UTF8',
				'--no-locale',
				'--no-sync',
			],
			{ cwd: dir, env, ...asServer },
		);
		postgres = startProcess(
			'postgres',
			join(binDir, 'postgres'),
			[
				'-D',
				dataDir,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${dir}`,
				'-c',
				'fsync=off',
			],
			{ cwd: dir, env, ...asServer, logFile: join(dir, 'postgres.log') },
		);
		await postgres.waitUntil(
			async () => (await psql('SELECT 1', 'postgres')).trim() === '1',
			60_000,
		);
		await psql(`CREATE DATABASE ${database}`, 'postgres');
	} catch (error) {
		await postgres?.stop(20_000, 'SIGINT');
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	const server = postgres;
	return {
		host: '127.0.0.1',
		port,
		database,
		user,
		password,
		process: server,
		query: async (sql) =>
			(await psql(sql, database))
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => line.split('\t')),
		dir,
		// SIGINT: PostgreSQL's fast shutdown (ends open sessions, then stops).
		stop: async ({ keep = false } = {}) => {
			await server.stop(20_000, 'SIGINT');
			if (!keep) rmSync(dir, { recursive: true, force: true });
		},
	};
}
