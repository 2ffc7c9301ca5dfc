/**
 * The `activities` collection, at Wekan v11.07, commit f5cc8e373. Wekan attaches no schema to it:
 * models/activities.js:6-11 says so on purpose (only trusted server code writes it, and each activity type has its own
 * fields), so nothing is cleaned, defaulted or refused, and this file exports no schema factory. What every activity
 * gets is set by hooks: createdAt and modifiedAt on insert (models/activities.js:85-95, which also cancels the insert
 * when the disableActivities feature flag is on) and modifiedAt on update (models/activities.js:80-83).
 *
 * The fields below are the ones Wekan's Activities.insertAsync calls write (server/models/*.js, models/*.js,
 * server/lib/deleteActivities.js, models/attachments.js:9-22) and the helpers of models/activities.js:19-78 read.
 * Which of them an activity has depends on its activityType.
 */

export interface ActivityDoc {
	_id: string;
	/** Who acted. REST writes pass req.userId; hooks pass collection-hooks' userId, undefined outside a method. */
	userId?: string;
	/** e.g. 'createCard', 'moveCard', 'archivedCard', 'addComment', 'addChecklist', 'a-dueAt', 'deleteCard'. */
	activityType: string;
	/** 'board', 'card', 'list', 'swimlane' or 'member', on the activities that say what they are about. */
	type?: string;
	/** The board's _id for board activities (createBoard, removeBoard...), models/wekanCreator.js:1056. */
	activityTypeId?: string;
	boardId?: string;
	boardName?: string;
	oldBoardId?: string;
	oldBoardName?: string;
	swimlaneId?: string;
	swimlaneName?: string;
	oldSwimlaneId?: string;
	listId?: string;
	listName?: string;
	oldListId?: string;
	cardId?: string;
	cardTitle?: string;
	subtaskId?: string;
	title?: string;
	username?: string;
	memberId?: string;
	assigneeId?: string;
	labelId?: string;
	commentId?: string;
	/** The comment's text on editComment/deleteComment (#3606). */
	commentText?: string;
	attachmentId?: string;
	attachmentName?: string;
	checklistId?: string;
	checklistName?: string;
	checklistItemId?: string;
	checklistItemName?: string;
	customFieldId?: string;
	customFieldValue?: unknown;
	/** a-receivedAt / a-startAt / a-dueAt / a-endAt: the date field, its new and its old value. */
	timeKey?: string;
	timeValue?: unknown;
	timeOldValue?: unknown;
	/** a-changedTitle / a-changedDescription. */
	value?: unknown;
	oldValue?: unknown;
	/** Set by the before.insert hook, not by the writer. */
	createdAt?: Date;
	modifiedAt?: Date;
	/** Without a schema, whatever else a writer passes is stored too. */
	[field: string]: unknown;
}
