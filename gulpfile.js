const { src, dest } = require('gulp');

/** Copies the SVG icons next to the compiled code, where the `file:` icon paths point. */
function buildIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
