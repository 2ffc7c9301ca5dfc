import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checks } from '../demo/checks';
import { recipes } from '../demo/recipes';
import { EXAMPLES_DIR, exampleFiles, fillPlaceholders, runDemo, runExample } from '../demo/run';

describe('demo: the example workflows', () => {
	it('has a check or a recipe for every example and an example for every check and recipe', () => {
		expect(exampleFiles().length).toBeGreaterThanOrEqual(3);
		expect([...Object.keys(checks), ...Object.keys(recipes)].sort()).toEqual(exampleFiles());
		expect(Object.keys(checks).filter((file) => file in recipes)).toEqual([]);
	});

	it('keeps every example importable into n8n', () => {
		for (const file of exampleFiles()) {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
			expect(workflow).toMatchObject({ name: expect.any(String), settings: { executionOrder: 'v1' }, pinData: {} });
			const names = workflow.nodes.map((n: { name: string }) => n.name);
			expect(new Set(names).size).toBe(names.length);
			for (const node of workflow.nodes) {
				expect(node).toMatchObject({ id: expect.any(String), typeVersion: expect.any(Number), position: [expect.any(Number), expect.any(Number)] });
				if (node.type === 'n8n-nodes-wekan.wekan') {
					expect(node.credentials).toEqual({ wekanRestApi: { id: expect.any(String), name: expect.any(String) } });
				}
			}
			for (const [from, outputs] of Object.entries(workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>)) {
				expect(names).toContain(from);
				for (const target of outputs.main.flat()) expect(names).toContain(target.node);
			}
		}
	});

	it('fills placeholders and refuses unknown ones', () => {
		expect(fillPlaceholders({ a: ['{{BOARD_ID}}', '={{ $json._id }}'] }, { BOARD_ID: 'b1' })).toEqual({ a: ['b1', '={{ $json._id }}'] });
		expect(() => fillPlaceholders('{{NOPE}}', {})).toThrow('unknown placeholder {{NOPE}}');
	});

	// Every example, each on a fresh board: well past jest's default timeout on a busy machine.
	it('runs every example, and Wekan shows each did what it says', async () => {
		const report = await runDemo();
		const failures = report.outcomes.filter((o) => !o.passed).map((o) => `${o.file}: ${o.lines.join(' / ')}`);
		expect(failures).toEqual([]);
		expect(report.passed).toBe(exampleFiles().length);
		expect(report.failed).toBe(0);
	}, 300_000);

	/** An example changed by `edit`, written under its own name into a temporary examples folder. */
	function edited(file: string, edit: (workflow: { nodes: Array<{ name: string; parameters: Record<string, unknown> }> }) => void): string {
		const dir = mkdtempSync(join(tmpdir(), 'wekan-examples-'));
		const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
		edit(workflow);
		writeFileSync(join(dir, file), JSON.stringify(workflow));
		return dir;
	}

	it('fails an example whose workflow succeeds but does not do what it says', async () => {
		const dir = edited('update-card-and-read-back.json', (w) => {
			const update = w.nodes.find((n) => n.name === 'Update card')!;
			(update.parameters.updateFields as Record<string, unknown>).color = 'red';
		});
		const outcome = await runExample('update-card-and-read-back.json', dir);
		expect(outcome.passed).toBe(false);
		expect(outcome.lines.join('\n')).toContain("Wekan does not show it: the top card's color is red");
	});

	it('fails a trigger recipe when a later step is not what it says, after reporting the steps that were', async () => {
		const dir = edited('recipe-card-moved-to-done-mark-complete.json', (w) => {
			(w.nodes.find((n) => n.name === 'Mark complete or reopen')!.parameters.updateFields as Record<string, unknown>).color = 'green';
		});
		const outcome = await runExample('recipe-card-moved-to-done-mark-complete.json', dir);
		expect(outcome.passed).toBe(false);
		const report = outcome.lines.join('\n');
		expect(report).toContain("'Design the new logo' is now marked complete and green");
		expect(report).toContain("Wekan does not show it: 'Design the new logo' left Done but its color is green, not white");
	});

	it('fails the webhook recipe when its trigger watches another list, and runs nothing for the new card', async () => {
		const dir = edited('recipe-new-card-assign-creator.json', (w) => {
			w.nodes.find((n) => n.name === 'Card created in To Do')!.parameters.filters = { listIds: ['{{DONE_LIST_ID}}'] };
		});
		const outcome = await runExample('recipe-new-card-assign-creator.json', dir);
		expect(outcome.passed).toBe(false);
		expect(outcome.lines.join('\n')).toContain('Wekan does not show it: the trigger started 0 runs, not one for the card in To Do');
	});

	it('fails the webhook recipe naming the node when the run after the trigger stops on an error', async () => {
		const dir = edited('recipe-new-card-assign-creator.json', (w) => {
			(w.nodes.find((n) => n.name === 'Assign creator')!.parameters.updateFields as Record<string, unknown>).color = 'skyblue';
		});
		const outcome = await runExample('recipe-new-card-assign-creator.json', dir);
		expect(outcome.passed).toBe(false);
		expect(outcome.lines.join('\n')).toMatch(/ran Card created in To Do \(1 item\) → Assign creator \(failed\): node "Assign creator" failed: "skyblue" is not a Wekan card color/);
	});

	it('fails an example whose workflow stops on an error, naming the node', async () => {
		const dir = edited('create-card-with-due-date-and-members.json', (w) => {
			w.nodes.find((n) => n.name === 'Get teammate')!.parameters.userId = { __rl: true, mode: 'username', value: 'nobody' };
		});
		const outcome = await runExample('create-card-with-due-date-and-members.json', dir);
		expect(outcome.passed).toBe(false);
		expect(outcome.lines.join('\n')).toMatch(/node "Get teammate" failed: .*nobody/);
	});
});
