/**
 * Lists (models/lists.js, server/models/lists.js).
 */
import { type ListDoc, listsSchema } from '../schemas/lists';
import type { Wekan } from '../server';
import { defaultSwimlaneId } from './swimlanes';

/** Attaches the lists schema and registers the lists hooks. */
export function registerLists(wekan: Wekan): void {
	wekan.db.lists.attachSchema(listsSchema(wekan.db));
}

export function createList(wekan: Wekan, boardId: string, title: string, swimlaneId?: string, sort?: number): ListDoc {
	const id = wekan.db.lists.insert({
		title,
		boardId,
		swimlaneId: swimlaneId ?? defaultSwimlaneId(wekan, boardId) ?? '',
		sort,
		archived: false,
		type: 'list',
	});
	return wekan.db.lists.findOne(id) as ListDoc;
}

