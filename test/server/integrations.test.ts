/**
 * The integrations REST routes against Wekan v11.07: server/models/integrations.js:15-235, the schema of
 * models/integrations.js:11-144 and the URL check of models/lib/attachmentUrlValidation.js:276-323.
 */
import { expectEmpty200, expectStyleA, seedMember, seedUser, seedWorkBoard, type ServerHarness, startHarness, type TestUser } from './fixtures';

// A public address as an IP literal, so the URL check needs no DNS.
const PUBLIC_URL = 'http://93.184.216.34/hook';

describe('integration routes (server/models/integrations.js)', () => {
	let h: ServerHarness;
	let admin: TestUser;
	let alice: TestUser;
	let bob: TestUser;
	let reader: TestUser;
	let commenter: TestUser;
	let outsider: TestUser;
	let boardId: string;
	let base: string;

	beforeAll(async () => {
		h = await startHarness();
	});
	afterAll(() => h.close());

	beforeEach(() => {
		h.wekan.reset();
		admin = seedUser(h, 'admin', { isAdmin: true });
		alice = seedUser(h, 'alice');
		bob = seedUser(h, 'bob');
		reader = seedUser(h, 'reader');
		commenter = seedUser(h, 'commenter');
		outsider = seedUser(h, 'outsider');
		boardId = seedWorkBoard(h, alice).boardId;
		seedMember(h, boardId, bob);
		seedMember(h, boardId, reader, { isReadOnly: true });
		seedMember(h, boardId, commenter, { isCommentOnly: true });
		base = `/api/boards/${boardId}/integrations`;
	});

	const register = async (url = PUBLIC_URL, user = alice) => {
		const r = await h.call('POST', base, { token: user.token, body: { url } });
		expect(r.status).toBe(200);
		return r.json._id as string;
	};
	const stored = (id: string) => h.wekan.db.integrations.findOne(id);

	describe('POST (57-92)', () => {
		it(
			'inserts the url alone: enabled, type and activities are ' +
				'the schema defaults, the rest of the body is ignored',
			async () => {
				const created = await h.call('POST', base, {
					token: alice.token,
					body: {
						url: PUBLIC_URL,
						title: 'ignored',
						enabled: false,
						activities: ['act-createCard'],
						token: 's',
						type: 'bidirectional-webhooks',
					},
				});
				expect(created.status).toBe(200);
				expect(created.json).toEqual({ _id: expect.any(String) });
				expect(stored(created.json._id)).toEqual({
					_id: created.json._id,
					userId: alice.id,
					boardId,
					url: PUBLIC_URL,
					enabled: true,
					type: 'outgoing-webhooks',
					activities: ['all'],
					createdAt: expect.any(Date),
					modifiedAt: expect.any(Date),
				});
			},
		);

		it(
			'needs a board admin or a site admin (checkBoardAdmin, ' +
				'server/authentication.js:80-86), errors as HTTP 200 bodies',
			async () => {
				const forbidden = await h.call('POST', base, { token: bob.token, body: { url: PUBLIC_URL } });
				expect(forbidden.json).toEqual({
					isClientSafe: true,
					error: 'Forbidden',
					reason: 'Forbidden',
					message: 'Forbidden [Forbidden]',
					errorType: 'Meteor.Error',
					statusCode: 403,
				});
				expectStyleA(forbidden, 403);
				expectStyleA(await h.call('POST', base, { body: { url: PUBLIC_URL } }), 401);
				expect(h.wekan.db.integrations.count()).toBe(0);
				await register(PUBLIC_URL, admin);
				expect(h.wekan.db.integrations.count()).toBe(1);
			},
		);

		it("refuses board '_global' with the board check's 404: global webhooks cannot be made over REST", async () => {
			const r = await h.call('POST', '/api/boards/_global/integrations', {
				token: admin.token,
				body: { url: PUBLIC_URL },
			});
			expectStyleA(r, 404);
			expect(r.json.reason).toBe('Board not found');
		});

		it(
			'answers a refused URL with a real HTTP 400 {error: ' +
				'invalid-webhook-url, reason} (attachmentUrlValidation.js:276-323)',
			async () => {
				const cases: Array<[unknown, string]> = [
					[undefined, 'Empty URL'],
					['', 'Empty URL'],
					[42, 'Empty URL'],
					['not a url', 'Invalid URL format'],
					['ftp://93.184.216.34/x', 'Only HTTP and HTTPS protocols are allowed'],
					['http://localhost:5678/hook', 'Localhost is not allowed'],
					['http://api.localhost/hook', 'Localhost is not allowed'],
					['http://0.0.0.0/', 'Localhost is not allowed'],
					['http://127.0.0.1:5678/hook', 'IP address is not allowed'],
					['http://10.0.0.5/hook', 'IP address is not allowed'],
					['http://169.254.169.254/latest/meta-data', 'IP address is not allowed'],
					['http://100.64.0.1/', 'IP address is not allowed'],
					['http://224.0.0.1/', 'IP address is not allowed'],
					// WHATWG URL turns the decimal form into dotted quads before the check sees it.
					['http://2130706433/', 'IP address is not allowed'],
					// URL.hostname keeps an IPv6 literal's brackets: no IP to net.isIP, and no DNS name either.
					['http://[2606:4700::1111]/hook', 'Hostname did not resolve'],
				];
				for (const [url, reason] of cases) {
					const r = await h.call('POST', base, { token: alice.token, body: url === undefined ? {} : { url } });
					expect([url, r.status, r.json]).toEqual([url, 400, { error: 'invalid-webhook-url', reason }]);
				}
				expect(h.wekan.db.integrations.count()).toBe(0);
			},
		);
	});

	describe('GET (15-55)', () => {
		it(
			'lists the board integrations without their token, for any ' +
				'board reader (checkBoardAccess, authentication.js:51-57)',
			async () => {
				const first = await register();
				const second = await register('https://93.184.216.35/second');
				await h.call('PUT', `${base}/${first}`, { token: alice.token, body: { token: 'secret', title: 'n8n' } });
				expect(stored(first)?.token).toBe('secret');
				for (const user of [alice, bob, reader, admin]) {
					const list = await h.call('GET', base, { token: user.token });
					expect(list.status).toBe(200);
					expect(list.json.map((i: { _id: string }) => i._id)).toEqual([first, second]);
					expect(list.json[0]).toMatchObject({
						_id: first,
						title: 'n8n',
						url: PUBLIC_URL,
						createdAt: expect.any(String),
					});
					expect(list.json[0]).not.toHaveProperty('token');
				}
				const one = await h.call('GET', `${base}/${first}`, { token: reader.token });
				expect(one.json).toMatchObject({ _id: first, boardId, title: 'n8n' });
				expect(one.json).not.toHaveProperty('token');
			},
		);

		it('refuses comment-only members and outsiders (403) and the anonymous (401), as HTTP 200 bodies', async () => {
			expectStyleA(await h.call('GET', base, { token: commenter.token }), 403);
			expectStyleA(await h.call('GET', base, { token: outsider.token }), 403);
			expectStyleA(await h.call('GET', base), 401);
			expectStyleA(await h.call('GET', '/api/boards/nope/integrations', { token: admin.token }), 404);
		});

		it("answers an empty 200 for an unknown integration or another board's (findOne gives undefined)", async () => {
			expectEmpty200(await h.call('GET', `${base}/missing`, { token: alice.token }));
			const other = seedWorkBoard(h, alice, 'Other').boardId;
			const r = await h.call('POST', `/api/boards/${other}/integrations`, {
				token: alice.token,
				body: { url: PUBLIC_URL },
			});
			expectEmpty200(await h.call('GET', `${base}/${r.json._id}`, { token: alice.token }));
			expect((await h.call('GET', base, { token: alice.token })).json).toEqual([]);
		});
	});

	describe('PUT (94-154)', () => {
		it('writes enabled, title, url, token and activities, each as its own direct update; type stays', async () => {
			const id = await register();
			const before = stored(id)!.modifiedAt.getTime();
			await new Promise((resolve) => setTimeout(resolve, 5));
			const put = await h.call('PUT', `${base}/${id}`, {
				token: alice.token,
				body: {
					enabled: false,
					title: 'n8n',
					url: 'https://93.184.216.35/x',
					token: 't0k',
					activities: ['act-createCard'],
					type: 'bidirectional-webhooks',
				},
			});
			expect(put.json).toEqual({ _id: id });
			expect(stored(id)).toMatchObject({
				enabled: false,
				title: 'n8n',
				url: 'https://93.184.216.35/x',
				token: 't0k',
				activities: ['act-createCard'],
				type: 'outgoing-webhooks',
			});
			// modifiedAt's autoValue runs on each update, even through `direct` (collection2 still cleans).
			expect(stored(id)!.modifiedAt.getTime()).toBeGreaterThan(before);
		});

		it(
			"lets the schema convert and clean the values: 'false' " +
				"becomes false, a string a one-item array, '' an $unset",
			async () => {
				const id = await register();
				await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { title: 'gone soon' } });
				await h.call('PUT', `${base}/${id}`, {
					token: alice.token,
					form: { enabled: 'false', activities: 'act-addComment', title: '' },
				});
				expect(stored(id)).toMatchObject({ enabled: false, activities: ['act-addComment'] });
				// simpl-schema's removeEmptyStrings turns `$set: {title: ''}` into `$unset: {title: ''}` (clean.js).
				expect(stored(id)).not.toHaveProperty('title');
				await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { enabled: 'true', title: 7 } });
				expect(stored(id)).toMatchObject({ enabled: true, title: '7' });
			},
		);

		it(
			'answers a value the schema refuses with {error: <message>} and ' +
				'HTTP 200 (circular ValidationError, apiResponseHelpers.js:57-64)',
			async () => {
				const id = await register();
				const bad = await h.call('PUT', `${base}/${id}`, {
					token: alice.token,
					body: { title: 'first', enabled: 'yes' },
				});
				expect([bad.status, bad.json]).toEqual([
					200,
					{ error: 'Enabled must be of type Boolean in integrations updateAsync' },
				]);
				// enabled is written first, so nothing after it happened.
				expect(stored(id)?.title).toBeUndefined();
				const none = await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { activities: null } });
				expect(none.json).toEqual({ error: 'Activities is required in integrations updateAsync' });
			},
		);

		it('checks a new url first: a refused one is a 400 after enabled and title, before token', async () => {
			const id = await register();
			const r = await h.call('PUT', `${base}/${id}`, {
				token: alice.token,
				body: { title: 'first', url: 'http://192.168.1.10/x', token: 'never', activities: ['act-moveCard'] },
			});
			expect([r.status, r.json]).toEqual([400, { error: 'invalid-webhook-url', reason: 'IP address is not allowed' }]);
			expect(stored(id)).toMatchObject({ title: 'first', url: PUBLIC_URL, activities: ['all'] });
			expect(stored(id)?.token).toBeUndefined();
		});

		it('answers {_id} for an unknown integration or one of another board, changing nothing', async () => {
			const other = seedWorkBoard(h, alice, 'Other').boardId;
			const elsewhere = (
				await h.call('POST', `/api/boards/${other}/integrations`, { token: alice.token, body: { url: PUBLIC_URL } })
			).json._id;
			expect((await h.call('PUT', `${base}/nope`, { token: alice.token, body: { title: 'x' } })).json).toEqual({
				_id: 'nope',
			});
			expect((await h.call('PUT', `${base}/${elsewhere}`, { token: alice.token, body: { title: 'x' } })).json).toEqual({
				_id: elsewhere,
			});
			expect(stored(elsewhere)?.title).toBeUndefined();
		});

		it(
			'needs a board admin, and a body whose own hasOwnProperty is ' +
				'not a function throws a TypeError, which serializes to {}',
			async () => {
				const id = await register();
				expectStyleA(await h.call('PUT', `${base}/${id}`, { token: bob.token, body: { title: 'x' } }), 403);
				const odd = await h.call('PUT', `${base}/${id}`, {
					token: alice.token,
					body: { hasOwnProperty: 1, title: 'x' },
				});
				expect([odd.status, odd.json]).toEqual([200, {}]);
			},
		);
	});

	describe('POST and DELETE .../activities (156-214)', () => {
		it('adds with $addToSet/$each and removes with $pullAll, answering {_id, activities}', async () => {
			const id = await register();
			await h.call('PUT', `${base}/${id}`, { token: alice.token, body: { activities: ['act-createCard'] } });
			const added = await h.call('POST', `${base}/${id}/activities`, {
				token: alice.token,
				body: { activities: ['act-moveCard', 'act-createCard', 'act-addComment', 'act-moveCard'] },
			});
			expect(added.json).toEqual({ _id: id, activities: ['act-createCard', 'act-moveCard', 'act-addComment'] });
			const removed = await h.call('DELETE', `${base}/${id}/activities`, {
				token: alice.token,
				body: { activities: ['act-createCard'] },
			});
			expect(removed.json).toEqual({ _id: id, activities: ['act-moveCard', 'act-addComment'] });
		});

		it('takes a form string: the schema makes it a one-item array', async () => {
			const id = await register();
			const added = await h.call('POST', `${base}/${id}/activities`, {
				token: alice.token,
				form: { activities: 'act-deleteCard' },
			});
			expect(added.json).toEqual({ _id: id, activities: ['all', 'act-deleteCard'] });
			const removed = await h.call('DELETE', `${base}/${id}/activities`, {
				token: alice.token,
				form: { activities: 'all' },
			});
			expect(removed.json).toEqual({ _id: id, activities: ['act-deleteCard'] });
		});

		it(
			'without activities: $each undefined reaches MongoDB as {} ' +
				'(ignoreUndefined) and {} is added; $pullAll of nothing removes nothing',
			async () => {
				const id = await register();
				const added = await h.call('POST', `${base}/${id}/activities`, { token: alice.token, body: {} });
				expect(added.json).toEqual({ _id: id, activities: ['all', {}] });
				const removed = await h.call('DELETE', `${base}/${id}/activities`, { token: alice.token, body: {} });
				expect(removed.json).toEqual({ _id: id, activities: ['all', {}] });
			},
		);

		it('answers an empty 200 for an unknown integration, and 403 to a non-admin', async () => {
			expectEmpty200(
				await h.call('POST', `${base}/nope/activities`, { token: alice.token, body: { activities: ['x'] } }),
			);
			const id = await register();
			expectStyleA(
				await h.call('POST', `${base}/${id}/activities`, { token: bob.token, body: { activities: ['x'] } }),
				403,
			);
			expectStyleA(
				await h.call('DELETE', `${base}/${id}/activities`, { token: reader.token, body: { activities: ['all'] } }),
				403,
			);
		});
	});

	describe('DELETE (216-235)', () => {
		it('removes {_id, boardId} and answers {_id} whether or not anything matched', async () => {
			const id = await register();
			const other = seedWorkBoard(h, alice, 'Other').boardId;
			const elsewhere = (
				await h.call('POST', `/api/boards/${other}/integrations`, { token: alice.token, body: { url: PUBLIC_URL } })
			).json._id;
			expect((await h.call('DELETE', `${base}/${elsewhere}`, { token: alice.token })).json).toEqual({ _id: elsewhere });
			expect(stored(elsewhere)).toBeDefined();
			expect((await h.call('DELETE', `${base}/${id}`, { token: alice.token })).json).toEqual({ _id: id });
			expect(stored(id)).toBeUndefined();
			expect((await h.call('DELETE', `${base}/${id}`, { token: alice.token })).json).toEqual({ _id: id });
			expectStyleA(await h.call('DELETE', `${base}/${elsewhere}`, { token: bob.token }), 403);
		});
	});
});
