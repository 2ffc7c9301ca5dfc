/**
 * The list routes of server/models/lists.js:751-960 (Wekan v11.07, commit f5cc8e373). GET, POST, PUT and DELETE
 * catch every error and answer it with sendJsonResult at 200 (style A); copy and move have no try/catch, so what
 * they throw reaches Express's error page (style B), and their "not found" is an explicit 404 {error}.
 * The card routes under a list (…/lists/:listId/cards…) are in routes/cards.ts.
 */
import { json, type Router } from '../http';
import {
	buildListPutUpdate,
	copyList,
	moveList,
	newestCardChangeByList,
	repositionList,
	softRemoveList,
} from '../models/lists';
import { getDefaultSwimlane } from '../models/boards';
import type { Wekan } from '../server';
import { writableTarget } from './shared';

export function registerListRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;

	// server/models/lists.js:751-787: the board's non-archived lists in natural order (soft-deleted ones too), each
	// with its own modifiedAt and the newest change among all its cards, archived and soft-deleted cards included.
	router.get('/api/boards/:boardId/lists', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		const lists = db.lists.find({ boardId, archived: false });
		// Wekan projects the cards on listId, modifiedAt and dateLastActivity; only those are read here.
		const newestByList = newestCardChangeByList(db.cards.find({ boardId }));
		return lists.map((doc) => ({
			_id: doc._id,
			title: doc.title,
			modifiedAt: doc.modifiedAt || null,
			cardsModifiedAt: newestByList.get(doc._id) || null,
		}));
	});

	// server/models/lists.js:789-805: the whole document, or nothing (an empty 200) when no non-archived list of
	// that board has the id; a soft-deleted list is still found.
	router.get('/api/boards/:boardId/lists/:listId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.lists.findOne({ _id: ctx.params.listId, boardId, archived: false });
	});

	// server/models/lists.js:807-825
	router.post('/api/boards/:boardId/lists', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		// :812-814: getDefaultSwimlineAsync, which creates `<boardId>-default` on a board without swimlanes.
		const defaultSwimlane = getDefaultSwimlane(wekan, boardId);
		// :815-820: `sort: board.lists().length` reads `.length` of the Promise that board.lists() returns on the
		// server, so the list is inserted without a sort. The body's title and swimlaneId go to the schema as they
		// are (a missing or blank title fails validation: {"error": "Title is required in lists insertAsync"}).
		const id = db.lists.insert({
			title: ctx.body.title,
			boardId,
			sort: undefined,
			swimlaneId: ctx.body.swimlaneId || defaultSwimlane?._id,
		});
		return { _id: id };
	});

	// server/models/lists.js:827-875
	router.put('/api/boards/:boardId/lists/:listId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		const listId = ctx.params.listId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const list = db.lists.findOne({ _id: listId, boardId, archived: false });
		if (!list) return json(404, { error: 'List not found' });
		const update = buildListPutUpdate(ctx.body);
		if ('error' in update) return json(400, { error: update.error });
		// :858-869: a direct write (no changedListTitle activity), counted as done whether or not it matched; with
		// nothing recognised in the body the answer is 404 {"message": "Error"}. The schema converts or refuses the
		// values (a refusal is {"error": "<message> in lists updateAsync"}).
		if (!Object.keys(update.set).length) return json(404, { message: 'Error' });
		db.lists.direct.update({ _id: listId, boardId, archived: false }, { $set: update.set });
		return { _id: listId };
	});

	// server/models/lists.js:877-891: a soft delete of any list of the board (archived ones too) not yet deleted;
	// the answer is the same for a list that is not there.
	router.delete('/api/boards/:boardId/lists/:listId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		const listId = ctx.params.listId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const list = db.lists.findOne({ _id: listId, boardId });
		if (list && !list.deletedAt) softRemoveList(wekan, ctx.userId, list);
		return { _id: listId };
	});

	// server/models/lists.js:909-926
	router.post('/api/boards/:boardId/lists/:listId/copy', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		const toBoardId = writableTarget(wekan, ctx);
		// Archived lists can be copied.
		const list = db.lists.findOne({ _id: ctx.params.listId, boardId });
		if (!list) return json(404, { error: 'List not found' });
		const newId = copyList(wekan, list, toBoardId, ctx.body.toSwimlaneId);
		repositionList(wekan, newId, toBoardId, ctx.body.position);
		return { _id: newId };
	});

	// server/models/lists.js:932-960
	router.post('/api/boards/:boardId/lists/:listId/move', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		const listId = ctx.params.listId;
		const toBoardId = writableTarget(wekan, ctx);
		const list = db.lists.findOne({ _id: listId, boardId });
		if (!list) return json(404, { error: 'List not found' });
		if (toBoardId === boardId) {
			// :945-956: a direct write of the list's swimlaneId (not checked, and its cards keep theirs), then the
			// reposition.
			if (ctx.body.toSwimlaneId) db.lists.direct.update({ _id: listId }, { $set: { swimlaneId: ctx.body.toSwimlaneId } });
			repositionList(wekan, listId, toBoardId, ctx.body.position);
			return { _id: listId };
		}
		// :957-958: List.move leaves the list on its board and answers its id; `position` is not read.
		moveList(wekan, list, toBoardId, ctx.body.toSwimlaneId);
		return { _id: listId };
	});
}
