/**
 * The outgoing webhooks on the Wekan boards (Wekan calls them integrations) that this trigger owns, one per watched
 * board: finding, creating and removing them, and the record of them in the node's static data.
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ACTIVITY_OF_EVENT, WEBHOOK_EVENT_VALUES } from '../shared/activityTypes';
import { seg, wekanRequest } from '../shared/transport';
import { asNodeError, multiOptionValues, nodeVersion, watchedBoardId, watchedBoards, watchesAllBoards } from '../shared/triggerParameters';

export interface Registration {
	integrationId: string;
	/** Sent by Wekan with each delivery; only deliveries carrying it are accepted. */
	token: string;
}

/**
 * Per webhook URL (the test URL and the production URL never share an integration), per board. Before the trigger
 * watched several boards it kept one registration per URL, without its board: that shape is still read.
 */
type Stored = Record<string, Registration | Record<string, Registration>>;

interface RegistrationState extends IDataObject {
	registrations?: Stored;
}

function isRegistration(value: unknown): value is Registration {
	return typeof value === 'object' && value !== null && typeof (value as Registration).integrationId === 'string';
}

function stateOf(context: IHookFunctions | IWebhookFunctions): RegistrationState {
	return context.getWorkflowStaticData('node') as RegistrationState;
}

/** The board a registration of the old shape was made on: the one board the node watched then. */
function legacyBoard(context: IHookFunctions | IWebhookFunctions): string {
	try {
		return watchedBoardId(context);
	} catch {
		return '';
	}
}

/** This URL's registrations by board, the old shape turned into the new one in the stored state. */
function registrationsFor(context: IHookFunctions, url: string): Record<string, Registration> {
	const stored = (stateOf(context).registrations ??= {});
	const entry = stored[url];
	if (isRegistration(entry)) stored[url] = { [legacyBoard(context)]: entry };
	else if (!entry) stored[url] = {};
	return stored[url] as Record<string, Registration>;
}

/** Every token this node holds, with the board its integration is on ('' when unknown), whichever URL it is for. */
export function registeredTokens(context: IWebhookFunctions): Array<{ token: string; boardId: string }> {
	const out: Array<{ token: string; boardId: string }> = [];
	for (const entry of Object.values(stateOf(context).registrations ?? {})) {
		if (isRegistration(entry)) out.push({ token: entry.token, boardId: '' });
		else for (const [boardId, r] of Object.entries(entry ?? {})) if (isRegistration(r)) out.push({ token: r.token, boardId });
	}
	return out;
}

function integrationsPath(boardId: string, integrationId?: string): string {
	return `/api/boards/${seg(boardId)}/integrations${integrationId ? `/${seg(integrationId)}` : ''}`;
}

async function deleteIntegration(this: IHookFunctions, boardId: string, integrationId: string): Promise<void> {
	await wekanRequest.call(this, { method: 'DELETE', path: integrationsPath(boardId, integrationId), permission: 'board-admin' });
}

function isForbidden(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '403';
}

/**
 * The activities to register, `act-<type>` or `all`. Version 1 of the trigger stores Wekan's names, version 2 the
 * trigger's own (cardCreated), each mapped to Wekan's. Checked before any request.
 */
export function chosenActivities(context: IHookFunctions | IWebhookFunctions): string[] {
	const events = multiOptionValues(context.getNodeParameter('events', []));
	if (!events.length) throw new NodeOperationError(context.getNode(), 'Choose at least one event');
	if (events.includes('all')) return ['all'];
	const v1 = nodeVersion(context) === 1;
	const activities = events.map((event) => (v1 ? (WEBHOOK_EVENT_VALUES.has(event) ? event : undefined) : ACTIVITY_OF_EVENT.get(event)));
	const unknown = events.filter((_e, i) => !activities[i]);
	if (unknown.length) throw new NodeOperationError(context.getNode(), `Unknown event: ${unknown.join(', ')}`);
	return [...new Set(activities as string[])];
}

