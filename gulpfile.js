const { src, dest } = require('gulp');

// tsc emits only code: the node's and the credential's icons are copied beside it into dist/.
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
