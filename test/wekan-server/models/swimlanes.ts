/**
 * Swimlanes (models/swimlanes.js, server/models/swimlanes.js).
 */
import { type SwimlaneDoc, swimlanesSchema } from '../schemas/swimlanes';
import type { Wekan } from '../server';

/** Attaches the swimlanes schema and registers the swimlanes hooks. */
export function registerSwimlanes(wekan: Wekan): void {
	wekan.db.swimlanes.attachSchema(swimlanesSchema(wekan.db));
}

export function createSwimlane(wekan: Wekan, boardId: string, title: string, sort?: number): SwimlaneDoc {
	const existing = wekan.db.swimlanes.find({ boardId });
	const id = wekan.db.swimlanes.insert({
		title,
		boardId,
		sort: sort ?? (existing.length ? Math.max(...existing.map((s) => s.sort ?? 0)) + 1 : 0),
		type: 'swimlane',
		archived: false,
	});
	return wekan.db.swimlanes.findOne(id) as SwimlaneDoc;
}

export function defaultSwimlaneId(wekan: Wekan, boardId: string): string | undefined {
	return wekan.db.swimlanes.findOne({ boardId, archived: false }, { sort: { sort: 1 } })?._id;
}

