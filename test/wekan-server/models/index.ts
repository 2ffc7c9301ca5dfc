/**
 * Wekan's model code that the routes share: each collection's schema and hooks (server/models/*.js) and the
 * methods of models/*.js, plus the server-side ways documents come to exist (a user signing up, a board being
 * created), which tests use to seed the server. One module per Wekan model.
 */
import type { Wekan } from '../server';
import { registerActivities } from './activities';
import { registerAttachments } from './attachments';
import { registerBoards } from './boards';
import { registerCards } from './cards';
import { registerChecklists } from './checklists';
import { registerComments } from './comments';
import { registerCustomFields } from './customFields';
import { registerIntegrations } from './integrations';
import { registerLists } from './lists';
import { registerRules } from './rules';
import { registerSettings } from './settings';
import { registerSwimlanes } from './swimlanes';
import { registerUsers } from './users';

export { createBoard, defaultSwimlaneId, type NewBoard } from './boards';
export { addBoardMember } from './boardMembers';
export { createCard, type NewCard } from './cards';
export { createList } from './lists';
export { createSwimlane } from './swimlanes';
export { createUser, type NewUser } from './users';

/** Attaches every collection's schema and registers its hooks. */
export function registerModels(wekan: Wekan): void {
	registerSettings(wekan);
	registerUsers(wekan);
	registerBoards(wekan);
	registerSwimlanes(wekan);
	registerLists(wekan);
	registerCards(wekan);
	registerChecklists(wekan);
	registerComments(wekan);
	registerCustomFields(wekan);
	registerIntegrations(wekan);
	registerRules(wekan);
	registerActivities(wekan);
	registerAttachments(wekan);
}
