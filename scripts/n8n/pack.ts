import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runNpm } from './npm';
import { REPO_ROOT } from './runtime';

export interface PackageManifest {
	name: string;
	version: string;
}

export function packageManifest(): PackageManifest {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * `npm pack` of this repository into `destination` (its `prepack` script builds first): the very
 * tarball `npm publish` would upload. Returns the tarball's path.
 */
export async function packPackage(destination: string): Promise<string> {
	mkdirSync(destination, { recursive: true });
	await runNpm(['pack', '--pack-destination', destination], { cwd: REPO_ROOT });
	const { name, version } = packageManifest();
	const tarball = join(destination, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
	if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
	return tarball;
}
