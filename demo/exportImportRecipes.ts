/**
 * The recipes for the export and import examples. The Wekan nodes of each example run through n8n's engine
 * against the demo server and Wekan's state is checked; nodes of other packages (a Schedule Trigger, Send Email,
 * Read/Write Files from Disk) are not run: their place is taken by a manual start or by the file they would read.
 */
import JSZip from 'jszip';
import type { INodeExecutionData } from 'n8n-workflow';
import { PACKAGE, rl, type WorkflowJson, wekanWorkflow } from '../test/engine/harness';
import { ensure } from './checks';
import type { Recipe, RecipeContext } from './recipeKit';
import { reportRun } from './runs';
import { SEED_CARDS } from './seed';

const WEKAN = `${PACKAGE}.wekan`;

/** The example's Wekan nodes from `first` on, in connection order, behind a manual start. */
function wekanPart(workflow: WorkflowJson, first: string): WorkflowJson {
	const names: string[] = [];
	for (let name: string | undefined = first; name; ) {
		const node = workflow.nodes.find((n) => n.name === name);
		if (!node || node.type !== WEKAN) break;
		names.push(name);
		name = workflow.connections[name]?.main?.[0]?.[0]?.node;
	}
	const nodes = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} }, ...workflow.nodes.filter((n) => names.includes(n.name))];
	const order = ['Start', ...names];
	const connections = Object.fromEntries(
		order.slice(0, -1).map((name, i) => [name, { main: [[{ node: order[i + 1], type: 'main' as const, index: 0 }]] }]),
	);
	return { ...workflow, nodes, connections };
}

async function run(ctx: RecipeContext, workflow: WorkflowJson, from?: string, items?: INodeExecutionData[]) {
	const result = from && items ? await ctx.engine.runNode(workflow, from, items) : await ctx.engine.run(workflow);
	ctx.lines.push(reportRun(workflow, result));
	return result;
}

const nightlyExcelExport: Recipe = async (ctx) => {
	const part = wekanPart(ctx.workflow, 'Export board as Excel');
	ctx.lines.push('the Schedule Trigger and Send Email nodes are not run here: a manual start takes the trigger\'s place');
	const result = await run(ctx, part);
	const [item] = result.items('Export board as Excel');
	const file = item?.binary?.data;
	ensure(file, 'the export put no file in the "data" field');
	ensure(/spreadsheetml/.test(file.mimeType), `the file is ${file.mimeType}, not an Excel workbook`);
	const zip = await JSZip.loadAsync(Buffer.from(file.data, 'base64'));
	const texts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')));
	for (const title of [...SEED_CARDS.todo, ...SEED_CARDS.doing]) {
		ensure(texts.some((t) => t.includes(title)), `the workbook does not list the card "${title}"`);
	}
	ctx.lines.push(`the workbook ${file.fileName} (${item.json.fileSize} bytes) lists the board's cards, ready to mail`);
};

/** A small Trello board export, as Trello's "Export as JSON" writes one. */
const TRELLO_EXPORT = {
	id: '65f0c0ffee0000000000aaaa',
	name: 'Website relaunch',
	desc: 'Moved from Trello',
	prefs: { background: 'blue', permissionLevel: 'private' },
	labels: [
		{ id: '65f0c0ffee0000000000bbb1', name: 'Design', color: 'purple' },
		{ id: '65f0c0ffee0000000000bbb2', name: 'Bug', color: 'red' },
	],
	lists: [
		{ id: '65f0c0ffee0000000000ccc1', name: 'Backlog', closed: false, pos: 1 },
		{ id: '65f0c0ffee0000000000ccc2', name: 'In progress', closed: false, pos: 2 },
	],
	cards: [
		{ id: '65f0c0ffee0000000000ddd1', name: 'New home page', desc: 'Hero and navigation', idList: '65f0c0ffee0000000000ccc1', idLabels: ['65f0c0ffee0000000000bbb1'], closed: false, pos: 1, idMembers: [], dateLastActivity: '2026-01-10T09:00:00.000Z' },
		{ id: '65f0c0ffee0000000000ddd2', name: 'Broken contact form', desc: '', idList: '65f0c0ffee0000000000ccc2', idLabels: ['65f0c0ffee0000000000bbb2'], closed: false, pos: 1, idMembers: [], dateLastActivity: '2026-01-11T09:00:00.000Z' },
	],
	checklists: [],
	actions: [],
	members: [],
};

const migrateTrelloExport: Recipe = async (ctx) => {
	const { db } = ctx.wekan;
	const part = wekanPart(ctx.workflow, 'Import into Wekan');
	ctx.lines.push('Read/Write Files from Disk is not run here: its file, a Trello export, is handed to the import');
	const file = { data: Buffer.from(JSON.stringify(TRELLO_EXPORT)).toString('base64'), mimeType: 'application/json', fileName: 'trello-board.json' };
	const result = await run(ctx, part, 'Import into Wekan', [{ json: {}, binary: { data: file } }]);
	const boardId = String(result.items('Import into Wekan')[0]?.json._id);
	const board = db.boards.findOne(boardId);
	ensure(board && board.title.startsWith('Website relaunch'), 'Wekan has no board "Website relaunch"');
	const lists = db.lists.find({ boardId }).map((l) => l.title);
	ensure(['Backlog', 'In progress'].every((t) => lists.includes(t)), `the new board's lists are ${lists.join(', ')}`);
	const cards = db.cards.find({ boardId });
	const home = cards.find((c) => c.title === 'New home page');
	ensure(home && cards.some((c) => c.title === 'Broken contact form'), 'the Trello cards are not on the new board');
	const design = (board.labels ?? []).find((l) => l.name === 'Design');
	ensure(design && home.labelIds.includes(design._id), '"New home page" lost its Design label');
	ctx.lines.push(`Wekan has the board "${board.title}" with lists ${lists.join(', ')} and ${cards.length} cards, labels kept`);
};

/** The recipe for each example, by file name in examples/. */
export const exportImportRecipes: Record<string, Recipe> = {
	'nightly-excel-export-mailed.json': nightlyExcelExport,
	'migrate-trello-export.json': migrateTrelloExport,
};
