/**
 * Board automation rules over REST against Wekan v11.07: server/models/rules.js:75-241 (error style: the error's
 * statusCode, else 500, with the serialised error, sendJsonResult at server/apiMiddleware.js:96-124), the rules
 * schema (models/rules.js:8-65), the triggers' and actions' date hooks (models/triggers.js:6-14,
 * models/actions.js:6-14), and the rules side of a board's removal, copy, export and import.
 */
import {
	copyBoardRules,
	exportBoardRules,
	importBoardRules,
	normalizeTriggerDoc,
	removeBoardRules,
} from '../wekan-server/models/rules';
import {
	BOARD_NON_READERS,
	BOARD_NON_WRITERS,
	BOARD_READERS,
	BOARD_WRITERS,
	type BoardFixture,
	boardFixture,
	callAs,
	expectStatusData,
	meteorError,
	type Who,
} from './fixtures';

const UNAUTHORIZED = meteorError('Unauthorized', 'Unauthorized', 401);
const FORBIDDEN = meteorError('Forbidden', 'Forbidden', 403);
const BOARD_NOT_FOUND = meteorError('NotFound', 'Board not found', 404);
const RULE_NOT_FOUND = meteorError('not-found', 'Rule not found');

const TRIGGER = { activityType: 'createCard', listName: 'To Do', swimlaneName: '*', cardTitle: '*', userId: '*' };
const ACTION = { actionType: 'moveCardToTop', listName: '*', swimlaneName: '*' };

