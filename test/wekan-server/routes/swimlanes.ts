/**
 * The swimlane routes of server/models/swimlanes.js:126-309 (Wekan v11.07, commit f5cc8e373). GET, POST, PUT and
 * DELETE catch every error and answer it with sendJsonResult at 200 (style A); copy and move have no try/catch
 * (style B), and their "not found" is an explicit 404 {error}.
 * GET /api/boards/:boardId/swimlanes/:swimlaneId/cards is a card route (routes/cards.ts).
 */
import { MeteorError } from '../errors';
import { json, type Router } from '../http';
import { copySwimlane, moveSwimlane, nextSwimlaneSort, repositionSwimlane } from '../models/swimlanes';
import type { Wekan } from '../server';
import { writableTarget } from './shared';

export function registerSwimlaneRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;

	// server/models/swimlanes.js:126-147: the board's non-archived swimlanes in natural order (no sort).
	router.get('/api/boards/:boardId/swimlanes', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.swimlanes.find({ boardId, archived: false }).map((doc) => ({ _id: doc._id, title: doc.title }));
	});

	// server/models/swimlanes.js:149-169: the whole document, or an empty 200.
	router.get('/api/boards/:boardId/swimlanes/:swimlaneId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardRead(ctx.userId, boardId);
		return db.swimlanes.findOne({ _id: ctx.params.swimlaneId, boardId, archived: false });
	});

	// server/models/swimlanes.js:171-202: sort is the body's when it is a finite number (Number() of it, so "2",
	// true and [] count), else max(sort of the live swimlanes)+1, else 0 (#3624). The title goes to the schema as
	// it is.
	router.post('/api/boards/:boardId/swimlanes', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const existingSorts = db.swimlanes.find({ boardId, archived: false }, { sort: { sort: 1 } }).map((s) => s.sort);
		const id = db.swimlanes.insert({
			title: ctx.body.title,
			boardId,
			sort: nextSwimlaneSort(existingSorts, ctx.body.sort),
		});
		return { _id: id };
	});

	// server/models/swimlanes.js:204-233: archived swimlanes can be renamed; a direct write (no changedSwimlaneTitle
	// activity) of the body's title only.
	router.put('/api/boards/:boardId/swimlanes/:swimlaneId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		const swimlaneId = ctx.params.swimlaneId;
		wekan.can.boardWrite(ctx.userId, boardId);
		const swimlane = db.swimlanes.findOne({ _id: swimlaneId, boardId });
		// A Meteor.Error without a statusCode: serialised without one, at 200.
		if (!swimlane) throw new MeteorError('not-found', 'Swimlane not found');
		db.swimlanes.direct.update({ _id: swimlaneId }, { $set: { title: ctx.body.title } });
		return { _id: swimlaneId };
	});

	// server/models/swimlanes.js:235-253: a hooked remove (Swimlanes.before.remove decides what goes with it); the
	// answer is the same when nothing matched.
	router.delete('/api/boards/:boardId/swimlanes/:swimlaneId', 'A', (ctx) => {
		const boardId = ctx.params.boardId;
		const swimlaneId = ctx.params.swimlaneId;
		wekan.can.boardWrite(ctx.userId, boardId);
		db.swimlanes.remove({ _id: swimlaneId, boardId });
		return { _id: swimlaneId };
	});

	// server/models/swimlanes.js:271-288
	router.post('/api/boards/:boardId/swimlanes/:swimlaneId/copy', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		const toBoardId = writableTarget(wekan, ctx);
		const swimlane = db.swimlanes.findOne({ _id: ctx.params.swimlaneId, boardId });
		if (!swimlane) return json(404, { error: 'Swimlane not found' });
		const newId = copySwimlane(wekan, swimlane, toBoardId, null, 'below', ctx.body.title || '');
		repositionSwimlane(wekan, newId, toBoardId, ctx.body.position);
		return { _id: newId };
	});

	// server/models/swimlanes.js:292-309
	router.post('/api/boards/:boardId/swimlanes/:swimlaneId/move', 'B', (ctx) => {
		const boardId = ctx.params.boardId;
		const swimlaneId = ctx.params.swimlaneId;
		const toBoardId = writableTarget(wekan, ctx);
		const swimlane = db.swimlanes.findOne({ _id: swimlaneId, boardId });
		if (!swimlane) return json(404, { error: 'Swimlane not found' });
		moveSwimlane(wekan, swimlane, toBoardId, null, 'below', ctx.body.title || '');
		repositionSwimlane(wekan, swimlaneId, toBoardId, ctx.body.position);
		return { _id: swimlaneId };
	});
}
