import { Wekan } from '../../nodes/Wekan/Wekan.node';
import { rl } from '../engine/harness';
import { type Fixture, startFixture } from '../engine/fixture';
import { expectFailure, newCard, normalUser, op, runCounting } from './nodeTestKit';

describe('custom field', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await startFixture();
	});
	afterAll(() => f.close());

	const field = (operation: string, parameters = {}, credentialId?: string) =>
		op('customField', operation, { boardId: rl(f.boardId), ...parameters }, credentialId);

	async function create(parameters: Record<string, unknown>) {
		const result = await f.engine.run(field('create', parameters));
		expect(result.error).toBeUndefined();
		return result.json('Wekan')[0];
	}

	describe('Create', () => {
		it.each([
			['text', {}, {}],
			['number', {}, {}],
			['date', {}, {}],
			['checkbox', {}, {}],
			['currency', { currencyCode: 'usd' }, { currencyCode: 'USD' }],
			[
				'stringtemplate',
				{ stringtemplateFormat: 'https://t.example.com/%{value}', stringtemplateSeparator: ', ' },
				{ stringtemplateFormat: 'https://t.example.com/%{value}', stringtemplateSeparator: ',&#32;' },
			],
		])('creates a %s field with its settings', async (type, extra, settings) => {
			const out = await create({ name: `F ${type}`, type, ...extra });
			expect(out).toMatchObject({ name: `F ${type}`, type, settings, boardIds: [f.boardId] });
			expect(f.server.wekan.db.customFields.findOne(String(out._id))!.settings).toEqual(settings);
		});

		it('keeps a separator\'s spaces as &#32;, which Wekan would trim away, and sends no empty separator', async () => {
			const spaced = await create({ name: 'Sep', type: 'stringtemplate', stringtemplateFormat: '#%{value}', stringtemplateSeparator: ' | ' });
			expect(spaced.settings).toEqual({ stringtemplateFormat: '#%{value}', stringtemplateSeparator: '&#32;|&#32;' });
			const none = await create({ name: 'NoSep', type: 'stringtemplate', stringtemplateFormat: '#%{value}' });
			expect(none.settings).toEqual({ stringtemplateFormat: '#%{value}' });
		});

		it('refuses a format without %{value}, such as the ${} Wekan leaves as it is, before any request', async () => {
			for (const [format, message] of [
				['https://t.example.com/${}', 'Wekan leaves ${} as it is'],
				['Ticket', 'without it every value shows as the same text'],
			] as const) {
				const { result, requests } = await runCounting(f, field('create', { name: 'T', type: 'stringtemplate', stringtemplateFormat: format }));
				const text = expectFailure(result);
				expect(text).toContain('has no %{value}');
				expect(text).toContain(message);
				expect(requests).toBe(0);
			}
			const regex = await create({ name: 'Regex', type: 'stringtemplate', stringtemplateFormat: '${"regex":"^#","flags":"","replace":""}' });
			expect(regex.settings).toMatchObject({ stringtemplateFormat: '${"regex":"^#","flags":"","replace":""}' });
		});

		it('sends the name trimmed, as Wekan stores it, instead of reporting it as not applied', async () => {
			const out = await create({ name: '  Padded  ', type: 'text' });
			expect(out).toMatchObject({ name: 'Padded' });
		});

		it('creates a dropdown field with its options in one request', async () => {
			const before = f.server.wekan.requests('POST', /\/custom-fields/).length;
			const out = await create({ name: 'Priority', type: 'dropdown', dropdownOptions: 'High\nMedium\n\nLow' });
			const items = (out.settings as { dropdownItems: Array<{ _id: string; name: string }> }).dropdownItems;
			expect(items.map((i) => i.name)).toEqual(['High', 'Medium', 'Low']);
			for (const i of items) expect(i._id).toMatch(/^[A-Za-z0-9]{6}$/);
			expect(f.server.wekan.requests('POST', /\/custom-fields/).length - before).toBe(1);
		});

		it('sets the display flags, with Show on All Cards through the PUT Wekan needs for it', async () => {
			const out = await create({ name: 'Flags', type: 'number', options: { showOnCard: true, showSumAtTopOfList: true, alwaysOnCard: true } });
			expect(out).toMatchObject({ showOnCard: true, showSumAtTopOfList: true, alwaysOnCard: true, automaticallyOnCard: false });
			expect(f.server.wekan.requests('PUT', new RegExp(`/custom-fields/${String(out._id)}$`))).toHaveLength(1);
		});

		it('rejects a bad currency code, a duplicate option and an empty template before any request', async () => {
			for (const [parameters, message] of [
				[{ name: 'C', type: 'currency', currencyCode: 'euro' }, 'is not a three-letter code'],
				[{ name: 'D', type: 'dropdown', dropdownOptions: 'a\nb\na' }, '"a" is listed twice'],
				[{ name: 'S', type: 'stringtemplate', stringtemplateFormat: '={{ "" }}' }, 'Format is required'],
			] as const) {
				const { result, requests } = await runCounting(f, field('create', parameters));
				expect(expectFailure(result)).toContain(message);
				expect(requests).toBe(0);
			}
		});

		it('is refused to a read-only member', async () => {
			const { credentialId } = normalUser(f, 'cf-reader', f.boardId, { isReadOnly: true });
			const count = f.server.wekan.db.customFields.count();
			const result = await f.engine.run(field('create', { name: 'Nope', type: 'text' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(result.error).toMatchObject({ httpCode: '403' });
			expect(f.server.wekan.db.customFields.count()).toBe(count);
		});
	});

	describe('Get and Get Many', () => {
		it('gets one field in full', async () => {
			const created = await create({ name: 'Budget', type: 'currency', currencyCode: 'EUR' });
			const result = await f.engine.run(field('get', { customFieldId: created._id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ _id: created._id, name: 'Budget', settings: { currencyCode: 'EUR' } });
		});

		it('says an unknown field is not found (Wekan answers an empty 200)', async () => {
			const result = await f.engine.run(field('get', { customFieldId: 'NoField00000001' }));
			expect(expectFailure(result)).toContain(`No custom field NoField00000001 on board ${f.boardId}`);
			expect(result.error).toMatchObject({ httpCode: '404' });
		});

		it('lists the board\'s fields, optionally in full, with the limit applied', async () => {
			const all = await f.engine.run(field('getAll', { returnAll: true }));
			expect(all.error).toBeUndefined();
			const count = f.server.wekan.db.customFields.count({ boardIds: f.boardId });
			expect(all.json('Wekan')).toHaveLength(count);
			expect(all.json('Wekan')[0]).toEqual({ _id: expect.any(String), name: expect.any(String), type: expect.any(String), boardId: f.boardId });
			const full = await f.engine.run(field('getAll', { returnAll: false, limit: 2, options: { includeSettings: true } }));
			expect(full.json('Wekan')).toHaveLength(2);
			expect(full.json('Wekan')[0]).toHaveProperty('settings');
		});
	});

	describe('Update', () => {
		it('renames a field, changes flags and the currency, keeping the other settings', async () => {
			const created = await create({ name: 'Cost', type: 'currency', currencyCode: 'EUR' });
			const result = await f.engine.run(
				field('update', { customFieldId: created._id, updateFields: { name: 'Cost (USD)', currencyCode: 'USD', alwaysOnCard: true } }),
			);
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ name: 'Cost (USD)', settings: { currencyCode: 'USD' }, alwaysOnCard: true });
			expect(f.server.wekan.db.customFields.findOne(String(created._id))).toMatchObject({ name: 'Cost (USD)', alwaysOnCard: true });
		});

		it('sets Show on All Cards without putting the field on the cards already there, as Wekan\'s REST PUT does', async () => {
			const created = await create({ name: 'Later', type: 'text' });
			const card = newCard(f, 'Before the flag');
			const result = await f.engine.run(field('update', { customFieldId: created._id, updateFields: { alwaysOnCard: true } }));
			expect(result.error).toBeUndefined();
			// A direct write: the hook that adds the field to every card does not run (server/models/customFields.js:85-89, 198-200).
			expect(f.server.wekan.db.cards.findOne(card._id)!.customFields).toEqual([]);
		});

		it('keeps the other settings when one setting changes', async () => {
			const created = await create({ name: 'Tmpl', type: 'stringtemplate', stringtemplateFormat: 'x-%{value}' });
			const result = await f.engine.run(field('update', { customFieldId: created._id, updateFields: { stringtemplateSeparator: ' / ' } }));
			expect(result.error).toBeUndefined();
			expect(f.server.wekan.db.customFields.findOne(String(created._id))!.settings).toEqual({
				stringtemplateFormat: 'x-%{value}',
				stringtemplateSeparator: '&#32;/&#32;',
			});
			const cleared = await f.engine.run(field('update', { customFieldId: created._id, updateFields: { stringtemplateSeparator: '' } }));
			expect(cleared.error).toBeUndefined();
			expect(f.server.wekan.db.customFields.findOne(String(created._id))!.settings).toEqual({ stringtemplateFormat: 'x-%{value}' });
		});

		it('renames a field to a name with spaces around it, as Wekan stores it', async () => {
			const created = await create({ name: 'Short', type: 'text' });
			const result = await f.engine.run(field('update', { customFieldId: created._id, updateFields: { name: '  Longer  ' } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')[0]).toMatchObject({ name: 'Longer' });
		});

		it('refuses a currency code on a text field, and an unknown field, without writing', async () => {
			const created = await create({ name: 'Plain', type: 'text' });
			const wrong = await f.engine.run(field('update', { customFieldId: created._id, updateFields: { currencyCode: 'USD' } }));
			expect(expectFailure(wrong)).toContain('is a text field');
			const missing = await f.engine.run(field('update', { customFieldId: 'NoField00000002', updateFields: { name: 'x' } }));
			expect(expectFailure(missing)).toContain('No custom field NoField00000002');
			expect(f.server.wekan.requests('PUT', /\/custom-fields\/NoField00000002$/)).toHaveLength(0);
		});

		it('rejects an update without fields before any request', async () => {
			const { result, requests } = await runCounting(f, field('update', { customFieldId: 'AnyField0000001', updateFields: {} }));
			expect(expectFailure(result)).toContain('Nothing to update');
			expect(requests).toBe(0);
		});
	});

	describe('Delete', () => {
		it('deletes a field and removes its values from cards', async () => {
			const created = await create({ name: 'Temp', type: 'text' });
			const id = String(created._id);
			const card = newCard(f, 'With a value');
			f.server.wekan.db.cards.raw.update({ _id: card._id }, { $set: { customFields: [{ _id: id, value: 'v' }] } });
			const result = await f.engine.run(field('delete', { customFieldId: id }));
			expect(result.error).toBeUndefined();
			expect(result.json('Wekan')).toEqual([{ _id: id, name: 'Temp', type: 'text', boardId: f.boardId, boardIds: [f.boardId], deleted: true }]);
			expect(f.server.wekan.db.customFields.findOne(id)).toBeUndefined();
			expect(f.server.wekan.db.cards.findOne(card._id)!.customFields).toEqual([]);
		});

		it('refuses to delete a field other boards share, which Wekan would delete there too, unless told to', async () => {
			const w = f.server.wekan;
			const other = w.createBoard({ title: 'Copy of Engine Tests', ownerId: f.adminId });
			const created = await create({ name: 'Shared', type: 'text' });
			const id = String(created._id);
			// What copying or moving a card with a value to a board without such a field does (models/cards.js:899-904).
			w.db.customFields.raw.update({ _id: id }, { $push: { boardIds: other._id } });
			const { result, requests } = await runCounting(f, field('delete', { customFieldId: id }));
			expect(expectFailure(result)).toContain(`Custom field "Shared" is shared with 1 other board (${other._id})`);
			expect(requests).toBeGreaterThan(0);
			expect(w.requests('DELETE', new RegExp(`/custom-fields/${id}$`))).toHaveLength(0);
			expect(w.db.customFields.findOne(id)).toBeDefined();
			const everywhere = await f.engine.run(field('delete', { customFieldId: id, options: { deleteFromAllBoards: true } }));
			expect(everywhere.error).toBeUndefined();
			expect(everywhere.json('Wekan')[0]).toMatchObject({ deleted: true, boardIds: [f.boardId, other._id] });
			expect(w.db.customFields.findOne(id)).toBeUndefined();
		});

		it('fails for an unknown field instead of Wekan\'s silent success', async () => {
			const result = await f.engine.run(field('delete', { customFieldId: 'NoField00000003' }));
			expect(expectFailure(result)).toContain('No custom field NoField00000003');
			expect(f.server.wekan.requests('DELETE', /NoField00000003/)).toHaveLength(0);
		});
	});

	describe('Dropdown options', () => {
		const optionsOf = (id: unknown) => f.server.wekan.db.customFields.findOne(String(id))!.settings.dropdownItems ?? [];

		it('adds options and returns the field with all of them', async () => {
			const created = await create({ name: 'Size', type: 'dropdown', dropdownOptions: 'S' });
			const result = await f.engine.run(field('addDropdownOptions', { customFieldId: created._id, dropdownOptions: 'M\nL' }));
			expect(result.error).toBeUndefined();
			const items = (result.json('Wekan')[0].settings as { dropdownItems: Array<{ name: string }> }).dropdownItems;
			expect(items.map((i) => i.name)).toEqual(['S', 'M', 'L']);
			expect(optionsOf(created._id).map((i) => i.name)).toEqual(['S', 'M', 'L']);
		});

		it('refuses an option name the field already has, which Wekan would add a second time', async () => {
			const created = await create({ name: 'Tier', type: 'dropdown', dropdownOptions: 'Gold' });
			const result = await f.engine.run(field('addDropdownOptions', { customFieldId: created._id, dropdownOptions: 'Silver\n Gold ' }));
			expect(expectFailure(result)).toContain('Custom field "Tier" already has an option "Gold"');
			expect(f.server.wekan.requests('POST', new RegExp(`${String(created._id)}/dropdown-items`))).toHaveLength(0);
			const [gold] = optionsOf(created._id);
			const silver = await f.engine.run(field('addDropdownOptions', { customFieldId: created._id, dropdownOptions: 'Silver' }));
			expect(silver.error).toBeUndefined();
			const rename = await f.engine.run(field('updateDropdownOption', { customFieldId: created._id, dropdownOptionId: optionsOf(created._id)[1]._id, name: 'Gold' }));
			expect(expectFailure(rename)).toContain('already has another option "Gold"');
			expect(optionsOf(created._id).map((i) => i.name)).toEqual([gold.name, 'Silver']);
		});

		it('refuses to add options to a field that is not a dropdown', async () => {
			const created = await create({ name: 'NotDropdown', type: 'number' });
			const result = await f.engine.run(field('addDropdownOptions', { customFieldId: created._id, dropdownOptions: 'x' }));
			expect(expectFailure(result)).toContain('is a number field, not a dropdown');
			expect(f.server.wekan.requests('POST', new RegExp(`${String(created._id)}/dropdown-items`))).toHaveLength(0);
		});

		it('renames an option', async () => {
			const created = await create({ name: 'Stage', type: 'dropdown', dropdownOptions: 'Alpha\nBeta' });
			const [alpha] = optionsOf(created._id);
			const result = await f.engine.run(
				field('updateDropdownOption', { customFieldId: created._id, dropdownOptionId: alpha._id, name: 'Alpha 2' }),
			);
			expect(result.error).toBeUndefined();
			expect(optionsOf(created._id).map((i) => i.name)).toEqual(['Alpha 2', 'Beta']);
		});

		it('deletes an option', async () => {
			const created = await create({ name: 'Team', type: 'dropdown', dropdownOptions: 'Red\nBlue' });
			const [red] = optionsOf(created._id);
			const result = await f.engine.run(field('deleteDropdownOption', { customFieldId: created._id, dropdownOptionId: red._id }));
			expect(result.error).toBeUndefined();
			expect(optionsOf(created._id).map((i) => i.name)).toEqual(['Blue']);
		});

		it('fails for an option the field does not have, where Wekan would answer success', async () => {
			const created = await create({ name: 'Kind', type: 'dropdown', dropdownOptions: 'One' });
			const rename = await f.engine.run(field('updateDropdownOption', { customFieldId: created._id, dropdownOptionId: 'zzzzzz', name: 'x' }));
			expect(expectFailure(rename)).toContain('has no option zzzzzz');
			const remove = await f.engine.run(field('deleteDropdownOption', { customFieldId: created._id, dropdownOptionId: 'zzzzzz' }));
			expect(expectFailure(remove)).toContain('has no option zzzzzz');
			expect(f.server.wekan.requests(undefined, /dropdown-items\/zzzzzz$/)).toHaveLength(0);
		});

		it('is refused to a read-only member', async () => {
			const created = await create({ name: 'Locked', type: 'dropdown', dropdownOptions: 'a' });
			const { credentialId } = normalUser(f, 'cf-reader2', f.boardId, { isReadOnly: true });
			const result = await f.engine.run(field('addDropdownOptions', { customFieldId: created._id, dropdownOptions: 'b' }, credentialId));
			expect(expectFailure(result)).toContain('write access');
			expect(optionsOf(created._id).map((i) => i.name)).toEqual(['a']);
		});
	});

	describe('dropdowns', () => {
		it('lists the board\'s fields and a dropdown field\'s options for a read-only member', async () => {
			const created = await create({ name: 'Zeta Choice', type: 'dropdown', dropdownOptions: 'Yes\nNo' });
			const { credentialId } = normalUser(f, 'cf-picker', f.boardId, { isReadOnly: true });
			const methods = new Wekan().methods.loadOptions;
			const json = field('updateDropdownOption', { customFieldId: created._id }, credentialId);
			const fields = await methods.getBoardCustomFields.call(f.engine.loadOptionsContext(json, 'Wekan', 'parameters.customFieldId'));
			expect(fields).toContainEqual({ name: 'Zeta Choice (dropdown)', value: created._id });
			const options = await methods.getCustomFieldDropdownOptions.call(f.engine.loadOptionsContext(json, 'Wekan', 'parameters.dropdownOptionId'));
			expect(options.map((o) => o.name)).toEqual(['Yes', 'No']);
		});
	});
});
