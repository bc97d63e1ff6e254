import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default function globalTeardown(): void {
	const tarball = process.env.SEGMENT_E2E_TARBALL;
	if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
}
