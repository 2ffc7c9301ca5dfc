/**
 * Integrations, i.e. outgoing webhooks (wekan-api.md §2.10, §4.1; server/models/integrations.js). Style A
 * everywhere: errors come back as HTTP 200 with the serialised Meteor.Error, except the URL check's explicit 400.
 */
import { InternalError } from '../errors';
import { json, type RequestContext, type Router } from '../http';
import { randomId } from '../ids';
import type { IntegrationDoc } from '../model';
import type { Wekan } from '../server';

/** The document as the GET routes project it: everything but `token`. */
function withoutToken(integration: IntegrationDoc): Omit<IntegrationDoc, 'token'> {
	const { token: _token, ...rest } = integration;
	return rest;
}

export function registerIntegrationRoutes(router: Router, wekan: Wekan): void {
	const { store } = wekan;
	const integrationOf = (boardId: string, id: string) => {
		const integration = store.integrations.get(id);
		return integration && integration.boardId === boardId ? integration : undefined;
	};
	const invalidUrl = (reason: string) => json(400, { error: 'invalid-webhook-url', reason });

	router.get('/api/boards/:boardId/integrations', 'A', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		return store.integrations.find((i) => i.boardId === ctx.params.boardId).map(withoutToken);
	});

	// An unknown integration is an empty 200.
	router.get('/api/boards/:boardId/integrations/:intId', 'A', (ctx) => {
		wekan.can.boardRead(ctx.userId, ctx.params.boardId);
		const integration = integrationOf(ctx.params.boardId, ctx.params.intId);
		return integration ? withoutToken(integration) : undefined;
	});

	// Only `url` is read; the schema supplies the rest. Board `_global` does not exist, so global webhooks
	// cannot be made here (the board check fails with a 404 error body).
	router.post('/api/boards/:boardId/integrations', 'A', async (ctx) => {
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		const refused = await wekan.webhooks.validateUrl(ctx.body.url);
		if (refused) return invalidUrl(refused);
		const now = new Date();
		const integration: IntegrationDoc = {
			_id: randomId(),
			enabled: true,
			type: 'outgoing-webhooks',
			activities: ['all'],
			url: String(ctx.body.url),
			boardId: ctx.params.boardId,
			createdAt: now,
			modifiedAt: now,
			userId: ctx.userId as string,
		};
		store.integrations.insert(integration);
		return { _id: integration._id };
	});

	// One write per key in this order, so a refused URL leaves an earlier `enabled` or `title` applied.
	// `type` is not accepted here. An unknown integration still answers {_id}.
	router.put('/api/boards/:boardId/integrations/:intId', 'A', async (ctx) => {
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		const id = ctx.params.intId;
		const body = ctx.body;
		const has = (key: string) => Object.prototype.hasOwnProperty.call(body, key);
		const set = (apply: (i: IntegrationDoc) => void) => {
			const integration = integrationOf(ctx.params.boardId, id);
			if (!integration) return;
			apply(integration);
			integration.modifiedAt = new Date();
		};
		if (has('enabled')) {
			const enabled = body.enabled === true || body.enabled === 'true' ? true : body.enabled === false || body.enabled === 'false' ? false : undefined;
			// The schema rejects a value that is not a boolean; a thrown non-Meteor error serialises to {}.
			if (enabled === undefined) throw new InternalError('enabled must be of type Boolean');
			set((i) => (i.enabled = enabled));
		}
		if (has('title')) set((i) => (i.title = body.title === undefined || body.title === null ? undefined : String(body.title)));
		if (has('url')) {
			const refused = await wekan.webhooks.validateUrl(body.url);
			if (refused) return invalidUrl(refused);
			set((i) => (i.url = String(body.url)));
		}
		if (has('token')) set((i) => (i.token = body.token === undefined || body.token === null ? undefined : String(body.token)));
		if (has('activities')) {
			const activities = Array.isArray(body.activities) ? body.activities.map(String) : [String(body.activities)];
			set((i) => (i.activities = activities));
		}
		return { _id: id };
	});

	/** $addToSet / $pullAll with the body's array; anything else is a database error, which serialises to {}. */
	const changeActivities = (mode: 'add' | 'remove') => (ctx: RequestContext) => {
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		const activities = ctx.body.activities;
		if (!Array.isArray(activities)) throw new InternalError(mode === 'add' ? '$each requires an array' : '$pullAll requires an array');
		const integration = integrationOf(ctx.params.boardId, ctx.params.intId);
		if (!integration) return undefined;
		const values = activities.map(String);
		integration.activities =
			mode === 'add'
				? [...integration.activities, ...values.filter((a, n) => !integration.activities.includes(a) && values.indexOf(a) === n)]
				: integration.activities.filter((a) => !values.includes(a));
		integration.modifiedAt = new Date();
		return { _id: integration._id, activities: integration.activities };
	};
	router.post('/api/boards/:boardId/integrations/:intId/activities', 'A', changeActivities('add'));
	router.delete('/api/boards/:boardId/integrations/:intId/activities', 'A', changeActivities('remove'));

	router.delete('/api/boards/:boardId/integrations/:intId', 'A', (ctx) => {
		wekan.can.boardAdmin(ctx.userId, ctx.params.boardId);
		if (integrationOf(ctx.params.boardId, ctx.params.intId)) store.integrations.remove(ctx.params.intId);
		return { _id: ctx.params.intId };
	});
}
