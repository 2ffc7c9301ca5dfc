/**
 * Card dependencies ("Red Strings", #3392): the entry shape and its normalisation (models/metadata/dependencies.js),
 * the lines the REST API answers (server/models/dependencies.js:30-43), the importBoardDependencies Meteor method
 * (server/models/dependencies.js:50-115), and the dependency side of a board copy (models/boards.js:1100-1123) and a
 * board import (models/wekanCreator.js:864-890). At Wekan v11.07, commit f5cc8e373.
 *
 * A dependency lives only on its SOURCE card, as an element of the card's `cardDependencies` array (the cards schema,
 * models/cards.js:535-565): `{cardId, type, color, icon}` with cardId the target card. Nothing is written on the
 * target: there is no reverse entry. The inverse relation (blocks / is-blocked-by, fixes / is-fixed-by) exists only
 * as a lookup table for display. Older data may hold bare card-id strings, which reads upgrade to objects.
 */
import type { WriteContext } from '../db/collection';
import { MeteorError } from '../errors';
import type { CardDoc } from '../schemas/cards';
import { DEFAULT_DEPENDENCY_COLOR, DEFAULT_DEPENDENCY_ICON, DEFAULT_DEPENDENCY_TYPE } from '../schemas/constants';
import type { Wekan } from '../server';
import { getCard } from './reactiveCache';

export { DEFAULT_DEPENDENCY_COLOR, DEFAULT_DEPENDENCY_ICON, DEFAULT_DEPENDENCY_TYPE };

/**
 * DEPENDENCY_TYPES (models/metadata/dependencies.js:24-30): the relation kinds; `directed` draws an arrowhead and
 * `forward` points it from the source to the target (false: back from the target).
 */
export const DEPENDENCY_TYPES = [
	{ id: 'related-to', directed: false, forward: true },
	{ id: 'blocks', directed: true, forward: true },
	{ id: 'is-blocked-by', directed: true, forward: false },
	{ id: 'fixes', directed: true, forward: true },
	{ id: 'is-fixed-by', directed: true, forward: false },
] as const;

/** DEPENDENCY_TYPE_IDS (models/metadata/dependencies.js:32), in this order (the REST error text lists them so). */
export const DEPENDENCY_TYPE_IDS: readonly string[] = DEPENDENCY_TYPES.map((t) => t.id);

/** DEPENDENCY_TYPE_INVERSE (models/metadata/dependencies.js:44-50): display only; nothing stores the inverse. */
export const DEPENDENCY_TYPE_INVERSE: Readonly<Record<string, string>> = {
	'related-to': 'related-to',
	blocks: 'is-blocked-by',
	'is-blocked-by': 'blocks',
	fixes: 'is-fixed-by',
	'is-fixed-by': 'fixes',
};

/** DEPENDENCY_ICON_CHOICES (models/metadata/dependencies.js:36-40): what the UI offers; the API takes any icon. */
export const DEPENDENCY_ICON_CHOICES: readonly string[] = [
	'link',
	'chain-broken',
	'arrow-right',
	'long-arrow-right',
	'ban',
	'lock',
	'check',
	'bug',
	'bolt',
	'exclamation-triangle',
	'flag',
	'random',
	'sitemap',
	'share-alt',
	'code-fork',
	'tasks',
];

/** A normalised entry. Values come from callers unchecked, so they are not necessarily strings. */
export interface Dependency {
	cardId: unknown;
	type: unknown;
	color: unknown;
	icon: unknown;
}

/**
 * normalizeDependency (models/metadata/dependencies.js:63-82): a bare string is a target id with every default; an
 * object needs a truthy cardId (else null); an unknown type becomes related-to, a falsy color or icon the default.
 */
export function normalizeDependency(dep: unknown): Dependency | null {
	if (!dep) return null;
	if (typeof dep === 'string') {
		return {
			cardId: dep,
			type: DEFAULT_DEPENDENCY_TYPE,
			color: DEFAULT_DEPENDENCY_COLOR,
			icon: DEFAULT_DEPENDENCY_ICON,
		};
	}
	const entry = dep as Record<string, unknown>;
	if (!entry.cardId) return null;
	return {
		cardId: entry.cardId,
		type: DEPENDENCY_TYPE_IDS.includes(entry.type as string) ? entry.type : DEFAULT_DEPENDENCY_TYPE,
		color: entry.color || DEFAULT_DEPENDENCY_COLOR,
		icon: entry.icon || DEFAULT_DEPENDENCY_ICON,
	};
}

