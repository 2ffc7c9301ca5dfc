/**
 * The integrations (outgoing webhooks) REST routes: server/models/integrations.js:15-235 at Wekan v11.07, commit
 * f5cc8e373. Every route is style A: a thrown error is sent with HTTP 200 as `sendJsonResult` serializes it; the
 * URL check alone answers a real 400.
 */
import { json, type RequestContext, type Router } from '../http';
import type { Wekan } from '../server';

/** The 400 both write routes send for a refused URL (integrations.js:62-72, 112-123). */
const invalidWebhookUrl = (reason: string) => json(400, { error: 'invalid-webhook-url', reason });

/** `req.body.hasOwnProperty(key)`: a body whose own `hasOwnProperty` is not a function throws a TypeError. */
function bodyHas(body: Record<string, unknown>, key: string): boolean {
	const own = (body as { hasOwnProperty?: unknown }).hasOwnProperty;
	if (typeof own !== 'function') throw new TypeError('req.body.hasOwnProperty is not a function');
	return (own as (key: string) => boolean).call(body, key);
}

export function registerIntegrationRoutes(router: Router, wekan: Wekan): void {
	const { db } = wekan;
	const selectorOf = (ctx: RequestContext) => ({ _id: ctx.params.intId, boardId: ctx.params.boardId });

	// integrations.js:15-34: any board reader; every integration of the board, without its token, in natural order.
	router.get('/api/boards/:boardId/integrations', 'A', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return db.integrations.find({ boardId: ctx.params.boardId }, { fields: { token: 0 } });
	});

	// integrations.js:36-55: findOne gives undefined for an unknown id, and sendJsonResult then sends an empty 200.
	router.get('/api/boards/:boardId/integrations/:intId', 'A', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return db.integrations.findOne(selectorOf(ctx), { fields: { token: 0 } });
	});

	// integrations.js:57-92: a board admin (or site admin); the URL check first, then an insert of the url alone, so
	// enabled, type and activities take the schema's defaults and a body's title or token are ignored. The insert
	// runs the schema, whose literal-hostname check can still refuse what the DNS-aware one let through.
	router.post('/api/boards/:boardId/integrations', 'A', async (ctx) => {
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		const validation = await wekan.webhooks.validateUrl(ctx.body.url);
		if (!validation.valid) return invalidWebhookUrl(validation.reason);
		const id = db.integrations.insert({ userId: ctx.userId, boardId: ctx.params.boardId, url: ctx.body.url });
		return { _id: id };
	});

	// integrations.js:94-154: one direct update per key present, in this order, each on {_id, boardId} (no match, no
	// change) and each cleaned and validated by the schema, which also stamps modifiedAt. A refused url returns
	// before token and activities, after enabled and title are written. `type` cannot be changed here.
	router.put('/api/boards/:boardId/integrations/:intId', 'A', async (ctx) => {
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		const body = ctx.body;
		const set = (field: string) => db.integrations.direct.update(selectorOf(ctx), { $set: { [field]: body[field] } });
		if (bodyHas(body, 'enabled')) set('enabled');
		if (bodyHas(body, 'title')) set('title');
		if (bodyHas(body, 'url')) {
			const validation = await wekan.webhooks.validateUrl(body.url);
			if (!validation.valid) return invalidWebhookUrl(validation.reason);
			set('url');
		}
		if (bodyHas(body, 'token')) set('token');
		if (bodyHas(body, 'activities')) set('activities');
		return { _id: ctx.params.intId };
	});

	// integrations.js:156-184 and 186-214: $pullAll / $addToSet-$each with the body's activities, then the
	// integration's {_id, activities} (an empty 200 when it does not exist). The schema converts a single string to
	// an array; a missing value leaves `$each: undefined`, which the driver drops (ignoreUndefined), so `{}` is added.
	const changeActivities = (add: boolean) => (ctx: RequestContext) => {
		const activities = ctx.body.activities;
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		const modifier = add ? { $addToSet: { activities: { $each: activities } } } : { $pullAll: { activities } };
		db.integrations.direct.update(selectorOf(ctx), modifier);
		return db.integrations.findOne(selectorOf(ctx), { fields: { _id: 1, activities: 1 } });
	};
	router.delete('/api/boards/:boardId/integrations/:intId/activities', 'A', changeActivities(false));
	router.post('/api/boards/:boardId/integrations/:intId/activities', 'A', changeActivities(true));

	// integrations.js:216-235: removes {_id, boardId} and answers {_id} whether or not anything matched.
	router.delete('/api/boards/:boardId/integrations/:intId', 'A', (ctx) => {
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		db.integrations.direct.remove(selectorOf(ctx));
		return { _id: ctx.params.intId };
	});
}
