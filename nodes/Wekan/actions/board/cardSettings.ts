/**
 * A board's card settings over REST (server/models/boards.js:1141-1270, Wekan v9.36 or later): which card fields
 * the board shows on the opened card and on the minicard, and card aging. Each key's meaning is the board
 * schema's (models/boards.js:455-880).
 */
import type { INodeProperties } from 'n8n-workflow';

const DETAILS = 'on the opened card';
const MINICARD = 'on the minicard (the card as the list shows it)';

/** BOARD_CARD_SETTING_KEYS (server/models/boards.js:1141-1190), each with what it shows when true. */
export const CARD_SETTINGS: Array<{ key: string; name: string; description: string; wekanDefault: boolean }> = [
	{ key: 'allowsCardCounterList', name: 'Card Counter per List', description: 'Show the number of cards in each list\'s header', wekanDefault: false },
	{ key: 'cardAging', name: 'Card Aging', description: 'Fade cards nobody touched for a while (by their last activity), in three steps set by the Card Aging Days', wekanDefault: false },
	{ key: 'allowsBoardMemberList', name: 'Board Member List', description: 'Show the board\'s member list', wekanDefault: false },
	{ key: 'allowsShowLists', name: 'List Name', description: `Show the card's list ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsAttachments', name: 'Attachments', description: `Show attachments ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsChecklists', name: 'Checklists', description: `Show checklists ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsComments', name: 'Comments', description: `Show comments ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsDescriptionTitle', name: 'Description Title', description: `Show the description's title ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsDescriptionText', name: 'Description Text', description: `Show the description ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsActivities', name: 'Activities', description: `Show the card's activity history ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsLabels', name: 'Labels', description: `Show labels ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsCreator', name: 'Creator', description: `Show who created the card ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsAssignee', name: 'Assignees', description: `Show assignees ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsMembers', name: 'Members', description: `Show members ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsRequestedBy', name: 'Requested By', description: `Show "requested by" ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsCardSortingByNumber', name: 'Sort by Card Number', description: `Show the sort value ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsCardNumber', name: 'Card Number', description: `Show the card number ${DETAILS}`, wekanDefault: false },
	{ key: 'allowsAssignedBy', name: 'Assigned By', description: `Show "assigned by" ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsReceivedDate', name: 'Received Date', description: `Show the received date ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsStartDate', name: 'Start Date', description: `Show the start date ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsEndDate', name: 'End Date', description: `Show the end date ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsDueDate', name: 'Due Date', description: `Show the due date ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsSubtasks', name: 'Subtasks', description: `Show subtasks ${DETAILS}`, wekanDefault: true },
	{ key: 'allowsCreatorOnMinicard', name: 'Creator on Minicard', description: `Show who created the card ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsAttachmentsOnMinicard', name: 'Attachments on Minicard', description: `Show attachments ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsChecklistsOnMinicard', name: 'Checklists on Minicard', description: `Show checklists ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsChecklistAtMinicard', name: 'Checklist at Minicard', description: `Show a checklist itself ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsCoverAttachmentOnMinicard', name: 'Cover Image on Minicard', description: `Show the cover image ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsBadgeAttachmentOnMinicard', name: 'Attachment Badge on Minicard', description: `Show the attachment badge ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsCardSortingByNumberOnMinicard', name: 'Sort Value on Minicard', description: `Show the sort value ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsCardNumberOnMinicard', name: 'Card Number on Minicard', description: `Show the card number ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsDescriptionTitleOnMinicard', name: 'Description Title on Minicard', description: `Show the description's title ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsDescriptionTextOnMinicard', name: 'Description Text on Minicard', description: `Show the description ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsLabelsOnMinicard', name: 'Labels on Minicard', description: `Show labels ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsAssigneeOnMinicard', name: 'Assignees on Minicard', description: `Show assignees ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsMembersOnMinicard', name: 'Members on Minicard', description: `Show members ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsRequestedByOnMinicard', name: 'Requested By on Minicard', description: `Show "requested by" ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsAssignedByOnMinicard', name: 'Assigned By on Minicard', description: `Show "assigned by" ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsReceivedDateOnMinicard', name: 'Received Date on Minicard', description: `Show the received date ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsStartDateOnMinicard', name: 'Start Date on Minicard', description: `Show the start date ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsEndDateOnMinicard', name: 'End Date on Minicard', description: `Show the end date ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsDueDateOnMinicard', name: 'Due Date on Minicard', description: `Show the due date ${MINICARD}`, wekanDefault: false },
	{ key: 'allowsSubtasksOnMinicard', name: 'Subtasks on Minicard', description: `Show subtasks ${MINICARD}`, wekanDefault: true },
	{ key: 'allowsShowListsOnMinicard', name: 'List Name on Minicard', description: `Show the card's list ${MINICARD}`, wekanDefault: false },
];

/** BOARD_CARD_NUMERIC_SETTING_KEYS (server/models/boards.js:1192-1198): the card aging steps, in days (#3984). */
export const CARD_AGING_DAYS = [
	{ key: 'cardAgingDays1', name: 'Card Aging Days (Light)', description: 'Days without activity before a card fades slightly (Wekan\'s default 7)', wekanDefault: 7 },
	{ key: 'cardAgingDays2', name: 'Card Aging Days (Medium)', description: 'Days without activity before a card fades more (Wekan\'s default 14)', wekanDefault: 14 },
	{ key: 'cardAgingDays3', name: 'Card Aging Days (Strong)', description: 'Days without activity before a card fades most (Wekan\'s default 28)', wekanDefault: 28 },
];

export const CARD_SETTING_OPTIONS: INodeProperties[] = [
	...CARD_SETTINGS.map(
		({ wekanDefault, ...s }): INodeProperties => ({
			displayName: s.name,
			name: s.key,
			type: 'boolean',
			default: false,
			description: `Whether to ${s.description.charAt(0).toLowerCase()}${s.description.slice(1)} (Wekan key ${s.key}; on a new board ${wekanDefault ? 'on' : 'off'})`,
		}),
	),
	...CARD_AGING_DAYS.map(
		({ wekanDefault, ...s }): INodeProperties => ({
			displayName: s.name,
			name: s.key,
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: wekanDefault,
			description: `${s.description}. A whole number, 0 or more (Wekan key ${s.key}).`,
		}),
	),
].sort((a, b) => a.displayName.localeCompare(b.displayName));
