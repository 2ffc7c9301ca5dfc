/**
 * The constants the card-side schemas need, at Wekan v11.07, commit f5cc8e373. They come from config/const.js,
 * models/metadata/colors.js, models/lib/contrastColor.js and models/metadata/dependencies.js; config/const.js is
 * transcribed in full elsewhere (constants.ts), so these are meant to be merged into it.
 */

/** config/const.js:28-54. models/metadata/colors.js:4 copies it as CARD_COLORS. */
export const CARD_COLORS: readonly string[] = Object.freeze([
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

/** config/const.js:56-58,61: the card types. The schema does not enforce them (models/cards.js:524). */
export const TYPE_CARD = 'cardType-card';
export const TYPE_LINKED_BOARD = 'cardType-linkedBoard';
export const TYPE_LINKED_CARD = 'cardType-linkedCard';
export const TYPE_TEMPLATE_CARD = 'template-card';

/** models/lib/contrastColor.js:46-51: only the full '#rrggbb' form counts as a stored hex color, not '#rgb'. */
export const HEX_COLOR = /^#([0-9a-fA-F]{6})$/;

/** models/metadata/dependencies.js:15-17: what a card dependency entry gets when it leaves these out. */
export const DEFAULT_DEPENDENCY_COLOR = '#eb144c';
export const DEFAULT_DEPENDENCY_ICON = 'link';
export const DEFAULT_DEPENDENCY_TYPE = 'related-to';
