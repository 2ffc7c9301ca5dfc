/**
 * The outgoing webhook on the Wekan board (an "integration") that this trigger owns: finding, creating and
 * removing it, and the record of it in the node's static data.
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { seg, wekanRequest } from '../shared/transport';
import { multiOptionValues, watchedBoardId } from '../shared/triggerParameters';

interface Registration {
	integrationId: string;
	/** Sent by Wekan with each delivery; only deliveries carrying it are accepted. */
	token: string;
}

interface RegistrationState extends IDataObject {
	/** One registration per webhook URL, so the test URL and the production URL never share an integration. */
	registrations?: Record<string, Registration>;
}

function registrationState(context: IHookFunctions | IWebhookFunctions): RegistrationState {
	return context.getWorkflowStaticData('node') as RegistrationState;
}

/** The tokens of every integration this node holds, whichever of its URLs a delivery came to. */
export function registeredTokens(context: IWebhookFunctions): string[] {
	return Object.values(registrationState(context).registrations ?? {}).map((r) => r.token);
}

function integrationsPath(boardId: string, integrationId?: string): string {
	return `/api/boards/${seg(boardId)}/integrations${integrationId ? `/${seg(integrationId)}` : ''}`;
}

async function deleteIntegration(this: IHookFunctions, boardId: string, integrationId: string): Promise<void> {
	await wekanRequest.call(this, { method: 'DELETE', path: integrationsPath(boardId, integrationId), permission: 'board-admin' });
}

/** Errors from wekanRequest are already n8n errors; anything else is wrapped so n8n can show it. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

/** Whether the integration recorded for this webhook URL is still on the board. */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const boardId = watchedBoardId(this);
	const registrations = (registrationState(this).registrations ??= {});
	const mine = registrations[url];
	const existing = (await wekanRequest.call(this, {
		method: 'GET',
		path: integrationsPath(boardId),
		expect: 'array',
		permission: 'board-read',
	})) as IDataObject[];
	const sameUrl = existing.filter((i) => i.url === url);
	const found = mine ? sameUrl.find((i) => i._id === mine.integrationId) : undefined;
	// Integrations for this URL that we hold no token for (a lost or copied state) can never be
	// verified, so they go: create() then makes one whose token we know.
	for (const stray of sameUrl) {
		if (stray === found) continue;
		await deleteIntegration.call(this, boardId, String(stray._id));
	}
	if (found) return true;
	delete registrations[url];
	return false;
}

/** Adds an integration for this webhook URL with a fresh token and the chosen activities. */
export async function createRegistration(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const boardId = watchedBoardId(this);
	const events = multiOptionValues(this.getNodeParameter('events'));
	let created: IDataObject;
	try {
		created = (await wekanRequest.call(this, {
			method: 'POST',
			path: integrationsPath(boardId),
			body: { url },
			permission: 'board-admin',
		})) as IDataObject;
	} catch (error) {
		if (/invalid-webhook-url|not allowed|private|loopback/i.test(`${(error as Error).message} ${(error as NodeApiError).description ?? ''}`)) {
			throw new NodeOperationError(this.getNode(), `Wekan refused the webhook URL ${url}`, {
				description:
					'Wekan (v8.35 and later) does not send webhooks to private, loopback or LAN addresses. Give n8n a public URL (WEBHOOK_URL), or use the Wekan Polling Trigger.',
			});
		}
		throw asNodeError(this.getNode(), error);
	}
	const integrationId = String(created._id ?? '');
	if (!integrationId) return false;
	const token = randomBytes(32).toString('hex');
	const workflow = this.getWorkflow();
	try {
		await wekanRequest.call(this, {
			method: 'PUT',
			path: integrationsPath(boardId, integrationId),
			body: {
				title: `n8n: ${workflow.name ?? workflow.id ?? 'workflow'} / ${this.getNode().name}`,
				token,
				activities: events.includes('all') || events.length === 0 ? ['all'] : events,
				enabled: true,
			},
			permission: 'board-admin',
		});
	} catch (error) {
		// An integration without our token would post unverifiable deliveries: take it away again.
		await deleteIntegration
			.call(this, boardId, integrationId)
			.catch((cleanup: Error) => this.logger.warn(`Wekan integration ${integrationId} could not be removed: ${cleanup.message}`));
		throw asNodeError(this.getNode(), error);
	}
	(registrationState(this).registrations ??= {})[url] = { integrationId, token };
	return true;
}

/** Removes this webhook URL's integration; if that fails, the record stays, so the next activation removes it. */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const data = registrationState(this);
	const mine = data.registrations?.[url];
	if (!mine) return true;
	const boardId = watchedBoardId(this);
	try {
		await deleteIntegration.call(this, boardId, mine.integrationId);
	} catch (error) {
		this.logger.warn(`Could not remove Wekan integration ${mine.integrationId}: ${(error as Error).message}`);
		return false;
	}
	delete data.registrations![url];
	return true;
}