/**
 * normalizeDependencies (models/metadata/dependencies.js:84-86): `(deps || []).map(...)`, so a stored value that is
 * not an array (legacy or hand-written data) throws a TypeError, as it does in Wekan.
 */
export function normalizeDependencies(deps: unknown): Dependency[] {
	const list = (deps || []) as unknown[];
	if (typeof list.map !== 'function') throw new TypeError('(deps || []).map is not a function');
	return list.map(normalizeDependency).filter((dep): dep is Dependency => dep !== null);
}

/** What one line of GET /api/boards/:boardId/dependencies is. `undefined` fields are left out of the JSON. */
export interface DependencyLine {
	from: string;
	fromTitle: unknown;
	fromCardNumber: unknown;
	to: unknown;
	toTitle: unknown;
	toCardNumber: unknown;
	type: unknown;
	color: unknown;
	icon: unknown;
}

/**
 * dependencyLine (server/models/dependencies.js:30-43): the source card's id, title and number, and the target's,
 * looked up by id on any board (null title and number when it is gone).
 */
export function dependencyLine(wekan: Wekan, source: CardDoc, dep: Dependency): DependencyLine {
	const target = getCard(wekan, dep.cardId);
	return {
		from: source._id,
		fromTitle: source.title,
		fromCardNumber: source.cardNumber,
		to: dep.cardId,
		toTitle: target ? target.title : null,
		toCardNumber: target ? target.cardNumber : null,
		type: dep.type,
		color: dep.color,
		icon: dep.icon,
	};
}

/** One line of a dependencies file (a WeKan export, or mapped from another tracker). */
export interface ImportedDependencyLine {
	from?: unknown;
	fromCardNumber?: unknown;
	fromTitle?: unknown;
	to?: unknown;
	toCardNumber?: unknown;
	toTitle?: unknown;
	type?: unknown;
	color?: unknown;
	icon?: unknown;
}

/**
 * The importBoardDependencies Meteor method (server/models/dependencies.js:50-115), run with the caller's user id:
 * check(boardId, String) and check(lines, [Object]) (Match.Error 400), board write access, then each line's ends
 * resolved among the board's live cards by _id, else cardNumber, else exact title (the last card with a number or a
 * title wins); a line that misses an end, or links a card to itself, is unmatched. A line to a target the source
 * already has updates that entry's type, color and icon in place (positional `$`, so a legacy bare-string entry is
 * not matched and nothing changes), else the entry is pushed. Every write is a hooked Cards.updateAsync inside the
 * method, so the hooks see the caller.
 */
