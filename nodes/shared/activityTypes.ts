/**
 * Wekan's activity types, which name its webhook events (`act-<type>`), grouped by what they are about. The
 * webhook trigger and the Webhook resource offer the same choice from here.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

const ACTIVITY_GROUPS: Array<[string, Array<[string, string]>]> = [
	['Attachment', [['Added', 'addAttachment'], ['Deleted', 'deleteAttachment']]],
	[
		'Board',
		[
			['Created', 'createBoard'],
			['Deleted', 'deleteBoard'],
			['Imported', 'importBoard'],
			['Member Added', 'addBoardMember'],
			['Member Removed', 'removeBoardMember'],
			['Removed', 'removeBoard'],
			['Title Changed', 'changedBoardTitle'],
		],
	],
	[
		'Card',
		[
			['Archived', 'archivedCard'],
			['Created', 'createCard'],
			['Deleted', 'deleteCard'],
			['Description Changed', 'a-changedDescription'],
			['Due Date Changed', 'a-dueAt'],
			['End Date Changed', 'a-endAt'],
			['Imported', 'importCard'],
			['Moved', 'moveCard'],
			['Moved to Another Board', 'moveCardBoard'],
			['Received Date Changed', 'a-receivedAt'],
			['Restored', 'restoredCard'],
			['Start Date Changed', 'a-startAt'],
			['Title Changed', 'a-changedTitle'],
		],
	],
	[
		'Checklist',
		[
			['Added', 'addChecklist'],
			['Completed', 'completeChecklist'],
			['Item Added', 'addChecklistItem'],
			['Item Checked', 'checkedItem'],
			['Item Removed', 'removedChecklistItem'],
			['Item Unchecked', 'uncheckedItem'],
			['Removed', 'removeChecklist'],
			['Uncompleted', 'uncompleteChecklist'],
		],
	],
	['Comment', [['Added', 'addComment'], ['Deleted', 'deleteComment'], ['Edited', 'editComment']]],
	[
		'Custom Field',
		[
			['Created', 'createCustomField'],
			['Deleted', 'deleteCustomField'],
			['Set on Card', 'setCustomField'],
			['Unset on Card', 'unsetCustomField'],
		],
	],
	['Label', [['Added to Card', 'addedLabel'], ['Removed From Card', 'removedLabel']]],
	[
		'List',
		[
			['Archived', 'archivedList'],
			['Created', 'createList'],
			['Imported', 'importList'],
			['Removed', 'removeList'],
			['Restored', 'restoredList'],
			['Title Changed', 'changedListTitle'],
		],
	],
	[
		'Member',
		[
			['Assignee Added', 'joinAssignee'],
			['Assignee Removed', 'unjoinAssignee'],
			['Member Added', 'joinMember'],
			['Member Removed', 'unjoinMember'],
		],
	],
	[
		'Swimlane',
		[
			['Archived', 'archivedSwimlane'],
			['Created', 'createSwimlane'],
			['Removed', 'removeSwimlane'],
			['Restored', 'restoredSwimlane'],
			['Title Changed', 'changedSwimlaneTitle'],
		],
	],
];

/** "All Events" (Wekan's `all`) and every `act-<type>`, named "Group: Event". */
export const WEBHOOK_EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All Events', value: 'all', description: 'Every activity on the board' },
	...ACTIVITY_GROUPS.flatMap(([group, events]) =>
		events.map(([name, type]) => ({ name: `${group}: ${name}`, value: `act-${type}`, description: `Wekan activity act-${type}` })),
	),
];

export const WEBHOOK_EVENT_VALUES = new Set(WEBHOOK_EVENT_OPTIONS.map((o) => String(o.value)));

/**
 * The triggers' names for Wekan's activities (version 2 of both triggers): a name and a label that say what
 * happened, the same in the webhook trigger and the polling trigger wherever the event is the same. `activity` is
 * the activity type Wekan records and posts as `act-<activity>`.
 */
export interface TriggerEvent {
	value: string;
	name: string;
	activity: string;
}

