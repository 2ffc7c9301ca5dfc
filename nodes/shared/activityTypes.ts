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