export function importBoardDependencies(
	wekan: Wekan,
	userId: string | undefined,
	boardId: unknown,
	lines: unknown,
): { imported: number; unmatched: number } {
	const { db } = wekan;
	// server/models/dependencies.js:52-53: Meteor's check() throws Match.Error, a 400 for the method's caller.
	if (typeof boardId !== 'string') throw new MeteorError(400, 'Match failed');
	const plainObject = (v: unknown) =>
		v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
	if (!Array.isArray(lines) || !lines.every(plainObject)) throw new MeteorError(400, 'Match failed');
	// server/models/dependencies.js:54
	wekan.can.boardWrite(userId, boardId);
	const context: WriteContext = { userId };

	// server/models/dependencies.js:56-66: later cards overwrite earlier ones under the same number or title.
	const byId = new Map<string, string>();
	const byNumber = new Map<string, string>();
	const byTitle = new Map<string, string>();
	for (const card of db.cards.find({ boardId, archived: false })) {
		byId.set(card._id, card._id);
		if (card.cardNumber !== undefined && card.cardNumber !== null) byNumber.set(String(card.cardNumber), card._id);
		if (card.title) byTitle.set(card.title, card._id);
	}
	const resolve = (id: unknown, number: unknown, title: unknown): string | null => {
		if (id && byId.has(String(id))) return byId.get(String(id)) as string;
		if (number !== undefined && number !== null && byNumber.has(String(number)))
			return byNumber.get(String(number)) as string;
		if (title && byTitle.has(String(title))) return byTitle.get(String(title)) as string;
		return null;
	};

	let imported = 0;
	let unmatched = 0;
	for (const line of lines as ImportedDependencyLine[]) {
		const fromId = resolve(line.from, line.fromCardNumber, line.fromTitle);
		const toId = resolve(line.to, line.toCardNumber, line.toTitle);
		if (!fromId || !toId || fromId === toId) {
			unmatched += 1;
			continue;
		}
		const entry = normalizeDependency({
			cardId: toId,
			type: line.type,
			color: line.color,
			icon: line.icon,
		}) as Dependency;
		const source = getCard(wekan, fromId);
		const existing = normalizeDependencies(source && source.cardDependencies);
		if (existing.find((d) => d.cardId === toId)) {
			db.cards.update(
				{ _id: fromId, 'cardDependencies.cardId': toId },
				{
					$set: {
						'cardDependencies.$.type': entry.type,
						'cardDependencies.$.color': entry.color,
						'cardDependencies.$.icon': entry.icon,
					},
				},
				{},
				context,
			);
		} else {
			db.cards.update(fromId, { $push: { cardDependencies: entry } }, {}, context);
		}
		imported += 1;
	}
	return { imported, unmatched };
}

/**
 * The dependency remap of a copy or an import: each entry's target replaced by its copy through `cardIdMap`
 * (a bare string becomes `{cardId}`, an object keeps its other fields), entries whose target was not copied dropped
 * (models/boards.js:1107-1119, models/wekanCreator.js:873-883).
 */
export function remapDependencies(deps: readonly unknown[], cardIdMap: Readonly<Record<string, string>>): object[] {
	const out: object[] = [];
	for (const dep of deps) {
		const oldId = typeof dep === 'string' ? dep : (dep as { cardId?: unknown } | null)?.cardId;
		const newId = cardIdMap[String(oldId)];
		if (!newId) continue;
		out.push(typeof dep === 'string' ? { cardId: newId } : { ...(dep as object), cardId: newId });
	}
	return out;
}

/**
 * Board.copy's dependency step (models/boards.js:1100-1123), after every swimlane (and so every card) was copied:
 * each card of the new board whose cardDependencies exists and is not empty gets them remapped, by a hooked
 * Cards.updateAsync of the whole array (even when nothing was remapped, which empties it).
 */
export function remapCopiedBoardDependencies(
	wekan: Wekan,
	newBoardId: string,
	cardIdMap: Readonly<Record<string, string>>,
	context: WriteContext = {},
): void {
	const { db } = wekan;
	for (const card of db.cards.find({ boardId: newBoardId, cardDependencies: { $exists: true, $ne: [] } })) {
		const remapped = remapDependencies(card.cardDependencies ?? [], cardIdMap);
		db.cards.update(card._id, { $set: { cardDependencies: remapped } }, {}, context);
	}
}

/**
 * WekanCreator.createCardDependencies (models/wekanCreator.js:864-890): for each imported card with dependencies
 * and a created copy, the remapped entries by `Cards.direct.updateAsync` (no hooks, still cleaned), and only when
 * at least one target was imported too.
 */
export function importCardDependencies(
	wekan: Wekan,
	importedCards: ReadonlyArray<{ _id?: unknown; cardDependencies?: unknown }>,
	cardIdMap: Readonly<Record<string, string>>,
): void {
	for (const card of importedCards) {
		const deps = card.cardDependencies;
		if (!deps || (deps as unknown[]).length === 0) continue;
		const newCardId = cardIdMap[String(card._id)];
		if (!newCardId) continue;
		const remapped = remapDependencies(deps as unknown[], cardIdMap);
		if (remapped.length > 0) wekan.db.cards.direct.update(newCardId, { $set: { cardDependencies: remapped } });
	}
}
