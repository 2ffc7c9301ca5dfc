/**
 * The constants Wekan's collection schemas use, at Wekan v11.07, commit f5cc8e373: config/const.js (all of it),
 * the color lists models/metadata/colors.js derives from it, and the hex check of models/lib/contrastColor.js.
 */

/** Board themes, in Wekan's order; the first is a new board's color (config/const.js:1-26). */
export const ALLOWED_BOARD_COLORS: readonly string[] = Object.freeze([
	'belize',
	'nephritis',
	'pomegranate',
	'pumpkin',
	'wisteria',
	'moderatepink',
	'strongcyan',
	'limegreen',
	'midnight',
	'dark',
	'relax',
	'corteza',
	'appleglasspastel',
	'clearblue',
	'cleargreen',
	'clearorange',
	'clearpink',
	'clearpurple',
	'clearred',
	'natural',
	'modern',
	'moderndark',
	'exodark',
	'cleandark',
	'cleanlight',
]);

/** The named palette of labels, lists, cards and swimlanes (config/const.js:27-53). */
export const ALLOWED_COLORS: readonly string[] = Object.freeze([
	'white',
	'green',
	'yellow',
	'orange',
	'red',
	'purple',
	'blue',
	'sky',
	'lime',
	'pink',
	'black',
	'silver',
	'peachpuff',
	'crimson',
	'plum',
	'darkgreen',
	'slateblue',
	'magenta',
	'gold',
	'navy',
	'gray',
	'saddlebrown',
	'paleturquoise',
	'mistyrose',
	'indigo',
]);

// config/const.js:54-61
export const TYPE_BOARD = 'board';
export const TYPE_CARD = 'cardType-card';
export const TYPE_LINKED_BOARD = 'cardType-linkedBoard';
export const TYPE_LINKED_CARD = 'cardType-linkedCard';
export const TYPE_TEMPLATE_BOARD = 'template-board';
export const TYPE_TEMPLATE_CONTAINER = 'template-container';
export const TYPE_TEMPLATE_CARD = 'template-card';
export const TYPE_TEMPLATE_LIST = 'template-list';

/** config/const.js:62-67 (note: no template-list, and linked board after linked card). */
export const CARD_TYPES: readonly string[] = Object.freeze([
	TYPE_CARD,
	TYPE_LINKED_CARD,
	TYPE_LINKED_BOARD,
	TYPE_TEMPLATE_CARD,
]);

/** config/const.js:68-77 */
export const ALLOWED_WAIT_SPINNERS: readonly string[] = Object.freeze([
	'Bounce',
	'Cube',
	'Cube-Grid',
	'Dot',
	'Double-Bounce',
	'Rotateplane',
	'Scaleout',
	'Wave',
]);

// models/metadata/colors.js:3-7: each schema reads its own copy of the lists above.
export const BOARD_COLORS = ALLOWED_BOARD_COLORS;
export const LABEL_COLORS = ALLOWED_COLORS;
export const LIST_COLORS = ALLOWED_COLORS;
export const CARD_COLORS = ALLOWED_COLORS;
export const SWIMLANE_COLORS = ALLOWED_COLORS;

/** A full `#rrggbb` hex, any case; `#rgb` is not one (models/lib/contrastColor.js:45-52). */
export function isHexColor(value: unknown): boolean {
	return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

/**
 * The custom check label, list, card and swimlane colors share since #5514: empty is fine, otherwise a palette
 * name or a hex (models/boards.js:218-223, models/lists.js:248-253, models/swimlanes.js:85-90).
 */
export function paletteOrHexColor(palette: readonly string[]): (this: { value: unknown }) => string | undefined {
	return function checkColor(this: { value: unknown }): string | undefined {
		const value = this.value;
		if (value === undefined || value === null || value === '') return undefined;
		if ((typeof value === 'string' && palette.includes(value)) || isHexColor(value)) return undefined;
		return 'notAllowed';
	};
}

/** models/lib/contrastColor.js:46-51: only the full '#rrggbb' form counts as a stored hex color, not '#rgb'. */
export const HEX_COLOR = /^#([0-9a-fA-F]{6})$/;

/** models/metadata/dependencies.js:15-17: what a card dependency entry gets when it leaves these out. */
export const DEFAULT_DEPENDENCY_COLOR = '#eb144c';
export const DEFAULT_DEPENDENCY_ICON = 'link';
export const DEFAULT_DEPENDENCY_TYPE = 'related-to';