function sameActivities(a: unknown, b: string[]): boolean {
	const have = multiOptionValues(Array.isArray(a) ? a : typeof a === 'string' ? [a] : []);
	return have.length === b.length && b.every((x) => have.includes(x));
}

/** Lists the board's integrations; in "all my boards", a board the user may not read counts as none. */
async function integrationsOn(this: IHookFunctions, boardId: string, all: boolean): Promise<IDataObject[] | undefined> {
	try {
		return (await wekanRequest.call(this, {
			method: 'GET',
			path: integrationsPath(boardId),
			expect: 'array',
			permission: 'board-read',
		})) as IDataObject[];
	} catch (error) {
		if (all && isForbidden(error)) return undefined;
		throw asNodeError(this.getNode(), error);
	}
}

/**
 * Whether every watched board still has the integration recorded for this webhook URL, with the chosen activities.
 * Integrations for this URL that we hold no token for (a lost or copied state) can never be verified, so they go,
 * and so do ours on boards no longer watched: create() then makes what is missing.
 */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const activities = chosenActivities(this);
	const all = watchesAllBoards(this);
	const boards = await watchedBoards.call(this);
	const mine = registrationsFor(this, url);
	let complete = true;
	for (const boardId of boards) {
		const existing = await integrationsOn.call(this, boardId, all);
		if (!existing) continue;
		const sameUrl = existing.filter((i) => i.url === url);
		const recorded = mine[boardId];
		let found = recorded ? sameUrl.find((i) => i._id === recorded.integrationId) : undefined;
		// Changed events make a new integration rather than an edit, which Wekan could half apply.
		if (found && !sameActivities(found.activities, activities)) found = undefined;
		for (const stray of sameUrl) {
			if (stray !== found) await deleteIntegration.call(this, boardId, String(stray._id));
		}
		if (!found) {
			delete mine[boardId];
			complete = false;
		}
	}
	await dropUnwatched.call(this, mine, boards);
	return complete;
}

/** Removes this URL's integrations on boards the trigger no longer watches; one that cannot go is logged. */
async function dropUnwatched(this: IHookFunctions, mine: Record<string, Registration>, boards: string[]): Promise<void> {
	for (const [boardId, r] of Object.entries(mine)) {
		if (boards.includes(boardId)) continue;
		try {
			if (boardId) await deleteIntegration.call(this, boardId, r.integrationId);
		} catch (error) {
			this.logger.warn(`Wekan integration ${r.integrationId} on board ${boardId} could not be removed: ${(error as Error).message}`);
		}
		delete mine[boardId];
	}
}

/**
 * The POST answers 400 only when its URL check refuses the URL (integrations.js:62-72); the schema's own check (a
 * .local name, for one) fails the insert with an error body, which the transport also reports as a 400.
 */
function refusedUrl(this: IHookFunctions, error: unknown, url: string): NodeOperationError | undefined {
	if (!(error instanceof NodeApiError) || String(error.httpCode) !== '400') return undefined;
	return new NodeOperationError(this.getNode(), `Wekan refused the webhook URL ${url}`, {
		description: `Wekan said: ${error.message.replace(/^Wekan rejected the request: /, '')}. Wekan (v8.35 and later) does not send webhooks to private, loopback or LAN addresses, nor to names it cannot resolve. Give n8n a public URL (WEBHOOK_URL), or use the Wekan Polling Trigger.`,
	});
}

/**
 * Adds an integration for this webhook URL on one board: POST (Wekan stores the url alone), then PUT of the title,
 * a fresh token, the activities and enabled, then a read to see that Wekan kept them: the PUT answers {_id} even
 * when it changed nothing. Undefined when, watching all boards, this user may not add integrations here.
 */
