/**
 * The polling trigger's simplified events: names come from the board the poll read; what it did not read (an idle
 * board's poll reads only the lists) is read once for the poll, and only when an event needs it.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { boardNames, seedBoardNames } from '../shared/boardNames';
import { type NameSource, simplifyPollEvent } from '../shared/simplify';

export async function simplifiedEvents(
	this: IPollFunctions,
	boardId: string,
	read: { board?: IDataObject; lists?: IDataObject[]; swimlanes?: IDataObject[]; partial?: boolean },
	events: IDataObject[],
	slug?: string,
): Promise<IDataObject[]> {
	// Some of the swimlanes are names enough only when they name every swimlane the events are in.
	const swimlaneIds = new Set((read.swimlanes ?? []).map((s) => String(s._id)));
	const named = !read.partial || events.every((e) => !e.swimlaneId || swimlaneIds.has(String(e.swimlaneId)));
	seedBoardNames(this, boardId, { board: read.board, lists: read.lists, swimlanes: named ? read.swimlanes : undefined });
	const cards = events.map((e) => e.card as IDataObject | undefined).filter((c): c is IDataObject => !!c);
	const needs: NameSource[] = ['lists'];
	if (cards.some((c) => Array.isArray(c.labelIds) && c.labelIds.length) || (!slug && cards.length)) needs.push('board');
	if (events.some((e) => e.swimlaneId)) needs.push('swimlanes');
	const names = await boardNames(this, boardId, needs);
	names.slug ??= slug;
	return events.map((event) => simplifyPollEvent(event, names));
}