describe('rules routes', () => {
	let f: BoardFixture;
	let base: string;
	const db = () => f.h.wekan.db;
	const call = (method: string, path: string, who: Who | undefined, body?: unknown) => callAs(f, method, path, who, body);
	const create = async (body: Record<string, unknown> = { title: 'R', trigger: TRIGGER, action: ACTION }) => {
		const r = await call('POST', base, 'owner', body);
		expect(r.status).toBe(200);
		return r.json as { _id: string; triggerId: string; actionId: string };
	};

	beforeAll(async () => {
		f = await boardFixture();
		base = `/api/boards/${f.boardId}/rules`;
	});
	beforeEach(() => {
		for (const collection of [db().rules, db().triggers, db().actions]) collection.clear();
	});
	afterAll(() => f.h.close());

	describe('POST (server/models/rules.js:139-170)', () => {
		it('inserts the trigger, the action and the rule, and answers their ids (spec 23-rest-api-more)', async () => {
			const { _id, triggerId, actionId } = await create({
				title: 'On create move to top',
				trigger: TRIGGER,
				action: ACTION,
			});
			expect(db().rules.findOne(_id)).toEqual({
				_id,
				title: 'On create move to top',
				triggerId,
				actionId,
				boardId: f.boardId,
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
			// models/triggers.js:6-9: createdAt and updatedAt, the same instant.
			const trigger = db().triggers.findOne(triggerId)!;
			expect(trigger).toEqual({
				_id: triggerId,
				...TRIGGER,
				// normalizeTriggerDoc: createCard's missing matching field boardId becomes '*', then the route's boardId wins.
				boardId: f.boardId,
				createdAt: expect.any(Date),
				updatedAt: expect.any(Date),
			});
			expect(trigger.updatedAt).toEqual(trigger.createdAt);
			// models/actions.js:6-9: an action's second date is modifiedAt.
			expect(db().actions.findOne(actionId)).toEqual({
				_id: actionId,
				...ACTION,
				boardId: f.boardId,
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
		});

		it("fills a listed activity type's missing, null and '' matching fields with '*' and keeps 0 and false (#2674, lines 51-62)", async () => {
			const { triggerId } = await create({
				trigger: {
					activityType: 'moveCard',
					listName: null,
					oldListName: 'Done',
					userId: '',
					cardTitle: 0,
					swimlaneName: false,
				},
				action: { actionType: 'removeMember', username: 'bob' },
			});
			expect(db().triggers.findOne(triggerId)).toMatchObject({
				activityType: 'moveCard',
				listName: '*',
				oldListName: 'Done',
				userId: '*',
				cardTitle: 0,
				swimlaneName: false,
			});
		});

		it('leaves a trigger of an unlisted type (scheduledTrigger, button) as sent: no wildcards (server/triggersDef.js:1-6)', async () => {
			const { triggerId } = await create({
				trigger: { activityType: 'scheduledTrigger', interval: 'daily', desc: '' },
				action: { actionType: 'createCard', cardName: 'Daily' },
			});
			const trigger = db().triggers.findOne(triggerId)!;
			// No schema on triggers: the empty desc is stored, nothing is trimmed or dropped.
			expect(trigger).toEqual({
				_id: triggerId,
				activityType: 'scheduledTrigger',
				interval: 'daily',
				desc: '',
				boardId: f.boardId,
				createdAt: expect.any(Date),
				updatedAt: expect.any(Date),
			});
		});

		it("drops the client's _id, boardId and dates (STRIP, line 25) and stores every other field of any type", async () => {
			const { triggerId, actionId } = await create({
				trigger: {
					...TRIGGER,
					_id: 'mine',
					boardId: f.otherBoardId,
					createdAt: 'x',
					modifiedAt: 'y',
					updatedAt: 'z',
					n: { deep: [1] },
				},
				action: { ...ACTION, _id: 'mine2', boardId: f.otherBoardId, createdAt: 'x', extra: '  padded  ' },
			});
			expect(triggerId).not.toBe('mine');
			expect(db().triggers.findOne(triggerId)).toMatchObject({ boardId: f.boardId, n: { deep: [1] } });
			expect(db().triggers.findOne(triggerId)!.createdAt).toBeInstanceOf(Date);
			expect(actionId).not.toBe('mine2');
			expect(db().actions.findOne(actionId)).toMatchObject({ boardId: f.boardId, extra: '  padded  ' });
		});

		it("titles a rule 'API rule' when the title is missing or falsy, and lets the schema trim and convert others", async () => {
			for (const title of [undefined, '', 0, false, null]) {
				const { _id } = await create({ title, trigger: TRIGGER, action: ACTION });
				expect(db().rules.findOne(_id)!.title).toBe('API rule');
			}
			expect(
				db().rules.findOne((await create({ title: '  Padded  ', trigger: TRIGGER, action: ACTION }))._id)!.title,
			).toBe('Padded');
			expect(db().rules.findOne((await create({ title: 42, trigger: TRIGGER, action: ACTION }))._id)!.title).toBe('42');
		});

		it('answers a title the schema refuses with 500 {error}, after the trigger and action were stored (lines 156-165)', async () => {
			const blank = await call('POST', base, 'owner', { title: '   ', trigger: TRIGGER, action: ACTION });
			expectStatusData(blank, 500, { error: 'Title is required in rules insertAsync' });
			const array = await call('POST', base, 'owner', { title: ['a', 'b'], trigger: TRIGGER, action: ACTION });
			expectStatusData(array, 500, { error: 'Title must be of type String in rules insertAsync' });
			expect(db().rules.count()).toBe(0);
			expect(db().triggers.count()).toBe(2);
			expect(db().actions.count()).toBe(2);
		});

		it('answers a missing part with 500 and the bad-request Meteor.Error, which has no statusCode (lines 145-154)', async () => {
			const cases: Array<[unknown, string]> = [
				[{ action: ACTION }, 'trigger and action are required'],
				[{ trigger: TRIGGER }, 'trigger and action are required'],
				[{ trigger: {}, action: ACTION }, 'trigger.activityType is required'],
				[{ trigger: { activityType: '' }, action: ACTION }, 'trigger.activityType is required'],
				[{ trigger: 'createCard', action: ACTION }, 'trigger.activityType is required'],
				[{ trigger: TRIGGER, action: { listName: '*' } }, 'action.actionType is required'],
			];
			for (const [body, reason] of cases) {
				expectStatusData(await call('POST', base, 'owner', body), 500, meteorError('bad-request', reason));
			}
			expect(db().triggers.count()).toBe(0);
		});

		it('reads a form body as strings, whose trigger has no activityType', async () => {
			const r = await f.h.call('POST', base, { token: f.users.owner.token, form: { trigger: 'x', action: 'y' } });
			expectStatusData(r, 500, meteorError('bad-request', 'trigger.activityType is required'));
		});

		it("answers an activityType naming an inherited property ('constructor') with 500 {}: TriggersDef finds it, forEach throws", async () => {
			const r = await call('POST', base, 'owner', { trigger: { activityType: 'constructor' }, action: ACTION });
			expectStatusData(r, 500, {});
			expect(db().triggers.count()).toBe(0);
		});

		it('takes an activityType of any type: an array naming a listed type is normalised as that type', async () => {
			const { triggerId } = await create({ trigger: { activityType: ['createCard'] }, action: ACTION });
			expect(db().triggers.findOne(triggerId)).toMatchObject({
				activityType: ['createCard'],
				listName: '*',
				cardTitle: '*',
			});
		});
	});

	describe('GET (server/models/rules.js:84-123)', () => {
		it("lists the board's rules in natural order as {_id, title, trigger, action}, stripped (serializeRule, lines 64-73)", async () => {
			const first = await create({ title: 'First', trigger: TRIGGER, action: ACTION });
			const second = await create({
				title: 'Second',
				trigger: { activityType: 'archivedCard' },
				action: { actionType: 'archive' },
			});
			db().rules.direct.update(first._id, { $set: { buttonType: 'card', buttonLabel: 'Go' } });
			// A rule of another board is not listed.
			await call('POST', `/api/boards/${f.otherBoardId}/rules`, 'owner', { trigger: TRIGGER, action: ACTION });
			const r = await call('GET', base, 'owner');
			expect(r.status).toBe(200);
			expect(r.json).toEqual([
				{ _id: first._id, title: 'First', trigger: TRIGGER, action: ACTION },
				{
					_id: second._id,
					title: 'Second',
					trigger: { activityType: 'archivedCard', userId: '*', cardTitle: '*' },
					action: { actionType: 'archive' },
				},
			]);
		});

		it('shows null for a trigger or action that is gone', async () => {
			const { _id, triggerId, actionId } = await create();
			db().triggers.remove(triggerId);
			db().actions.remove(actionId);
			expect((await call('GET', `${base}/${_id}`, 'owner')).json).toEqual({
				_id,
				title: 'R',
				trigger: null,
				action: null,
			});
		});

		it('answers one rule, and 500 not-found for an unknown id or a rule of another board', async () => {
			const { _id } = await create();
			const r = await call('GET', `${base}/${_id}`, 'readOnly');
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id, title: 'R', trigger: TRIGGER, action: ACTION });
			expectStatusData(await call('GET', `${base}/nope`, 'owner'), 500, RULE_NOT_FOUND);
			expectStatusData(await call('GET', `/api/boards/${f.otherBoardId}/rules/${_id}`, 'owner'), 500, RULE_NOT_FOUND);
		});

		it('answers an empty array for a board without rules', async () => {
			const r = await call('GET', base, 'owner');
			expect(r.status).toBe(200);
			expect(r.json).toEqual([]);
		});
	});

	describe('PUT (server/models/rules.js:189-218)', () => {
		it('renames, $sets the trigger and the action, and answers {_id} (spec 23-rest-api-more)', async () => {
			const { _id, triggerId, actionId } = await create();
			const before = { trigger: db().triggers.findOne(triggerId)!, action: db().actions.findOne(actionId)! };
			await new Promise((resolve) => setTimeout(resolve, 5));
			const r = await call('PUT', `${base}/${_id}`, 'normal', {
				title: 'Renamed rule',
				action: { actionType: 'moveCardToBottom', listName: '*', swimlaneName: '*' },
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id });
			expect(db().rules.findOne(_id)!.title).toBe('Renamed rule');
			const action = db().actions.findOne(actionId)!;
			expect(action.actionType).toBe('moveCardToBottom');
			// models/actions.js:11-14: modifiedAt renewed; createdAt kept.
			expect(action.createdAt).toEqual(before.action.createdAt);
			expect(action.modifiedAt!.getTime()).toBeGreaterThan(before.action.modifiedAt!.getTime());
			// The trigger was not in the body: untouched.
			expect(db().triggers.findOne(triggerId)).toEqual(before.trigger);
		});

		it("merges a trigger: fields left out keep their values, except a listed type's matching fields, which become '*'", async () => {
			const { _id, triggerId } = await create({
				trigger: { activityType: 'createCard', listName: 'To Do', desc: 'when added to To Do' },
				action: ACTION,
			});
			const created = db().triggers.findOne(triggerId)!;
			await call('PUT', `${base}/${_id}`, 'owner', {
				trigger: { activityType: 'createCard', swimlaneName: 'Default' },
			});
			const merged = db().triggers.findOne(triggerId)!;
			expect(merged).toMatchObject({
				activityType: 'createCard',
				listName: '*',
				swimlaneName: 'Default',
				desc: 'when added to To Do',
				boardId: f.boardId,
			});
			// models/triggers.js:11-14
			expect(merged.createdAt).toEqual(created.createdAt);
			expect(merged.updatedAt!.getTime()).toBeGreaterThanOrEqual(created.updatedAt!.getTime());
			// Without an activityType there is no normalisation: only what is sent changes.
			await call('PUT', `${base}/${_id}`, 'owner', { trigger: { listName: 'Done' } });
			expect(db().triggers.findOne(triggerId)).toMatchObject({ listName: 'Done', swimlaneName: 'Default' });
		});

		it('writes only a string title, which the schema trims', async () => {
			const { _id } = await create();
			await call('PUT', `${base}/${_id}`, 'owner', { title: 5 });
			expect(db().rules.findOne(_id)!.title).toBe('R');
			await call('PUT', `${base}/${_id}`, 'owner', { title: '  New  ' });
			expect(db().rules.findOne(_id)!.title).toBe('New');
		});

		it('answers a blank title with 500 {error}: simpl-schema turns the emptied $set into an $unset of the required title', async () => {
			const { _id, actionId } = await create();
			for (const title of ['', '   ']) {
				const r = await call('PUT', `${base}/${_id}`, 'owner', { title, action: { actionType: 'archive' } });
				expectStatusData(r, 500, { error: 'Title is required in rules updateAsync' });
			}
			expect(db().rules.findOne(_id)!.title).toBe('R');
			// The title comes first, so the action was not reached.
			expect(db().actions.findOne(actionId)!.actionType).toBe('moveCardToTop');
		});

		it('answers 200 for an empty body, changing nothing, and for a trigger that no longer exists', async () => {
			const { _id, triggerId } = await create();
			expect((await call('PUT', `${base}/${_id}`, 'owner', {})).json).toEqual({ _id });
			db().triggers.remove(triggerId);
			const r = await call('PUT', `${base}/${_id}`, 'owner', { trigger: TRIGGER });
			expect(r.status).toBe(200);
			expect(db().triggers.count()).toBe(0);
		});

		it('answers 500 not-found for a rule that is not on the board, and writes nothing', async () => {
			const { _id } = await create();
			const r = await call('PUT', `/api/boards/${f.otherBoardId}/rules/${_id}`, 'owner', { title: 'X' });
			expectStatusData(r, 500, RULE_NOT_FOUND);
			expect(db().rules.findOne(_id)!.title).toBe('R');
		});
	});

	describe('DELETE (server/models/rules.js:229-240)', () => {
		it('removes the rule, its trigger and its action and answers {_id}; a second delete is 500 not-found', async () => {
			const { _id, triggerId, actionId } = await create();
			const r = await call('DELETE', `${base}/${_id}`, 'owner');
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ _id });
			expect(db().rules.findOne(_id)).toBeUndefined();
			expect(db().triggers.findOne(triggerId)).toBeUndefined();
			expect(db().actions.findOne(actionId)).toBeUndefined();
			expectStatusData(await call('DELETE', `${base}/${_id}`, 'owner'), 500, RULE_NOT_FOUND);
		});
	});

	describe('permissions (server/authentication.js:51-77): reads need board-read, writes board-write', () => {

		it('GET: checkBoardAccess passes read-only and assigned-only members and refuses comment-only, no-comments and workers', async () => {
			const { _id } = await create();
			for (const who of BOARD_READERS) {
				expect((await call('GET', base, who)).status).toBe(200);
				expect((await call('GET', `${base}/${_id}`, who)).status).toBe(200);
			}
			for (const who of BOARD_NON_READERS) {
				expectStatusData(await call('GET', base, who), 403, FORBIDDEN);
				expectStatusData(await call('GET', `${base}/${_id}`, who), 403, FORBIDDEN);
			}
		});

		it('POST, PUT and DELETE: the write capability (admin, normal, normal-assigned-only, no-comments) or a site admin', async () => {
			const { _id } = await create();
			for (const who of BOARD_WRITERS) {
				expect((await call('POST', base, who, { trigger: TRIGGER, action: ACTION })).status).toBe(200);
				expect((await call('PUT', `${base}/${_id}`, who, { title: who })).status).toBe(200);
			}
			for (const who of BOARD_NON_WRITERS) {
				expectStatusData(await call('POST', base, who, { trigger: TRIGGER, action: ACTION }), 403, FORBIDDEN);
				expectStatusData(await call('PUT', `${base}/${_id}`, who, { title: 'x' }), 403, FORBIDDEN);
				expectStatusData(await call('DELETE', `${base}/${_id}`, who), 403, FORBIDDEN);
			}
			expect(db().rules.findOne(_id)).toBeDefined();
		});

		it('answers 401 without a token and 404 for a missing board, before reading the body (spec 23: unauthenticated is 401)', async () => {
			for (const [method, path] of [
				['GET', base],
				['GET', `${base}/x`],
				['POST', base],
				['PUT', `${base}/x`],
				['DELETE', `${base}/x`],
			]) {
				expectStatusData(await call(method, path, undefined, {}), 401, UNAUTHORIZED);
				expectStatusData(await call(method, path.replace(f.boardId, 'nope'), 'owner', {}), 404, BOARD_NOT_FOUND);
			}
		});
	});

	describe('model functions for the board code', () => {
		it('normalizeTriggerDoc copies the trigger and fills only the listed matching fields', () => {
			const input = { activityType: 'addedLabel', labelId: 'l1' };
			expect(normalizeTriggerDoc(input)).toEqual({
				activityType: 'addedLabel',
				labelId: 'l1',
				boardId: '*',
				userId: '*',
			});
			expect(input).toEqual({ activityType: 'addedLabel', labelId: 'l1' });
		});

		it("removeBoardRules removes the board's rules, triggers and actions (server/models/boards.js:47-63)", async () => {
			await create();
			await call('POST', `/api/boards/${f.otherBoardId}/rules`, 'owner', { trigger: TRIGGER, action: ACTION });
			removeBoardRules(f.h.wekan, f.boardId);
			for (const collection of [db().rules, db().triggers, db().actions]) {
				expect(collection.find({ boardId: f.boardId })).toEqual([]);
				expect(collection.find({ boardId: f.otherBoardId })).toHaveLength(1);
			}
		});

		it('copyBoardRules inserts actions, triggers and rules again with new ids and dates (models/boards.js:1152-1176)', async () => {
			const { _id, triggerId, actionId } = await create();
			await new Promise((resolve) => setTimeout(resolve, 5));
			const copied = copyBoardRules(f.h.wekan, f.boardId, f.otherBoardId);
			const newTriggerId = copied.triggers[triggerId];
			const newActionId = copied.actions[actionId];
			expect(db().triggers.findOne(newTriggerId)).toMatchObject({ ...TRIGGER, boardId: f.otherBoardId });
			expect(db().triggers.findOne(newTriggerId)!.createdAt!.getTime()).toBeGreaterThan(
				db().triggers.findOne(triggerId)!.createdAt!.getTime(),
			);
			expect(db().actions.findOne(newActionId)).toMatchObject({ ...ACTION, boardId: f.otherBoardId });
			expect(copied.rules).toHaveLength(1);
			expect(db().rules.findOne(copied.rules[0])).toEqual({
				_id: copied.rules[0],
				title: 'R',
				triggerId: newTriggerId,
				actionId: newActionId,
				boardId: f.otherBoardId,
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
			expect(db().rules.findOne(_id)!.boardId).toBe(f.boardId);
		});

		it("copyBoardRules: a rule whose trigger is not on the old board fails the rules schema ('Trigger ID is required')", async () => {
			const { triggerId } = await create();
			db().triggers.direct.update(triggerId, { $set: { boardId: 'elsewhere' } });
			expect(() => copyBoardRules(f.h.wekan, f.boardId, f.otherBoardId)).toThrow(
				'Trigger ID is required in rules insertAsync',
			);
		});

		it('exportBoardRules: the rules, then the triggers and actions they name once each, without boardId (models/exporter.js:651-656)', async () => {
			const a = await create({ title: 'A', trigger: TRIGGER, action: ACTION });
			const b = await create({ title: 'B', trigger: TRIGGER, action: ACTION });
			// Two rules sharing one trigger.
			db().rules.direct.update(b._id, { $set: { triggerId: a.triggerId } });
			const exported = exportBoardRules(f.h.wekan, f.boardId);
			expect(exported.rules.map((r) => r.title)).toEqual(['A', 'B']);
			expect(exported.rules[0]).not.toHaveProperty('boardId');
			expect(exported.triggers.map((t) => t._id)).toEqual([a.triggerId]);
			expect(exported.triggers[0]).toEqual({
				_id: a.triggerId,
				...TRIGGER,
				createdAt: expect.any(Date),
				updatedAt: expect.any(Date),
			});
			expect(exported.actions.map((x) => x._id)).toEqual([a.actionId, b.actionId]);
			// Scoped exports carry no rules (and so no triggers or actions).
			expect(exportBoardRules(f.h.wekan, f.boardId, { scoped: true })).toEqual({
				rules: [],
				triggers: [],
				actions: [],
			});
			// Exporter.build: each rule's trigger in turn, so a shared one twice.
			expect(exportBoardRules(f.h.wekan, f.boardId, { form: 'build' }).triggers.map((t) => t._id)).toEqual([
				a.triggerId,
				a.triggerId,
			]);
		});

		it('importBoardRules: direct inserts (no new dates), labelId and memberId mapped, rule ids mapped (models/wekanCreator.js:918-957)', () => {
			const created = importBoardRules(
				f.h.wekan,
				{
					triggers: [
						{
							_id: 't1',
							activityType: 'addedLabel',
							labelId: 'oldLabel',
							desc: 'd',
							createdAt: '2020-01-01T00:00:00.000Z',
						},
					],
					actions: [{ _id: 'a1', actionType: 'addMember', memberId: 'unmapped', username: 'bob' }],
					rules: [
						{
							_id: 'r1',
							title: 'Imported',
							triggerId: 't1',
							actionId: 'a1',
							createdAt: '2020-01-01T00:00:00.000Z',
							junk: 1,
						},
					],
				},
				f.otherBoardId,
				{ labels: { oldLabel: 'newLabel' }, members: {} },
			);
			expect(db().triggers.findOne(created.triggers.t1)).toEqual({
				_id: created.triggers.t1,
				activityType: 'addedLabel',
				labelId: 'newLabel',
				desc: 'd',
				// No hooks ran: the exported date stays the string it was.
				createdAt: '2020-01-01T00:00:00.000Z',
				boardId: f.otherBoardId,
			});
			// An unmapped memberId is undefined, which is not stored.
			expect(db().actions.findOne(created.actions.a1)).toEqual({
				_id: created.actions.a1,
				actionType: 'addMember',
				username: 'bob',
				boardId: f.otherBoardId,
			});
			// The rules schema still cleans a direct insert: new createdAt, unknown keys dropped.
			const rule = db().rules.findOne(created.rules[0])!;
			expect(rule).toEqual({
				_id: created.rules[0],
				title: 'Imported',
				triggerId: created.triggers.t1,
				actionId: created.actions.a1,
				boardId: f.otherBoardId,
				createdAt: expect.any(Date),
				modifiedAt: expect.any(Date),
			});
			expect(rule.createdAt!.getFullYear()).toBeGreaterThan(2020);
		});
	});
});
