/**
 * The polling trigger's simplified events: names come from the board the poll read; what it did not read (an idle
 * board's poll reads only the lists) is read once for the poll, and only when an event needs it.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { boardNames, seedBoardNames } from '../shared/boardNames';
import { type NameSource, simplifyPollEvent } from '../shared/simplify';
import type { Snapshot } from './boardSnapshot';

export async function simplifiedEvents(
	this: IPollFunctions,
	boardId: string,
	snapshot: Snapshot,
	events: IDataObject[],
	slug?: string,
): Promise<IDataObject[]> {
	seedBoardNames(this, boardId, { board: snapshot.board, lists: snapshot.lists, swimlanes: snapshot.swimlanes });
	const cards = events.map((e) => e.card as IDataObject | undefined).filter((c): c is IDataObject => !!c);
	const needs: NameSource[] = ['lists'];
	if (cards.some((c) => Array.isArray(c.labelIds) && c.labelIds.length) || (!slug && cards.length)) needs.push('board');
	if (events.some((e) => e.swimlaneId)) needs.push('swimlanes');
	const names = await boardNames(this, boardId, needs);
	names.slug ??= slug;
	return events.map((event) => simplifyPollEvent(event, names));
}
