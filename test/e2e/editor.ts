/**
 * The editor, in Debian's Chromium driven headless by playwright-core: what a user clicks to use our nodes.
 * Sign in; open the node panel and search "Wekan"; add the Wekan node; create a Wekan credential in its dialog
 * (a wrong password shows our message, the right one passes the test); pick a board from the dropdown and a card by
 * pasting its URL; execute the node and see its output. Then add the Wekan Trigger and see its webhook URL and
 * notice. Screenshots of each step go into `screenshots`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

export async function editorChecks({ n8n, report, wekan, screenshots }: EditorScenario): Promise<void> {
	mkdirSync(screenshots, { recursive: true });
	const { chromium } = loadPlaywright(n8n);
	let browser: Browser | undefined;
	const shot = async (page: Page, name: string) => {
		await page.screenshot({ path: join(screenshots, `${name}.png`) });
		return `${name}.png`;
	};
	const board = wekan.server.wekan.store.boards.get(wekan.seed.boardId)!;
	const cardTitle = SEED_CARDS.todo[0];
	const cardId = wekan.seed.cards[cardTitle];
	const cardUrl = `${wekan.server.url}/b/${board._id}/${board.slug}/${cardId}`;
	try {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		});
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(15_000);
		// A failed step leaves a screenshot of what the browser showed.
		const check: Report['check'] = async (name, fn, options) =>
			report.check(name, async () => {
				try {
					return await fn();
				} catch (error) {
					await shot(page, `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => undefined);
					throw error;
				}
			}, options);

		await check('sign in', async () => {
			await page.goto(`${n8n.url}/signin`);
			await page.locator('input[type=email]').fill(OWNER.email);
			await page.locator('input[type=password]').fill(OWNER.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			return [];
		}, { fatal: true });

		await check('open a Wekan node (Card > Get) on the canvas', async () => {
			// Put there through the API, so the later steps do not depend on the node panel.
			const created = (await n8n.api('POST', '/workflows', {
				name: 'Wekan in the editor',
				nodes: [
					{ id: 'e2e-manual', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'e2e-wekan', name: 'Get a card', type: 'n8n-nodes-wekan.wekan', typeVersion: 1, position: [220, 0], parameters: { resource: 'card', operation: 'get' } },
				],
				connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: 'Get a card', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			})) as { id: string };
			await page.goto(`${n8n.url}/workflow/${created.id}`);
			// What a user sees adding a step after the trigger: the node panel, searched for "Wekan".
			await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
			await page.locator('[data-test-id="node-creator-search-bar"]').fill('Wekan');
			await page.getByText('Consume Wekan API').first().waitFor();
			await shot(page, 'node-panel-search');
			const listed = await page.getByText('Work with Wekan boards').count();
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Get a card' }).dblclick();
			await page.locator('[data-test-id="ndv"]').waitFor();
			const file = await shot(page, 'node-open');
			expect(listed > 0, 'the node panel\'s search for "Wekan" (after the trigger) does not list our Wekan node: it shows n8n\'s built-in Wekan and our two triggers (node-panel-search.png); the node opens from a workflow that has it');
			return [file];
		});

		await check('credential dialog: a wrong password shows our message, the right one passes the test', async () => {
			await page.locator('[data-test-id="node-credentials-select"]').click();
			await page.getByText('Create new credential').first().click();
			const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
			await dialog.waitFor();
			await dialog.locator('[data-test-id="parameter-input-url"] input').fill(wekan.server.url);
			await dialog.locator('[data-test-id="parameter-input-login"] input').fill(DEMO_ADMIN.username);
			await dialog.locator('[data-test-id="parameter-input-password"] input').fill('wrong-password');
			await page.getByRole('button', { name: 'Save', exact: true }).first().click();
			// n8n shows "Couldn't connect" first; the node's own message is behind "More details".
			await dialog.getByText('More details').first().click();
			const error = dialog.getByText(/rejected the username\/email or password/);
			await error.first().waitFor();
			const wrong = await shot(page, 'credential-wrong-password');
			await dialog.locator('[data-test-id="parameter-input-password"] input').fill(DEMO_ADMIN.password);
			await page.getByRole('button', { name: 'Save', exact: true }).first().click();
			await dialog.getByText(/Connection tested successfully/i).first().waitFor();
			const right = await shot(page, 'credential-ok');
			await dialog.locator('.el-dialog__headerbtn, [aria-label="Close"], [aria-label="close"]').first().click();
			await dialog.waitFor({ state: 'hidden' });
			return [`wrong password: our message shown (${wrong}); right password: tested successfully (${right})`];
		});

		await check('pick the board from the dropdown, paste a card URL, execute the node', async () => {
			const ndv = page.locator('[data-test-id="ndv"]');
			await ndv.locator('[data-test-id="resource-locator-boardId"] [data-test-id="rlc-input"]').click();
			await page.locator('[data-test-id="rlc-item"]').filter({ hasText: board.title }).first().click();
			const cardLocator = ndv.locator('[data-test-id="resource-locator-cardId"]');
			await cardLocator.locator('[data-test-id="rlc-mode-selector"]').click();
			await page.getByRole('option', { name: 'By URL' }).click();
			await cardLocator.locator('[data-test-id="rlc-input"]').fill(cardUrl);
			await shot(page, 'node-parameters');
			await ndv.locator('[data-test-id="node-execute-button"]').click();
			await ndv.locator('[data-test-id="output-panel"]').getByText(cardTitle).first().waitFor();
			const file = await shot(page, 'node-output');
			await page.keyboard.press('Escape');
			return [`output shows '${cardTitle}' (${file})`];
		});

		await check('add the Wekan Trigger: its webhook URL and notice are shown', async () => {
			await page.goto(`${n8n.url}/workflow/new`);
			await page.locator('[data-test-id="canvas-add-button"]').click();
			await page.locator('[data-test-id="node-creator-search-bar"]').fill('Wekan Trigger');
			await page.locator('[data-test-id="node-creator-item-name"]').filter({ hasText: /^Wekan Trigger$/ }).first().click();
			const ndv = page.locator('[data-test-id="ndv"]');
			await ndv.waitFor();
			await ndv.getByText(/Wekan must be able to reach this n8n/).first().waitFor();
			await ndv.getByText(/Webhook URLs/i).first().click();
			await ndv.getByText(/\/webhook\//).first().waitFor();
			const file = await shot(page, 'trigger');
			return [`notice and webhook URL shown (${file})`];
		});
	} finally {
		await browser?.close();
	}
}
