/** Ids and URLs as Wekan makes them. */

/** Meteor ids are 17 characters; imported and older objects may differ, so the check is on the alphabet only. */
export const WEKAN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads the board and card ids out of a Wekan URL: `/b/<boardId>/<slug>` for a board and
 * `/b/<boardId>/<slug>/<cardId>` for a card, also under a sub-path and with a query or fragment.
 */
export function parseWekanUrl(raw: string): { boardId: string; cardId?: string } | undefined {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	const match = /\/b\/([A-Za-z0-9_-]+)(?:\/[^/]+(?:\/([A-Za-z0-9_-]+))?)?\/?$/.exec(url.pathname);
	if (!match) return undefined;
	return { boardId: match[1], cardId: match[2] };
}

/** The regexes the editor uses to check and extract ids from a pasted URL. */
export const BOARD_URL_REGEX = 'https?://.+/b/([A-Za-z0-9_-]+)(?:/.*)?';
export const CARD_URL_REGEX = 'https?://.+/b/[A-Za-z0-9_-]+/[^/]+/([A-Za-z0-9_-]+)/?(?:[?#].*)?';

/** A card's address in Wekan's web app; Wekan routes by the ids, so any slug works when the board's is unknown. */
export function cardUrl(baseUrl: string, boardId: string, slug: string, cardId: string): string {
	return `${baseUrl}/b/${boardId}/${slug || 'board'}/${cardId}`;
}

/** A board's address in Wekan's web app. */
export function boardUrl(baseUrl: string, boardId: string, slug: string): string {
	return `${baseUrl}/b/${boardId}/${slug || 'board'}`;
}
