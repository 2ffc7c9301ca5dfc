/**
 * Swimlanes (wekan-api.md §2.5; server/models/swimlanes.js). Style A, except copy, move and the swimlane's
 * cards, whose errors escape as Express pages (style B).
 */
import { MeteorError } from '../errors';
import { json, type Router } from '../http';
import { randomId } from '../ids';
import type { CardDoc, ListDoc, SwimlaneDoc } from '../model';
import type { Wekan } from '../server';
import { copyCardDeep, sortForIndex } from './lists';
import { str } from './shared';

export function registerSwimlaneRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;

	const siblingsOf = (boardId: string, exceptId: string) =>
		store.swimlanes.find((s) => s.boardId === boardId && !s.archived && s._id !== exceptId).sort((a, b) => a.sort - b.sort);

	const nextSort = (boardId: string, exceptId = '') => {
		const sorts = store.swimlanes.find((s) => s.boardId === boardId && s._id !== exceptId).map((s) => s.sort);
		return sorts.length ? Math.max(...sorts) + 1 : 0;
	};

	const reposition = (swimlane: SwimlaneDoc, position: unknown) => {
		if (position === undefined || position === null || position === '') return;
		swimlane.sort = sortForIndex(siblingsOf(swimlane.boardId, swimlane._id), Number(position));
	};

	/** The list a card lands in on another board: one of the same title there, or a new one in `swimlaneId`. */
	const listOnBoard = (boardId: string, title: string, swimlaneId: string, userId: string): ListDoc => {
		const existing = store.lists.findOne((l) => l.boardId === boardId && !l.archived && l.title === title);
		if (existing) return existing;
		const created = wekan.createList(boardId, title, swimlaneId);
		wekan.webhooks.record({ activityType: 'createList', userId, boardId, listId: created._id, title, origin: 'rest' });
		return created;
	};

	/** Removes a list the way Lists.before.remove does: its cards go too. */
	const removeList = (list: ListDoc, userId: string) => {
		for (const card of store.cards.find((c) => c.listId === list._id)) wekan.deleteCardDeep(card._id);
		store.lists.remove(list._id);
		wekan.webhooks.record({
			activityType: 'removeList',
			userId,
			boardId: list.boardId,
			listId: list._id,
			title: list.title,
			origin: 'rest',
		});
	};

	router.get('/api/boards/:boardId/swimlanes', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		return store.swimlanes
			.find((s) => s.boardId === boardId && !s.archived)
			.map((s) => ({ _id: s._id, title: s.title }));
	});

	router.get('/api/boards/:boardId/swimlanes/:swimlaneId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		return store.swimlanes.findOne((s) => s._id === ctx.params.swimlaneId && s.boardId === boardId && !s.archived);
	});

	router.post('/api/boards/:boardId/swimlanes', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const title = str(ctx.body.title);
		// The schema's "Title is required" is a plain Error, which style A serialises as {}.
		if (!title) return {};
		const given = ctx.body.sort;
		const sort = given !== undefined && given !== null && given !== '' && Number.isFinite(Number(given)) ? Number(given) : undefined;
		const swimlane = wekan.createSwimlane(boardId, title, sort);
		wekan.webhooks.record({
			activityType: 'createSwimlane',
			userId: ctx.userId!,
			boardId,
			swimlaneId: swimlane._id,
			origin: 'rest',
		});
		return { _id: swimlane._id };
	});

	router.put('/api/boards/:boardId/swimlanes/:swimlaneId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const swimlane = store.swimlanes.findOne((s) => s._id === ctx.params.swimlaneId && s.boardId === boardId);
		// Meteor.Error('not-found', …) carries no statusCode.
		if (!swimlane) throw new MeteorError('not-found', 'Swimlane not found');
		// Only the title is read; a direct write, so no changedSwimlaneTitle activity.
		const title = str(ctx.body.title);
		if (title) {
			const now = new Date();
			Object.assign(swimlane, { title, modifiedAt: now, updatedAt: now });
		}
		return { _id: swimlane._id };
	});

	router.delete('/api/boards/:boardId/swimlanes/:swimlaneId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const swimlaneId = ctx.params.swimlaneId;
		const swimlane = store.swimlanes.findOne((s) => s._id === swimlaneId && s.boardId === boardId);
		if (swimlane) {
			// Lists in scope are this swimlane's and the shared ones (swimlaneId ''). With fewer than two,
			// those lists go (with their cards); otherwise only the swimlane's cards go.
			const lists = store.lists.find(
				(l) => l.boardId === boardId && (l.swimlaneId === swimlaneId || l.swimlaneId === '') && !l.archived,
			);
			if (lists.length < 2) {
				for (const list of lists) removeList(list, ctx.userId!);
			} else {
				for (const card of store.cards.find((c) => c.swimlaneId === swimlaneId)) wekan.deleteCardDeep(card._id);
			}
			store.swimlanes.remove(swimlaneId);
			wekan.webhooks.record({
				activityType: 'removeSwimlane',
				userId: ctx.userId!,
				boardId,
				swimlaneId,
				title: swimlane.title,
				origin: 'rest',
			});
		}
		return { _id: swimlaneId };
	});

	router.post('/api/boards/:boardId/swimlanes/:swimlaneId/copy', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const toBoardId = str(ctx.body.toBoardId) || boardId;
		wekan.can.boardWrite(ctx.userId, toBoardId);
		const swimlane = store.swimlanes.findOne((s) => s._id === ctx.params.swimlaneId && s.boardId === boardId);
		if (!swimlane) return json(404, { error: 'Swimlane not found' });
		const userId = ctx.userId!;
		const now = new Date();
		const copy: SwimlaneDoc = {
			...structuredClone(swimlane),
			_id: randomId(),
			title: str(ctx.body.title) || swimlane.title,
			boardId: toBoardId,
			createdAt: now,
			modifiedAt: now,
			updatedAt: now,
			archived: false,
		};
		delete copy.archivedAt;
		if (toBoardId === boardId) {
			// Placed just below the original.
			const siblings = siblingsOf(boardId, '');
			copy.sort = sortForIndex(siblings, siblings.findIndex((s) => s._id === swimlane._id) + 1);
		} else {
			copy.sort = nextSort(toBoardId);
		}
		store.swimlanes.insert(copy);
		wekan.webhooks.record({ activityType: 'createSwimlane', userId, boardId: toBoardId, swimlaneId: copy._id, origin: 'rest' });

		const listIds = new Map<string, string>();
		for (const list of store.lists.find((l) => l.boardId === boardId && l.swimlaneId === swimlane._id && !l.archived)) {
			const listCopy: ListDoc = {
				...structuredClone(list),
				_id: randomId(),
				boardId: toBoardId,
				swimlaneId: copy._id,
				createdAt: now,
				modifiedAt: now,
				updatedAt: now,
			};
			store.lists.insert(listCopy);
			listIds.set(list._id, listCopy._id);
			wekan.webhooks.record({
				activityType: 'createList',
				userId,
				boardId: toBoardId,
				listId: listCopy._id,
				title: listCopy.title,
				origin: 'rest',
			});
		}
		const cards = store.cards
			.find((c) => c.boardId === boardId && c.swimlaneId === swimlane._id && !c.archived)
			.sort((a, b) => a.sort - b.sort);
		for (const card of cards) {
			let listId = listIds.get(card.listId);
			if (!listId) {
				const source = store.lists.get(card.listId);
				listId = toBoardId === boardId || !source ? card.listId : listOnBoard(toBoardId, source.title, copy._id, userId)._id;
			}
			copyCardDeep(wekan, card, { boardId: toBoardId, listId, swimlaneId: copy._id });
		}
		reposition(copy, ctx.body.position);
		return { _id: copy._id };
	});

	router.post('/api/boards/:boardId/swimlanes/:swimlaneId/move', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const toBoardId = str(ctx.body.toBoardId) || boardId;
		wekan.can.boardWrite(ctx.userId, toBoardId);
		const swimlane = store.swimlanes.findOne((s) => s._id === ctx.params.swimlaneId && s.boardId === boardId);
		if (!swimlane) return json(404, { error: 'Swimlane not found' });
		const now = new Date();
		const title = str(ctx.body.title);
		if (title) swimlane.title = title;
		if (toBoardId !== boardId) {
			const lists = store.lists.find((l) => l.boardId === boardId && l.swimlaneId === swimlane._id);
			const moved = new Set(lists.map((l) => l._id));
			for (const list of lists) Object.assign(list, { boardId: toBoardId, modifiedAt: now, updatedAt: now });
			for (const card of store.cards.find((c: CardDoc) => c.boardId === boardId && c.swimlaneId === swimlane._id)) {
				let listId = card.listId;
				if (!moved.has(listId)) {
					const source = store.lists.get(listId);
					listId = listOnBoard(toBoardId, source?.title ?? card.title, swimlane._id, ctx.userId!)._id;
				}
				Object.assign(card, { boardId: toBoardId, listId });
				store.touchCard(card, now);
			}
			swimlane.boardId = toBoardId;
			swimlane.sort = nextSort(toBoardId, swimlane._id);
		}
		swimlane.modifiedAt = now;
		swimlane.updatedAt = now;
		reposition(swimlane, ctx.body.position);
		return { _id: swimlane._id };
	});

	router.get('/api/boards/:boardId/swimlanes/:swimlaneId/cards', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		return store.cards
			.find((c) => c.boardId === boardId && c.swimlaneId === ctx.params.swimlaneId && !c.archived)
			.sort((a, b) => a.sort - b.sort)
			.map((c) => ({
				_id: c._id,
				title: c.title,
				description: c.description,
				listId: c.listId,
				receivedAt: c.receivedAt,
				startAt: c.startAt,
				dueAt: c.dueAt,
				endAt: c.endAt,
				assignees: c.assignees,
				sort: c.sort,
			}));
	});
}
