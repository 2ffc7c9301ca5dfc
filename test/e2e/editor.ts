/**
 * The editor, in Debian's Chromium driven headless by playwright-core: what a user clicks to use our nodes.
 * Sign in; open the node panel and search "Wekan"; add our action node ("Wekan Kanban": n8n's built-in node is
 * called "Wekan") through its "Get a card" action; create a Wekan credential in its dialog (a wrong password shows
 * our message, the right one passes the test); pick a board from the dropdown and a card by pasting its URL;
 * execute the node and see its output. Then add the Wekan Trigger from the same panel entry and see its webhook URL
 * and notice. Screenshots of each step go into `screenshots`.
 *
 * Every editor page load fetches some 500 files from n8n, which takes 10-20 s on a busy machine, so the whole
 * scenario runs in one page load: sign-in redirects straight to a new workflow, and the trigger is added to that
 * same workflow.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_ADMIN, SEED_CARDS } from '../../demo/seed';
import { type N8n, OWNER } from './n8n';
import { expect, type Report } from './report';
import type { SeededWekan } from './wekan';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface EditorScenario {
	n8n: N8n;
	report: Report;
	wekan: SeededWekan;
	screenshots: string;
}

function loadPlaywright(n8n: N8n): typeof import('playwright-core') {
	// playwright-core is installed with the n8n host, not as a devDependency of the package.
	return require(n8n.host.playwrightCore) as typeof import('playwright-core');
}

/** What n8n's credential test answered (the dialog shows it, the response says it exactly). */
async function credentialTestResult(response: Promise<Response>): Promise<{ status: string; message: string }> {
	const body = (await (await response).json()) as { data: { status: string; message: string } };
	return body.data;
}

