/**
 * The Wekan root URL a user typed, made ready for appending `/api/...`: trailing slashes and a pasted `/api` or
 * board path are dropped, so `https://wekan.example.com/`, `…/api` and a copied board URL all work.
 * A sub-path install (`https://example.com/wekan`) keeps its path.
 */
export function normalizeBaseUrl(raw: unknown): string {
	let url = String(raw ?? '').trim();
	const boardPath = url.search(/\/b\/[^/]+/);
	if (boardPath > 0) url = url.slice(0, boardPath);
	url = url.replace(/\/+$/, '');
	url = url.replace(/\/api$/, '');
	return url;
}
