/**
 * Card dependencies ("Red Strings", #3392) over REST: server/models/dependencies.js:117-320, at Wekan v11.07 (commit
 * f5cc8e373). Dependencies are stored on the source card's `cardDependencies` (see models/dependencies.ts); nothing
 * is written on the target card.
 *
 * Every handler catches everything and answers `sendJsonResult({code: error.statusCode || 500, data: error})`
 * (style 'statusData'): the permission checks' 401/403/404 with the serialised Meteor.Error, and 500 for the
 * handlers' own `Meteor.Error('not-found' | 'bad-request', ...)`, which carry no statusCode. A write the cards schema
 * refuses is a 500 with `{error: <message>}`.
 */
import { MeteorError } from '../errors';
import type { Router } from '../http';
import {
	DEPENDENCY_TYPE_IDS,
	type Dependency,
	dependencyLine,
	normalizeDependencies,
	normalizeDependency,
} from '../models/dependencies';
import { getCard } from '../models/reactiveCache';
import type { CardDoc } from '../schemas/cards';
import type { Wekan } from '../server';

const BAD_TYPE = `type must be one of: ${DEPENDENCY_TYPE_IDS.join(', ')}`;

export function registerDependencyRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const base = '/api/boards/:boardId/cards/:cardId/dependencies';

	/** `ReactiveCache.getCard({_id: cardId, boardId})`, or the handlers' not-found error. */
	const cardOnBoard = (cardId: string, boardId: string): CardDoc => {
		const card = db.cards.findOne({ _id: cardId, boardId });
		if (!card) throw new MeteorError('not-found', 'Card not found');
		return card;
	};

	/** `req.body.type && !DEPENDENCY_TYPE_IDS.includes(req.body.type)`: only a truthy type is checked. */
	const checkType = (type: unknown) => {
		if (type && !DEPENDENCY_TYPE_IDS.includes(type as string)) throw new MeteorError('bad-request', BAD_TYPE);
	};

	// server/models/dependencies.js:126-146: checkBoardAccess; for every live card of the board (natural order) each
	// of its normalised dependencies as a line. Archived cards' dependencies are not listed; a target that is
	// archived, on another board or gone still is.
	router.get('/api/boards/:boardId/dependencies', 'statusData', (ctx) => {
		const { boardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		const lines = [];
		// `{boardId, archived: false}`, with the archived test done here (the same match: exactly false) so the
		// board index answers the rest without a per-card query test.
		for (const card of db.cards.find({ boardId })) {
			if (card.archived !== false) continue;
			for (const dep of normalizeDependencies(card.cardDependencies)) lines.push(dependencyLine(wekan, card, dep));
		}
		return lines;
	});

	// server/models/dependencies.js:157-173: the card's own dependencies, normalised (bare strings as objects, defaults
	// filled in). Only the source card lists an entry: the target's list does not show it.
	router.get(base, 'statusData', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardRead(ctx.userId, boardId);
		return normalizeDependencies(cardOnBoard(cardId, boardId).cardDependencies);
	});

	// server/models/dependencies.js:191-245: add, or update in place when the card already has that target.
	router.post(base, 'statusData', (ctx) => {
		const { boardId, cardId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		const card = cardOnBoard(cardId, boardId);
		const body = ctx.body;
		// `dependsOn` is an alias for `cardId`; the value is used as sent (not necessarily a string).
		const targetId = body.cardId || body.dependsOn;
		if (!targetId || targetId === cardId) throw new MeteorError('bad-request', 'A valid target cardId is required');
		checkType(body.type);
		// The target must be a card of this board (archived ones count).
		if (!getCard(wekan, { _id: targetId, boardId }))
			throw new MeteorError('bad-request', 'Target card is not on this board');
		const deps = normalizeDependencies(card.cardDependencies);
		const existing = deps.find((d) => d.cardId === targetId);
		// A falsy type, color or icon keeps the existing entry's, else gets the default.
		const entry = normalizeDependency({
			cardId: targetId,
			type: body.type || existing?.type,
			color: body.color || existing?.color,
			icon: body.icon || existing?.icon,
		}) as Dependency;
		if (existing) {
			// A positional update, which matches only object entries: an existing bare-string entry is not updated
			// (and no entry is added), though the answer is the same.
			db.cards.update(
				{ _id: cardId, 'cardDependencies.cardId': targetId },
				{
					$set: {
						'cardDependencies.$.type': entry.type,
						'cardDependencies.$.color': entry.color,
						'cardDependencies.$.icon': entry.icon,
					},
				},
			);
		} else {
			db.cards.update(cardId, { $push: { cardDependencies: entry } });
		}
		// The entry as built, not as stored: the schema may still have converted or trimmed its values.
		return { _id: cardId, ...entry };
	});

	// server/models/dependencies.js:260-291: each of type, color and icon the body has (null included) is $set on the
	// entry for that target. A target the card has no (object) entry for matches nothing, and the answer is the same.
	router.put(`${base}/:targetId`, 'statusData', (ctx) => {
		const { boardId, cardId, targetId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		cardOnBoard(cardId, boardId);
		const body = ctx.body;
		checkType(body.type);
		const modifier: Record<string, unknown> = {};
		for (const key of ['type', 'color', 'icon']) {
			if (body[key] !== undefined) modifier[`cardDependencies.$.${key}`] = body[key];
		}
		if (Object.keys(modifier).length === 0) {
			throw new MeteorError('bad-request', 'Provide at least one of type, color, icon');
		}
		db.cards.update({ _id: cardId, 'cardDependencies.cardId': targetId }, { $set: modifier });
		return { _id: cardId };
	});

	// server/models/dependencies.js:303-319: $pull of the object entries with that target; a bare-string entry stays.
	router.delete(`${base}/:targetId`, 'statusData', (ctx) => {
		const { boardId, cardId, targetId } = ctx.params;
		wekan.can.boardWrite(ctx.userId, boardId);
		cardOnBoard(cardId, boardId);
		db.cards.update(cardId, { $pull: { cardDependencies: { cardId: targetId } } });
		return { _id: cardId };
	});
}
