/** What the route modules share of how Wekan's handlers read a request. */
import type { RequestContext } from '../http';
import type { Wekan } from '../server';

/**
 * `req.body.toBoardId || paramBoardId` of the list and swimlane copy and move routes (server/models/lists.js:915,
 * 938; server/models/swimlanes.js:277, 298). A truthy value that is not a string is looked up by its String() form,
 * which finds no board, as Meteor's findOneAsync(<number>) does not; an object would be a selector in Wekan, not
 * modelled.
 */
export function targetBoardId(ctx: RequestContext): string {
	const given = ctx.body.toBoardId;
	if (!given) return ctx.params.boardId;
	return typeof given === 'string' ? given : String(given);
}

/**
 * The checks the list and swimlane copy and move routes begin with: write access to the URL's board, then to the
 * target board (`Authentication.checkBoardWriteAccess` twice); answers the target board's id.
 */
export function writableTarget(wekan: Wekan, ctx: RequestContext): string {
	wekan.can.boardWrite(ctx.userId, ctx.params.boardId);
	const toBoardId = targetBoardId(ctx);
	wekan.can.boardWrite(ctx.userId, toBoardId);
	return toBoardId;
}