async function registerOn(this: IHookFunctions, boardId: string, url: string, activities: string[], all: boolean): Promise<Registration | undefined> {
	let created: IDataObject;
	try {
		created = (await wekanRequest.call(this, {
			method: 'POST',
			path: integrationsPath(boardId),
			body: { url },
			permission: 'board-admin',
		})) as IDataObject;
	} catch (error) {
		if (all && isForbidden(error)) return undefined;
		throw refusedUrl.call(this, error, url) ?? asNodeError(this.getNode(), error);
	}
	const integrationId = String(created._id ?? '');
	if (!integrationId) throw new NodeOperationError(this.getNode(), `Wekan did not say which integration it made on board ${boardId}`);
	const token = randomBytes(32).toString('hex');
	const workflow = this.getWorkflow();
	try {
		await wekanRequest.call(this, {
			method: 'PUT',
			path: integrationsPath(boardId, integrationId),
			body: { title: `n8n: ${workflow.name ?? workflow.id ?? 'workflow'} / ${this.getNode().name}`, token, activities, enabled: true },
			permission: 'board-admin',
		});
		const stored = (await wekanRequest.call(this, {
			method: 'GET',
			path: integrationsPath(boardId, integrationId),
			permission: 'board-read',
			notFound: `The integration Wekan made on board ${boardId} is gone`,
		})) as IDataObject;
		if (stored.url !== url || stored.enabled !== true || !sameActivities(stored.activities, activities)) {
			throw new NodeOperationError(this.getNode(), `Wekan did not keep the settings of the webhook on board ${boardId}`, {
				description: `It stores enabled ${String(stored.enabled)} and activities ${JSON.stringify(stored.activities)}.`,
			});
		}
	} catch (error) {
		// An integration without our token would post unverifiable deliveries: take it away again.
		await deleteIntegration
			.call(this, boardId, integrationId)
			.catch((cleanup: Error) => this.logger.warn(`Wekan integration ${integrationId} could not be removed: ${cleanup.message}`));
		throw asNodeError(this.getNode(), error);
	}
	return { integrationId, token };
}

/** Removes every integration recorded for the URL; what cannot be removed stays recorded for the next attempt. */
async function removeAll(this: IHookFunctions, url: string, mine: Record<string, Registration>): Promise<boolean> {
	let removed = true;
	for (const [boardId, r] of Object.entries(mine)) {
		try {
			if (boardId) await deleteIntegration.call(this, boardId, r.integrationId);
			delete mine[boardId];
		} catch (error) {
			this.logger.warn(`Could not remove Wekan integration ${r.integrationId} on board ${boardId}: ${(error as Error).message}`);
			removed = false;
		}
	}
	if (!Object.keys(mine).length) delete stateOf(this).registrations?.[url];
	return removed;
}

/**
 * Adds the missing integrations, one per watched board. If one board fails, every integration of this URL is
 * removed again (also those made before): a half-registered trigger would miss events without saying so.
 */
export async function createRegistration(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const activities = chosenActivities(this);
	const all = watchesAllBoards(this);
	const boards = await watchedBoards.call(this);
	const mine = registrationsFor(this, url);
	try {
		for (const boardId of boards) {
			if (mine[boardId]) continue;
			const registration = await registerOn.call(this, boardId, url, activities, all);
			if (registration) mine[boardId] = registration;
		}
		if (!boards.some((boardId) => mine[boardId])) {
			throw new NodeOperationError(this.getNode(), 'None of your boards lets this user add a webhook', {
				description:
					'Adding an outgoing webhook to a board needs a board admin of it (or a Wekan site admin). Make the credential\'s user an admin of the boards to watch, or use the Wekan Polling Trigger.',
			});
		}
	} catch (error) {
		await removeAll.call(this, url, mine);
		throw asNodeError(this.getNode(), error);
	}
	await dropUnwatched.call(this, mine, boards);
	return true;
}

/** Removes this URL's integrations; those that fail stay recorded, so the next activation removes them. */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	if (!stateOf(this).registrations?.[url]) return true;
	return await removeAll.call(this, url, registrationsFor(this, url));
}