export async function editorChecks({ n8n, report, wekan, screenshots }: EditorScenario): Promise<void> {
	mkdirSync(screenshots, { recursive: true });
	const { chromium } = loadPlaywright(n8n);
	let browser: Browser | undefined;
	// Transitions are finished and n8n's toasts ("Credential saved", ...) hidden, so a screenshot shows the step,
	// not what is half-way on screen; a failure's screenshot keeps the toasts, which may say why.
	const shot = async (page: Page, name: string, toasts = false) => {
		await page.screenshot({ path: join(screenshots, `${name}.png`), animations: 'disabled', style: toasts ? undefined : '.el-notification { display: none !important; }' });
		return `${name}.png`;
	};
	const board = wekan.server.wekan.db.boards.findOne(wekan.seed.boardId)!;
	const cardTitle = SEED_CARDS.todo[0];
	const cardUrl = `${wekan.server.url}/b/${board._id}/${board.slug}/${wekan.seed.cards[cardTitle]}`;
	try {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		});
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(20_000);
		page.setDefaultNavigationTimeout(90_000);
		const creator = page.locator('[data-test-id="node-creator"]');
		const ndv = page.locator('[data-test-id="ndv"]');
		const creatorItem = (name: string) => creator.locator('[data-test-id="node-creator-item-name"]').filter({ hasText: new RegExp(`^${name}$`) });
		// A category of the panel (Triggers, Actions) folds and unfolds on a click; its wrapper says which it is.
		const foldCategory = async (name: string, folded: boolean) => {
			const wrapper = creator.locator('[data-category-collapsed]').filter({ has: page.locator(`[data-keyboard-nav-id="${name}"]`) });
			if ((await wrapper.getAttribute('data-category-collapsed')) !== String(folded)) {
				await wrapper.locator('[data-test-id="node-creator-category-item"]').click();
				await creator.locator(`[data-category-collapsed="${folded}"]`).filter({ has: page.locator(`[data-keyboard-nav-id="${name}"]`) }).waitFor();
			}
		};
		// The steps build on each other, so after a failure the rest are skipped rather than failed again.
		let broken = '';
		const check = async (name: string, fn: () => Promise<string[]>) => {
			if (broken) return report.skip(name, `"${broken}" failed`);
			const ok = await report.check(name, async () => {
				try {
					return await fn();
				} catch (error) {
					// A failed step leaves a screenshot of what the browser showed.
					await shot(page, `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`, true).catch(() => undefined);
					throw error;
				}
			});
			if (!ok) broken = name;
		};

		await check('sign in (straight to a new workflow)', async () => {
			await page.goto(`${n8n.url}/signin?redirect=${encodeURIComponent('/workflow/new')}`);
			await page.locator('input[type=email]').fill(OWNER.email);
			await page.locator('input[type=password]').fill(OWNER.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.locator('[data-test-id="canvas-add-button"]').waitFor();
			return [page.url().replace(n8n.url, '')];
		});

		await check('node panel: search "Wekan", open "Wekan Kanban", add its "Get a card" action', async () => {
			await page.locator('[data-test-id="canvas-add-button"]').click();
			await creator.locator('[data-test-id="node-creator-search-bar"]').fill('Wekan');
			await creatorItem('Wekan Kanban').waitFor();
			const found = (await creator.locator('[data-test-id="node-creator-item-name"]').allTextContents()).map((t) => t.trim());
			const search = await shot(page, 'node-panel-search');
			expect(found.includes('Wekan'), `n8n's built-in "Wekan" is not listed: ${found.join(', ')}`);
			await creatorItem('Wekan Kanban').click();
			// Our entry has triggers (from the Wekan Trigger, which n8n merges into it) and actions; the triggers
			// come first, so they are folded away to show the actions.
			const categories = creator.locator('[data-test-id="node-creator-category-item"]');
			await categories.filter({ hasText: /^Actions/ }).waitFor();
			const counts = (await categories.allTextContents()).map((t) => t.trim());
			await foldCategory('Triggers', true);
			await foldCategory('Actions', false);
			await creatorItem('Get a card').waitFor();
			const actions = await shot(page, 'node-panel-actions');
			await creatorItem('Get a card').click();
			await ndv.waitFor();
			const resource = await ndv.locator('[data-test-id="parameter-input-resource"] input').inputValue();
			const operation = await ndv.locator('[data-test-id="parameter-input-operation"] input').inputValue();
			expect(resource === 'Card' && operation === 'Get', `the node opened with Resource "${resource}", Operation "${operation}"`);
			return [
				`search "Wekan" lists: ${found.map((f) => `"${f}"`).join(', ')} (${search})`,
				`"Wekan Kanban" has ${counts.join(' and ')} (${actions})`,
				`"Get a card" opened the node with Resource "${resource}", Operation "${operation}"`,
			];
		});

		let credentialName = '';
		await check('credential dialog: a wrong password shows our message, the right one passes the test', async () => {
			// A new n8n offers "Connect to ..."; one that has credentials of this type (the server checks made some)
			// selects one of them, and a new one is made from the dropdown.
			const empty = ndv.locator('[data-test-id="node-credentials-empty-state"]');
			if (await empty.isVisible()) {
				await empty.click();
			} else {
				await ndv.locator('[data-test-id="node-credentials-select"]').click();
				await page.getByText('Create new credential').first().click();
			}
			const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
			await dialog.waitFor();
			await dialog.locator('[data-test-id="parameter-input-url"] input').fill(wekan.server.url);
			await dialog.locator('[data-test-id="parameter-input-login"] input').fill(DEMO_ADMIN.username);
			await dialog.locator('[data-test-id="parameter-input-password"] input').fill('wrong-password');
			const save = page.locator('[data-test-id="credential-save-button"]');
			let tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'));
			await save.click();
			const wrong = await credentialTestResult(tested);
			expect(wrong.status === 'Error', `the test of a wrong password answered ${JSON.stringify(wrong)}`);
			// n8n shows "Couldn't connect with these settings"; the node's own message is behind "More details".
			const more = dialog.getByText('More details');
			await more.waitFor({ timeout: 5_000 }).then(() => more.click(), () => undefined);
			await dialog.getByText(wrong.message).waitFor();
			expect(/rejected the username\/email or password/.test(wrong.message), `the dialog shows n8n's message, not ours: "${wrong.message}"`);
			// The header's Save button repaints a moment after the save (blank until then) with no change in the
			// DOM to wait for; the pause only makes the screenshot look right.
			await page.waitForTimeout(1_000);
			const wrongShot = await shot(page, 'credential-wrong-password');

			await dialog.locator('[data-test-id="parameter-input-password"] input').fill(DEMO_ADMIN.password);
			tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'));
			await save.click();
			const right = await credentialTestResult(tested);
			expect(right.status === 'OK', `the test of the right password answered ${JSON.stringify(right)}`);
			// A credential that passes its test closes the dialog and is selected in the node.
			await dialog.waitFor({ state: 'hidden' });
			const select = ndv.locator('[data-test-id="node-credentials-select"] input');
			credentialName = await select.inputValue();
			expect(credentialName, 'no credential is selected in the node after saving one');
			// Opened again, the dialog tests the credential once more and shows the result.
			tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'));
			await ndv.locator('[data-test-id="credential-edit-button"]').click();
			expect((await credentialTestResult(tested)).status === 'OK', 'the second test failed');
			await dialog.locator('[data-test-id="credentials-config-container-test-success"]').waitFor();
			const rightShot = await shot(page, 'credential-ok');
			await page.locator('[data-test-id="editCredential-modal"]').getByRole('button', { name: 'Close this dialog' }).click();
			await dialog.waitFor({ state: 'hidden' });
			return [
				`wrong password: "Couldn’t connect with these settings", and under "More details": "${wrong.message}" (${wrongShot})`,
				`right password: "${right.message}"; "${credentialName}" selected in the node; "Connection tested successfully" (${rightShot})`,
			];
		});

		await check('pick the board from the dropdown, paste a card URL, execute the node', async () => {
			await ndv.locator('[data-test-id="resource-locator-boardId"] [data-test-id="rlc-input"]').click();
			await page.locator('[data-test-id="rlc-item"]').filter({ hasText: board.title }).first().click();
			const cardLocator = ndv.locator('[data-test-id="resource-locator-cardId"]');
			// "By URL" is the card's first mode; chosen explicitly in case that changes.
			const mode = cardLocator.locator('[data-test-id="rlc-mode-selector"] input');
			if ((await mode.inputValue()) !== 'By URL') {
				await mode.click();
				await page.getByRole('option', { name: 'By URL' }).click();
			}
			await cardLocator.locator('[data-test-id="rlc-input"]').fill(cardUrl);
			const parameters = await shot(page, 'node-parameters');
			await ndv.locator('[data-test-id="node-execute-button"]').click();
			const output = ndv.locator('[data-test-id="output-panel"]');
			// The JSON view shows the card's title without scrolling; the table puts it far to the right.
			await output.locator('[data-test-id="radio-button-json"]').click();
			await output.getByText(`"${cardTitle}"`).waitFor();
			const file = await shot(page, 'node-output');
			return [`board "${board.title}" picked, card URL pasted (${parameters}); output shows "${cardTitle}" (${file})`];
		});

		await check('add the Wekan Trigger: its webhook URL and notice are shown', async () => {
			await ndv.locator('[data-test-id="ndv-close-button"]').click();
			await ndv.waitFor({ state: 'hidden' });
			await page.locator('[data-test-id="node-creator-plus-button"]').click();
			await creator.locator('[data-test-id="node-creator-search-bar"]').fill('Wekan');
			await creatorItem('Wekan Kanban').click();
			// After a step, the panel lists the entry's actions first and its triggers folded below them.
			await foldCategory('Actions', true);
			await foldCategory('Triggers', false);
			await creatorItem('On card moved').click();
			await ndv.waitFor();
			// The credential just made, not one the server checks left behind (those point at other Wekan servers).
			const select = ndv.locator('[data-test-id="node-credentials-select"]');
			if ((await select.locator('input').inputValue()) !== credentialName) {
				await select.click();
				await page.locator('.el-select-dropdown__item').filter({ hasText: new RegExp(`^${credentialName}$`) }).click();
			}
			await ndv.locator('[data-test-id="resource-locator-boardId"] [data-test-id="rlc-input"]').click();
			await page.locator('[data-test-id="rlc-item"]').filter({ hasText: board.title }).first().click();
			const events = (await ndv.locator('[data-test-id="parameter-input-events"]').textContent())?.trim();
			await ndv.getByText(/Wekan must be able to reach this n8n/).waitFor();
			await ndv.getByText('Webhook URLs').click();
			// The production URL is the one the trigger registers in Wekan when the workflow is activated.
			await ndv.getByText('Production URL').click();
			const url = ndv.getByText(new RegExp(`^${n8n.url}/webhook/`));
			await url.waitFor();
			const shown = (await url.textContent())?.trim();
			const file = await shot(page, 'trigger');
			return [`"On card moved" added the Wekan Trigger with events "${events}"; notice and webhook URL ${shown} shown (${file})`];
		});
	} finally {
		await browser?.close();
	}
}
