/**
 * examples/recipe-any-board-new-card-add-board-admin.json inside a running n8n, with the claims
 * demo/recipesAllBoards.ts checks against n8n-core: cards made on the seeded board and on a board made after the
 * workflow was activated each get the admin of their own board as member, also the card made on the new board before
 * the trigger found it (since the poll before).
 */
import type { PreparedExample } from './examples';
import { withCredential } from './examples';
import type { Execution, N8n } from './n8n';
import { waitFor } from './processes';
import type { Recipe } from './recipes';
import { expect } from './report';
import { createCredential, EVERY_FIVE_SECONDS } from './triggers';

const POLLING_TRIGGER = 'n8n-nodes-wekan.wekanPollingTrigger';

function triggerItems(execution: Execution, trigger: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[trigger];
	return (runs?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
}

async function executions(n8n: N8n, workflowId: string, count: number): Promise<Execution[]> {
	const all = (await n8n.waitForExecutions(workflowId, count, 40_000)).sort((a, b) => Number(a.id) - Number(b.id));
	for (const e of all) expect(e.status === 'success', `execution ${e.id} ended with status ${e.status}: ${JSON.stringify(e.data?.resultData.error ?? {}).slice(0, 300)}`);
	return all;
}

export const anyBoardNewCardAddBoardAdmin: Recipe = async (n8n, example: PreparedExample) => {
	const { seed, server } = example.wekan;
	const wekan = server.wekan;
	const lines: string[] = [];
	const name = `Wekan for ${example.file}`;
	const credentialId = await createCredential(n8n, example.wekan, name);
	// The example polls every minute; the test polls every 5 seconds so as not to wait minutes (see EVERY_FIVE_SECONDS).
	const workflow = withCredential(example.workflow, credentialId, name);
	const nodes = workflow.nodes.map((n) => (n.type === POLLING_TRIGGER ? { ...n, parameters: { ...n.parameters, pollTimes: EVERY_FIVE_SECONDS } } : n));
	const trigger = nodes.find((n) => n.type === POLLING_TRIGGER)!.name;
	const created = (await n8n.api('POST', '/workflows', { name: workflow.name, nodes, connections: workflow.connections, settings: { executionOrder: 'v1' } })) as { id: string };
	await n8n.api('POST', `/workflows/${created.id}/activate`);
	try {
		await waitFor('the baseline poll', () => wekan.requests('GET', `/api/boards/${seed.boardId}/export`).length > 0, 20_000);
		lines.push("activated: the first poll recorded board 'Demo'");
		const ada = seed.adminId;
		const sam = seed.teammateId;

		const ops = wekan.createBoard({ title: 'Ops', ownerId: sam });
		wekan.addBoardMember(ops._id, ada);
		const swimlaneId = wekan.defaultSwimlaneId(ops._id)!;
		const inbox = wekan.ui.createList(sam, ops._id, 'Inbox', swimlaneId);
		const onOps = (userId: string, title: string) => wekan.ui.createCard(userId, { boardId: ops._id, listId: inbox._id, swimlaneId, title });
		const kickOff = onOps(sam, 'Plan the kick-off');
		const onDemo = wekan.ui.createCard(sam, { boardId: seed.boardId, listId: seed.lists.todo, swimlaneId: seed.swimlaneId, title: 'Renew the TLS certificate' });
		// The poll that finds the new board reports the card made on it since the poll before, with Demo's new card.
		const [first] = await executions(n8n, created.id, 1);
		const started = triggerItems(first, trigger).map((i) => `${String(i.boardId)}/${String(i.cardId)}`).sort().join();
		const expected = [`${seed.boardId}/${onDemo._id}`, `${ops._id}/${kickOff._id}`].sort().join();
		expect(started === expected, `execution ${first.id} started for ${JSON.stringify(triggerItems(first, trigger)).slice(0, 300)}`);
		expect(wekan.db.cards.findOne(onDemo._id)?.members.join() === ada, `'${onDemo.title}' has members ${wekan.db.cards.findOne(onDemo._id)?.members.join()}, not Demo's admin`);
		expect(wekan.db.cards.findOne(kickOff._id)?.members.join() === sam, `'${kickOff.title}' has members ${wekan.db.cards.findOne(kickOff._id)?.members.join()}, not Ops's admin`);
		lines.push(`sam created board 'Ops' with '${kickOff.title}' and added Ada; '${onDemo.title}' on Demo: execution ${first.id} added Demo's admin Ada to it and Ops's admin sam to '${kickOff.title}'`);

		// After the poll that found the new board, the polls read only its lists.
		const opsReads = (path: string) => wekan.requests('GET', `/api/boards/${ops._id}/${path}`).length;
		await waitFor("board 'Ops' recorded by a poll", () => opsReads('export') > 0 && opsReads('lists') > 1, 30_000);
		const onNewBoard = onOps(ada, 'Book the venue');
		const all = await executions(n8n, created.id, 2);
		const second = all[1];
		expect(triggerItems(second, trigger).map((i) => `${String(i.boardId)}/${String(i.cardId)}`).join() === `${ops._id}/${onNewBoard._id}`, `execution ${second.id} started for ${JSON.stringify(triggerItems(second, trigger)).slice(0, 300)}`);
		const members = wekan.db.cards.findOne(onNewBoard._id)?.members ?? [];
		expect(members.join() === sam, `'${onNewBoard.title}' on Ops has members ${members.join()}, not Ops's admin sam`);
		lines.push(`Ada created '${onNewBoard.title}' on the new board 'Ops': execution ${second.id} added Ops's admin sam`);

		// Two more polls of the new board: the workflow's own changes start nothing.
		const lists = opsReads('lists');
		await waitFor('two more polls', () => opsReads('lists') >= lists + 2, 30_000);
		expect((await n8n.executions(created.id)).length === 2, 'the workflow ran again');
		expect(wekan.db.cards.findOne(kickOff._id)?.members.join() === sam, `'${kickOff.title}' changed members again`);
		lines.push('two more polls started nothing');
		return lines;
	} finally {
		await n8n.api('POST', `/workflows/${created.id}/deactivate`).catch(() => undefined);
	}
};
