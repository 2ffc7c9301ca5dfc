/** Ids and URLs as Wekan makes them. */

/** Meteor ids are 17 characters; imported and older objects may differ, so the check is on the alphabet only. */
export const WEKAN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The ids a Wekan web-app address names. */
export interface WekanUrlParts {
	boardId: string;
	cardId?: string;
	listId?: string;
	swimlaneId?: string;
}

/**
 * The address after `/b/`, by Wekan's routes (config/router.js:348-539 at v11.07, and models/lib/boardItemUrl.js:30-31
 * for the list and swimlane links, Wekan 11.0x):
 * - `<boardId>` and `<boardId>/<slug>`: the board;
 * - `<boardId>/<slug>/rules`: the board's rules page (registered before the card route, so it is no card);
 * - `<boardId>/<slug>/<cardId>`: a card;
 * - `<boardId>/<slug>/swimlane/<swimlaneId>` and `<boardId>/<slug>/list/<listId>`: a swimlane or list of the board.
 */
function boardRoute(rest: string[]): WekanUrlParts | undefined {
	const [boardId, slug, third, fourth] = rest;
	if (!boardId || !WEKAN_ID.test(boardId)) return undefined;
	if (rest.length <= 2) return { boardId };
	if (!slug) return undefined;
	if (rest.length === 3) {
		if (third === 'rules') return { boardId };
		return WEKAN_ID.test(third) ? { boardId, cardId: third } : undefined;
	}
	if (rest.length === 4 && WEKAN_ID.test(fourth)) {
		if (third === 'list') return { boardId, listId: fourth };
		if (third === 'swimlane') return { boardId, swimlaneId: fourth };
	}
	return undefined;
}

/**
 * Reads the ids out of a Wekan web-app URL (see boardRoute for the shapes), also under a sub-path (a ROOT_URL such
 * as https://example.com/wekan) and with a query or fragment. The address is read from its first `/b/` segment, or
 * from its first `/boards/` one for Wekan's old addresses.
 * Anything else, such as other pages of a board, is no Wekan object URL.
 */
export function parseWekanUrl(raw: string): WekanUrlParts | undefined {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	const segments = url.pathname.split('/');
	// A trailing slash is the same address.
	if (segments[segments.length - 1] === '') segments.pop();
	const index = segments.indexOf('b', 1);
	if (index >= 0) return boardRoute(segments.slice(index + 1));
	// Wekan redirects its first addresses, /boards/<boardId>/<slug> and /boards/<boardId>/<slug>/<cardId>, to the
	// same ones under /b/ (config/router.js:933-948).
	const legacy = segments.indexOf('boards', 1);
	const rest = legacy < 0 ? [] : segments.slice(legacy + 1);
	return rest.length === 2 || rest.length === 3 ? boardRoute(rest) : undefined;
}

// The regexes the editor uses to check a pasted URL and take an id out of it (one group each, as n8n requires). They
// accept the shapes parseWekanUrl reads; the node itself reads the URL with parseWekanUrl.
const ORIGIN_AND_PREFIX = 'https?://[^/?#]+(?:/[^?#]*?)?/(?:b|boards)/';
const ID = '[A-Za-z0-9_-]{1,64}';
const END = '/?(?:[?#].*)?$';

/** Any address of a board or of something on it: the group is the board id. */
export const BOARD_URL_REGEX = `^${ORIGIN_AND_PREFIX}(${ID})(?:/[^/?#]+(?:/rules|/${ID}|/(?:list|swimlane)/${ID})?)?${END}`;
/** A card's address: the group is the card id (the rules page is not a card). */
export const CARD_URL_REGEX = `^${ORIGIN_AND_PREFIX}${ID}/[^/?#]+/(?!rules/?(?:[?#]|$))(${ID})${END}`;

/** A card's address in Wekan's web app; Wekan routes by the ids, so any slug works when the board's is unknown. */
export function cardUrl(baseUrl: string, boardId: string, slug: string, cardId: string): string {
	return `${baseUrl}/b/${boardId}/${slug || 'board'}/${cardId}`;
}

/** A board's address in Wekan's web app. */
export function boardUrl(baseUrl: string, boardId: string, slug: string): string {
	return `${baseUrl}/b/${boardId}/${slug || 'board'}`;
}
