import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { RESOURCES } from '../../nodes/Segment/actions/resources';

/**
 * Adding an operation is its file and one line in its resource; adding a resource is its folder
 * and one line in actions/resources.ts. An import without its line fails to compile (unused); these
 * catch a file with neither: an operation or resource that would never be offered.
 */
const ACTIONS = join(__dirname, '..', '..', 'nodes', 'Segment', 'actions');

const resourceFolders = readdirSync(ACTIONS, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name)
	.sort();

test('every folder under actions/ is a resource with one <Resource>.resource.ts, listed in RESOURCES', () => {
	expect(resourceFolders).toEqual(Object.keys(RESOURCES).sort());
	for (const folder of resourceFolders) {
		const files = readdirSync(join(ACTIONS, folder)).filter((file) =>
			file.endsWith('.resource.ts'),
		);
		expect(files).toEqual([`${folder[0].toUpperCase()}${folder.slice(1)}.resource.ts`]);
	}
});

test.each(resourceFolders)(
	'every operation file of %s is one of its operations',
	async (folder) => {
		const files = readdirSync(join(ACTIONS, folder)).filter((file) =>
			file.endsWith('.operation.ts'),
		);
		const registered = Object.values(RESOURCES[folder as keyof typeof RESOURCES].operations);
		for (const file of files) {
			const module = (await import(join(ACTIONS, folder, file))) as object;
			expect({
				file,
				registered: registered.some((entry) => entry.execute === (module as typeof entry).execute),
			}).toEqual({
				file,
				registered: true,
			});
		}
		expect(registered).toHaveLength(files.length);
	},
);
