import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { CARD_NUMERIC_SETTING_KEYS, CARD_SETTING_KEYS } from '../wekan-server/routes/boards';
import { CARD_AGING_DAYS, CARD_SETTINGS } from '../../nodes/Wekan/actions/board/cardSettings';
import { expectFailure, normalUser, op, runCounting } from './nodeTestKit';

const board = (operation: string, parameters = {}, credentialId?: string) => op('board', operation, parameters, credentialId);

describe('Board card settings through the engine', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const w = () => f.server.wekan;

	it('offers exactly the keys Wekan\'s route reads', () => {
		expect(CARD_SETTINGS.map((s) => s.key).sort()).toEqual([...CARD_SETTING_KEYS].sort());
		expect(CARD_AGING_DAYS.map((s) => s.key)).toEqual(CARD_NUMERIC_SETTING_KEYS);
	});

	it('gets every setting and updates some, leaving the others', async () => {
		const b = w().createBoard({ title: 'Card Settings', ownerId: f.adminId });
		const got = await f.engine.run(board('getCardSettings', { boardId: rl(b._id) }));
		expect(got.error).toBeUndefined();
		const [before] = got.json('Wekan');
		expect(before).toMatchObject({ boardId: b._id, cardAging: false, allowsLabels: true, cardAgingDays1: 7 });
		expect(Object.keys(before)).toHaveLength(CARD_SETTING_KEYS.length + CARD_NUMERIC_SETTING_KEYS.length + 1);

		const updated = await f.engine.run(
			board('updateCardSettings', { boardId: rl(b._id), settings: { cardAging: true, cardAgingDays1: 3, allowsLabels: false } }),
		);
		expect(updated.error).toBeUndefined();
		expect(updated.json('Wekan')[0]).toMatchObject({ cardAging: true, cardAgingDays1: 3, allowsLabels: false, allowsComments: true });
		expect(w().db.boards.findOne(b._id)).toMatchObject({ cardAging: true, cardAgingDays1: 3, allowsLabels: false, allowsComments: true });
	});

	it('refuses a day count Wekan would skip, and an empty update, before any request', async () => {
		const b = w().createBoard({ title: 'Card Settings Bad', ownerId: f.adminId });
		const negative = await runCounting(f, board('updateCardSettings', { boardId: rl(b._id), settings: { cardAgingDays2: -1 } }));
		expect(expectFailure(negative.result)).toContain('whole number of days');
		expect(negative.requests).toBe(0);
		const fraction = await runCounting(f, board('updateCardSettings', { boardId: rl(b._id), settings: { cardAgingDays2: 2.5 } }));
		expect(expectFailure(fraction.result)).toContain('whole number of days');
		const empty = await runCounting(f, board('updateCardSettings', { boardId: rl(b._id), settings: {} }));
		expect(expectFailure(empty.result)).toContain('Nothing to update');
		expect(empty.requests).toBe(0);
	});

	it('refuses a read-only member the update', async () => {
		const b = w().createBoard({ title: 'Card Settings RO', ownerId: f.adminId });
		const { credentialId } = normalUser(f, 'settingsro', b._id, { isReadOnly: true });
		const read = await f.engine.run(board('getCardSettings', { boardId: rl(b._id) }, credentialId));
		expect(read.error).toBeUndefined();
		const result = await f.engine.run(board('updateCardSettings', { boardId: rl(b._id), settings: { cardAging: true } }, credentialId));
		expect(expectFailure(result)).toMatch(/write access|refused|forbidden/i);
		expect(w().db.boards.findOne(b._id)!.cardAging).toBe(false);
	});
});
