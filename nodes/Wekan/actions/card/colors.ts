/** The card and label colors Wekan accepts (ALLOWED_COLORS). */
export const CARD_COLORS = [
	'white', 'green', 'yellow', 'orange', 'red', 'purple', 'blue', 'sky', 'lime', 'pink', 'black', 'silver',
	'peachpuff', 'crimson', 'plum', 'darkgreen', 'slateblue', 'magenta', 'gold', 'navy', 'gray', 'saddlebrown',
	'paleturquoise', 'mistyrose', 'indigo',
];
