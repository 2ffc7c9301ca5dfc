/**
 * The Wekan root URL a user typed, made ready for appending `/api/...`: a query or fragment (`?lang=de`, `#top`),
 * trailing slashes and a pasted `/api` or board path are dropped, so `https://wekan.example.com/`, `…/api`,
 * `…/?lang=de` and a copied board URL all work. A sub-path install (`https://example.com/wekan`) keeps its path.
 */
export function normalizeBaseUrl(raw: unknown): string {
	// Anything after ? or # is no part of the root: appending `/api/...` to it would put the path into the query.
	const url = String(raw ?? '')
		.trim()
		.replace(/[?#].*$/s, '');
	// The path is what follows the scheme and host; a host named "b" must not pass for a board path.
	const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url)?.[0] ?? '';
	let path = url.slice(authority.length);
	const boardPath = path.search(/\/b\/[^/]+/);
	if (boardPath >= 0) path = path.slice(0, boardPath);
	path = path.replace(/\/+$/, '').replace(/\/api$/, '');
	return authority + path;
}

/** The URL as shown in messages: a user name and password in it (`https://user:secret@host`) are left out. */
export function displayUrl(url: string): string {
	return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
