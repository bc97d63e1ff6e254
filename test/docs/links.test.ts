import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Every link between the repository's Markdown files (README, CONTRIBUTING, CHANGELOG, docs/) points
 * at a file that exists, and at a heading that exists when it names one: moving a section breaks
 * this test, not a reader's click.
 */
const root = join(__dirname, '..', '..');
const markdownFiles = [
	'README.md',
	'CONTRIBUTING.md',
	'CHANGELOG.md',
	...readdirSync(join(root, 'docs'))
		.filter((file) => file.endsWith('.md'))
		.map((file) => `docs/${file}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

function anchorsOf(path: string): Set<string> {
	const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
	return new Set(
		text
			.split('\n')
			.filter((line) => /^#{1,6} /.test(line))
			.map((line) => anchor(line.replace(/^#+ /, ''))),
	);
}

const links = markdownFiles.flatMap((file) => {
	const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
		.map(([, target]) => target)
		.filter((target) => !/^(https?:|mailto:)/.test(target))
		.map((target) => ({ file, target }));
});

test('the Markdown files link to each other', () => {
	expect(links.length).toBeGreaterThan(10);
});

test.each(links.map(({ file, target }) => [`${file} → ${target}`, file, target]))(
	'%s',
	(_name, file, target) => {
		const [path, hash] = target.split('#');
		const resolved = path === '' ? join(root, file) : join(root, dirname(file), path);
		expect(relative(root, resolved)).not.toMatch(/^\.\./);
		expect(existsSync(resolved)).toBe(true);
		if (hash !== undefined) expect(anchorsOf(resolved)).toContain(hash);
	},
);
