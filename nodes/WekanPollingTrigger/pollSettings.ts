/** What the trigger is set to report, and what those choices ask of each poll. */
import type { INodePropertyOptions } from 'n8n-workflow';
import { inLocation, type LocationFilter } from '../shared/triggerParameters';

export interface PollSettings {
	/** The chosen events, by their version 2 names. */
	events: string[];
	/** The chosen lists and swimlanes; all when empty. */
	location: LocationFilter;
	/** How long before its due date a card counts as due soon. */
	leadMs: number;
}

/**
 * The events a poll can find, by the names the webhook trigger uses for the same events. Labels and names are the
 * webhook trigger's where the event is the same.
 */
export const POLL_EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Card Archived', value: 'cardArchived', description: 'A card was moved to the archive' },
	{ name: 'Card Created', value: 'cardCreated' },
	{ name: 'Card Due Soon', value: 'cardDueSoon', description: 'An open card\'s due date is within the lead time' },
	{ name: 'Card Moved', value: 'cardMoved', description: 'A card changed list or swimlane' },
	{ name: 'Card Overdue', value: 'cardOverdue', description: 'An open card\'s due date has passed' },
	{ name: 'Card Restored', value: 'cardRestored', description: 'An archived card was taken out of the archive' },
	{
		name: 'Card Updated',
		value: 'cardUpdated',
		description: 'Title, description, dates, labels, members, assignees, colour or custom fields changed',
	},
	{ name: 'Checklist Item Checked', value: 'checklistItemChecked' },
	{ name: 'Comment Added', value: 'commentAdded' },
	{ name: 'List Created', value: 'listCreated' },
	{ name: 'Swimlane Created', value: 'swimlaneCreated' },
];

/** Version 1's events; `checklistItemCompleted` is version 2's `checklistItemChecked`. */
export const POLL_EVENT_OPTIONS_V1: INodePropertyOptions[] = [
	{ name: 'Card Archived', value: 'cardArchived', description: 'A card was moved to the archive' },
	{ name: 'Card Created', value: 'cardCreated' },
	{ name: 'Card Due Soon', value: 'cardDueSoon', description: 'An open card\'s due date is within the lead time' },
	{ name: 'Card Moved', value: 'cardMoved', description: 'A card changed list or swimlane' },
	{ name: 'Card Overdue', value: 'cardOverdue', description: 'An open card\'s due date has passed' },
	{ name: 'Card Updated', value: 'cardUpdated', description: 'Title, description, dates, labels, members, colour or custom fields changed' },
	{ name: 'Checklist Item Completed', value: 'checklistItemCompleted' },
	{ name: 'Comment Added', value: 'commentAdded' },
	{ name: 'List Created', value: 'listCreated' },
	{ name: 'Swimlane Created', value: 'swimlaneCreated' },
];

const V1_NAMES: Record<string, string> = { checklistItemCompleted: 'checklistItemChecked' };
const KNOWN = new Set(POLL_EVENT_OPTIONS.map((o) => String(o.value)));

/** The chosen events by their version 2 names, or the ones that are no event of this trigger. */
export function canonicalEvents(events: string[]): { events: string[]; unknown: string[] } {
	const canonical = events.map((e) => V1_NAMES[e] ?? e);
	return { events: [...new Set(canonical.filter((e) => KNOWN.has(e)))], unknown: events.filter((e, i) => !KNOWN.has(canonical[i])) };
}

/** Events found by comparing the cards with the stored state. */
export const CARD_EVENTS = ['cardCreated', 'cardMoved', 'cardUpdated', 'cardArchived', 'cardRestored', 'cardDueSoon', 'cardOverdue'];
/**
 * The card events a card read only in part (Wekan's list of a list's cards, which has no labels, members, colour,
 * custom fields nor archived cards) can miss: their lists are read in full by a later poll.
 */
export const COMPLETE_EVENTS = ['cardCreated', 'cardMoved', 'cardUpdated', 'cardArchived', 'cardRestored'];
/** Events that need comments or checklist items, which only the board export holds. */
export const DEEP_EVENTS = ['commentAdded', 'checklistItemChecked'];

export function wants(settings: PollSettings, event: string): boolean {
	return settings.events.includes(event);
}

export function wantsAny(settings: PollSettings, events: string[]): boolean {
	return events.some((event) => wants(settings, event));
}

export function inScope(settings: PollSettings, listId: unknown, swimlaneId: unknown): boolean {
	return inLocation(settings.location, listId, swimlaneId);
}

/** The settings the stored state was built for; when they change, the next poll starts a new baseline. */
export function settingsKey(settings: PollSettings): string {
	return JSON.stringify([[...settings.events].sort(), [...settings.location.lists].sort(), [...settings.location.swimlanes].sort()]);
}
