/** What the trigger is set to report, and what those choices ask of each poll. */

export interface PollSettings {
	boardId: string;
	events: string[];
	/** The chosen lists; all lists when empty. */
	scope: Set<string>;
	/** How long before its due date a card counts as due soon. */
	leadMs: number;
}

/** Events found by comparing the cards with the stored state. */
export const CARD_EVENTS = ['cardCreated', 'cardMoved', 'cardUpdated', 'cardArchived', 'cardDueSoon', 'cardOverdue'];
/** Events that need comments or checklist items, which only the board export holds. */
export const DEEP_EVENTS = ['commentAdded', 'checklistItemCompleted'];

export function wants(settings: PollSettings, event: string): boolean {
	return settings.events.includes(event);
}

export function wantsAny(settings: PollSettings, events: string[]): boolean {
	return events.some((event) => wants(settings, event));
}

export function inScope(settings: PollSettings, listId: unknown): boolean {
	return !settings.scope.size || settings.scope.has(String(listId));
}

/** The settings the stored state was built for; when they change, the next poll starts a new baseline. */
export function settingsKey(settings: PollSettings): string {
	return JSON.stringify([settings.boardId, [...settings.events].sort(), [...settings.scope].sort()]);
}
