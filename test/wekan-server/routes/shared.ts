/** What the route modules share of how Wekan's handlers read a request. */
import type { RequestContext } from '../http';

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
