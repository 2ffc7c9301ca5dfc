/** What the resource tests share: a second user with a board role, one-operation workflows, run and failure helpers. */
import type { IDataObject, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { Wekan } from '../../nodes/Wekan/Wekan.node';
import type { Fixture } from '../engine/fixture';
import { PACKAGE, type RunResult, type WorkflowJson, wekanWorkflow } from '../engine/harness';
import type { CardDoc } from '../wekan-server/model';
import { newMember, type RoleFlag } from '../wekan-server/permissions';

const PASSWORD = 'Us3r-Pa55word!';

/** A user who is not a site admin, with a stored credential; a member of `boardId` with `flags` when given. */
export function normalUser(f: Fixture, username: string, boardId?: string, flags: Partial<Record<RoleFlag, boolean>> = {}) {
	const user = f.server.wekan.createUser({ username, email: `${username}@example.com`, password: PASSWORD, isAdmin: false });
	if (boardId) f.server.wekan.store.boards.get(boardId)!.members.push(newMember(user._id, flags));
	const credentialId = `cred-${username}`.slice(0, 20);
	f.engine.setCredential({ url: f.server.url, authentication: 'password', login: username, password: PASSWORD }, credentialId);
	return { user, credentialId };
}

/** A one-node workflow for a resource, run with the given credential (the admin's by default). */
export function op(resource: string, operation: string, parameters: IDataObject = {}, credentialId?: string): WorkflowJson {
	const workflow = wekanWorkflow({ resource, operation, ...parameters });
	if (credentialId) workflow.nodes[1].credentials = { wekanRestApi: { id: credentialId, name: 'Other' } };
	return workflow;
}

/** A card in the fixture's To Do list. */
export function newCard(f: Fixture, title = 'A card'): CardDoc {
	return f.server.wekan.store.newCard({ title, boardId: f.boardId, listId: f.todoListId, swimlaneId: f.swimlaneId, userId: f.adminId });
}

/** The card's Wekan URL, as a user would paste it. */
export function cardUrl(f: Fixture, card: CardDoc): string {
	return `${f.server.url}/b/${card.boardId}/engine-tests/${card._id}`;
}

/** The run's error text (message and description). */
export const errorText = (result: RunResult) => `${String(result.error?.message ?? '')} ${String(result.error?.description ?? '')}`;

/** Runs a workflow and returns how many requests reached the server during it. */
export async function runCounting(f: Fixture, workflow: WorkflowJson): Promise<{ result: RunResult; requests: number }> {
	const before = f.server.wekan.log.length;
	const result = await f.engine.run(workflow);
	return { result, requests: f.server.wekan.log.length - before };
}

/** Asserts the run failed as an error (not a success item) and returns its text. */
export function expectFailure(result: RunResult): string {
	expect(result.status).toBe('error');
	expect(result.error).toBeDefined();
	return errorText(result);
}

/** The requests logged since `from` (an index into the server log), as "METHOD path". */
export function requestsSince(f: Fixture, from: number): string[] {
	return f.server.wekan.log.slice(from).map((r) => `${r.method} ${r.path}`);
}

/**
 * The Wekan node as n8n 2.x turns it into an AI agent's tool (cli's NodeTypes and convertNodeToAiTool): the same
 * node under the type name with `Tool` appended, with an ai_tool output and no input.
 */
export function wekanTool(): INodeType {
	const node = new Wekan();
	const description: INodeTypeDescription = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
	};
	delete description.usableAsTool;
	return Object.create(node, { description: { value: description } }) as INodeType;
}

export const TOOL_TYPE = `${PACKAGE}.wekanTool`;

/** A workflow holding only the tool node, which the agent runs with the item of its tool call. */
export function toolOp(resource: string, operation: string, parameters: IDataObject = {}): WorkflowJson {
	return { nodes: [{ name: 'Wekan', type: TOOL_TYPE, parameters: { resource, operation, ...parameters } as never }], connections: {} };
}