export const ACTIVITY_EVENTS: readonly TriggerEvent[] = [
	{ value: 'attachmentAdded', name: 'Attachment Added', activity: 'addAttachment' },
	{ value: 'attachmentDeleted', name: 'Attachment Deleted', activity: 'deleteAttachment' },
	{ value: 'boardCreated', name: 'Board Created', activity: 'createBoard' },
	{ value: 'boardDeleted', name: 'Board Deleted', activity: 'deleteBoard' },
	{ value: 'boardImported', name: 'Board Imported', activity: 'importBoard' },
	{ value: 'boardMemberAdded', name: 'Board Member Added', activity: 'addBoardMember' },
	{ value: 'boardMemberRemoved', name: 'Board Member Removed', activity: 'removeBoardMember' },
	{ value: 'boardRemoved', name: 'Board Removed', activity: 'removeBoard' },
	{ value: 'boardTitleChanged', name: 'Board Title Changed', activity: 'changedBoardTitle' },
	{ value: 'cardArchived', name: 'Card Archived', activity: 'archivedCard' },
	{ value: 'cardAssigneeAdded', name: 'Card Assignee Added', activity: 'joinAssignee' },
	{ value: 'cardAssigneeRemoved', name: 'Card Assignee Removed', activity: 'unjoinAssignee' },
	{ value: 'cardCreated', name: 'Card Created', activity: 'createCard' },
	{ value: 'cardCustomFieldSet', name: 'Card Custom Field Set', activity: 'setCustomField' },
	{ value: 'cardCustomFieldUnset', name: 'Card Custom Field Unset', activity: 'unsetCustomField' },
	{ value: 'cardDeleted', name: 'Card Deleted', activity: 'deleteCard' },
	{ value: 'cardDescriptionChanged', name: 'Card Description Changed', activity: 'a-changedDescription' },
	{ value: 'cardDueDateChanged', name: 'Card Due Date Changed', activity: 'a-dueAt' },
	{ value: 'cardEndDateChanged', name: 'Card End Date Changed', activity: 'a-endAt' },
	{ value: 'cardImported', name: 'Card Imported', activity: 'importCard' },
	{ value: 'cardLabelAdded', name: 'Card Label Added', activity: 'addedLabel' },
	{ value: 'cardLabelRemoved', name: 'Card Label Removed', activity: 'removedLabel' },
	{ value: 'cardMemberAdded', name: 'Card Member Added', activity: 'joinMember' },
	{ value: 'cardMemberRemoved', name: 'Card Member Removed', activity: 'unjoinMember' },
	{ value: 'cardMoved', name: 'Card Moved', activity: 'moveCard' },
	{ value: 'cardMovedToOtherBoard', name: 'Card Moved to Another Board', activity: 'moveCardBoard' },
	{ value: 'cardReceivedDateChanged', name: 'Card Received Date Changed', activity: 'a-receivedAt' },
	{ value: 'cardRestored', name: 'Card Restored', activity: 'restoredCard' },
	{ value: 'cardStartDateChanged', name: 'Card Start Date Changed', activity: 'a-startAt' },
	{ value: 'cardTitleChanged', name: 'Card Title Changed', activity: 'a-changedTitle' },
	{ value: 'checklistAdded', name: 'Checklist Added', activity: 'addChecklist' },
	{ value: 'checklistCompleted', name: 'Checklist Completed', activity: 'completeChecklist' },
	{ value: 'checklistItemAdded', name: 'Checklist Item Added', activity: 'addChecklistItem' },
	{ value: 'checklistItemChecked', name: 'Checklist Item Checked', activity: 'checkedItem' },
	{ value: 'checklistItemRemoved', name: 'Checklist Item Removed', activity: 'removedChecklistItem' },
	{ value: 'checklistItemUnchecked', name: 'Checklist Item Unchecked', activity: 'uncheckedItem' },
	{ value: 'checklistRemoved', name: 'Checklist Removed', activity: 'removeChecklist' },
	{ value: 'checklistUncompleted', name: 'Checklist Uncompleted', activity: 'uncompleteChecklist' },
	{ value: 'commentAdded', name: 'Comment Added', activity: 'addComment' },
	{ value: 'commentDeleted', name: 'Comment Deleted', activity: 'deleteComment' },
	{ value: 'commentEdited', name: 'Comment Edited', activity: 'editComment' },
	{ value: 'customFieldCreated', name: 'Custom Field Created', activity: 'createCustomField' },
	{ value: 'customFieldDeleted', name: 'Custom Field Deleted', activity: 'deleteCustomField' },
	{ value: 'listArchived', name: 'List Archived', activity: 'archivedList' },
	{ value: 'listCreated', name: 'List Created', activity: 'createList' },
	{ value: 'listImported', name: 'List Imported', activity: 'importList' },
	{ value: 'listRemoved', name: 'List Removed', activity: 'removeList' },
	{ value: 'listRestored', name: 'List Restored', activity: 'restoredList' },
	{ value: 'listTitleChanged', name: 'List Title Changed', activity: 'changedListTitle' },
	{ value: 'swimlaneArchived', name: 'Swimlane Archived', activity: 'archivedSwimlane' },
	{ value: 'swimlaneCreated', name: 'Swimlane Created', activity: 'createSwimlane' },
	{ value: 'swimlaneRemoved', name: 'Swimlane Removed', activity: 'removeSwimlane' },
	{ value: 'swimlaneRestored', name: 'Swimlane Restored', activity: 'restoredSwimlane' },
	{ value: 'swimlaneTitleChanged', name: 'Swimlane Title Changed', activity: 'changedSwimlaneTitle' },
];

/** `act-<activity>` to the trigger's event name. */
export const EVENT_OF_ACTIVITY: ReadonlyMap<string, string> = new Map(ACTIVITY_EVENTS.map((e) => [`act-${e.activity}`, e.value]));

/** The trigger's event name to `act-<activity>`. */
export const ACTIVITY_OF_EVENT: ReadonlyMap<string, string> = new Map(ACTIVITY_EVENTS.map((e) => [e.value, `act-${e.activity}`]));
