/**
 * The Wekan routes a poll reads, and what their failures mean for a trigger:
 * - GET /api/boards/:id/lists: per list, when a card in it last changed (cardsModifiedAt, v10.72+). An idle poll
 *   reads only this.
 * - GET /api/boards/:id/export?attachments=false&fields=...&listId=...: full card documents, archived ones too, of the
 *   whole board or one list (scope and fields v10.92+; older Wekan answers the whole board, with its activities).
 * - GET /api/boards/:id/lists/:listId/cards: a list's open cards with a few fields, about a fifth of the bytes.
 * - GET /api/cards/:id: one full card, archived or not.
 * - GET /api/boards/:id/swimlanes.
 * Each answer's Date header is Wekan's clock: the earliest of a poll is when Wekan saw that poll begin.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { seg, wekanRequest } from '../shared/transport';
import { asNodeError } from '../shared/triggerParameters';
import { toMillis } from './timestamps';

/** Per poll context: the earliest Date header Wekan sent since the poll began. */
const wekanTimes = new WeakMap<object, number>();

/** Forgets the times of an earlier poll: n8n may hand the same context to every poll of a workflow. */
export function startWekanClock(context: IPollFunctions): void {
	wekanTimes.delete(context);
}

/** When Wekan saw this poll's first read (to the second, as HTTP dates are), or 0 when it sent no Date header. */
export function wekanTimeOfPoll(context: IPollFunctions): number {
	return wekanTimes.get(context) ?? 0;
}

/** What notes an answer's Date header for the poll (also given to the request for the user's boards). */
export function wekanClock(context: IPollFunctions): (headers: IDataObject) => void {
	return (headers) => {
		const at = toMillis(headers.date);
		const earliest = wekanTimes.get(context);
		if (at && (earliest === undefined || at < earliest)) wekanTimes.set(context, at);
	};
}

function boardPath(boardId: string): string {
	return `/api/boards/${seg(boardId)}`;
}

export async function readLists(this: IPollFunctions, boardId: string): Promise<IDataObject[]> {
	return (await wekanRequest.call(this, {
		method: 'GET',
		path: `${boardPath(boardId)}/lists`,
		expect: 'array',
		permission: 'board-read',
		onHeaders: wekanClock(this),
		notFound: `No board with ID ${boardId}`,
	})) as IDataObject[];
}

export async function readSwimlanes(this: IPollFunctions, boardId: string): Promise<IDataObject[]> {
	return (await wekanRequest.call(this, {
		method: 'GET',
		path: `${boardPath(boardId)}/swimlanes`,
		expect: 'array',
		permission: 'board-read',
		onHeaders: wekanClock(this),
		notFound: `No board with ID ${boardId}`,
	})) as IDataObject[];
}

/** A list's open cards as Wekan lists them: _id, title, description, swimlaneId, the four dates, assignees, sort. */
export async function readListCards(this: IPollFunctions, boardId: string, listId: string): Promise<IDataObject[]> {
	return (await wekanRequest.call(this, {
		method: 'GET',
		path: `${boardPath(boardId)}/lists/${seg(listId)}/cards`,
		expect: 'array',
		permission: 'board-read',
		onHeaders: wekanClock(this),
	})) as IDataObject[];
}

/** One card, or null when Wekan has no card with this id any more. */
export async function readCard(this: IPollFunctions, cardId: string): Promise<IDataObject | null> {
	try {
		return (await wekanRequest.call(this, {
			method: 'GET',
			path: `/api/cards/${seg(cardId)}`,
			permission: 'board-read',
		onHeaders: wekanClock(this),
			notFound: `No card with ID ${cardId}`,
		})) as IDataObject;
	} catch (error) {
		if (error instanceof NodeApiError && String(error.httpCode) === '404') return null;
		throw asNodeError(this.getNode(), error);
	}
}

/**
 * The board export, without attachment files and with only the parts asked for (`board-header` alone leaves out
 * comments, checklists, custom fields and the activity history, which on a busy board is most of the bytes).
 */
export async function readExport(
	this: IPollFunctions,
	boardId: string,
	options: { fields: string[]; listId?: string },
): Promise<IDataObject> {
	const qs: IDataObject = { attachments: 'false', fields: options.fields.join(',') };
	if (options.listId) qs.listId = options.listId;
	try {
		return (await wekanRequest.call(this, {
			method: 'GET',
			path: `${boardPath(boardId)}/export`,
			qs,
			permission: 'board-read',
		onHeaders: wekanClock(this),
			notFound: `No board with ID ${boardId}`,
		})) as IDataObject;
	} catch (error) {
		throw exportError(this, boardId, error);
	}
}

/** What a refused export means for this trigger (models/export.js:98-193). */
function exportError(context: IPollFunctions, boardId: string, error: unknown): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const status = String(error.httpCode);
	if (status === '500' && /Export failed/i.test(error.message)) {
		// streamJsonBoardExport answers 500 "Export failed" for anything the export throws, first of all the admin
		// switch (models/lib/importExportSecurity.js:28-35).
		return new NodeOperationError(context.getNode(), `Wekan did not export board ${boardId}: "Export failed"`, {
			description:
				'The polling trigger reads cards through Wekan\'s board export. Wekan answers this when a site admin turned on Admin Panel > Features > Security > "Disable all export" (Wekan v9.90 and later), and when the export itself fails (see the Wekan server log). Ask the admin to turn the switch off, or use the Wekan Trigger (webhook), which needs no export.',
		});
	}
	if (status === '403') {
		// canExport is Board.isVisibleBy (models/exporter.js:872-875): a public board, or an active member of it.
		return new NodeOperationError(context.getNode(), `Wekan refused to export board ${boardId}`, {
			description:
				'Wekan exports a private board only to its active members (any role); being a site admin is not enough. Add the credential\'s user to the board, or use the credential of a member.',
		});
	}
	return error;
}
