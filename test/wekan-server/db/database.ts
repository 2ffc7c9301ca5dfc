/**
 * Wekan's MongoDB database: the collections its REST API reads and writes, under the names Wekan gives them
 * (`new Mongo.Collection('<name>')` in models/*.js; users is Meteor.users). Indexes here are only lookups that
 * keep the server fast; they change no answer.
 */
import type { ActionDoc } from '../schemas/actions';
import type { ActivityDoc } from '../schemas/activities';
import type { AttachmentDoc } from '../schemas/attachments';
import type { BoardDoc } from '../schemas/boards';
import type { CardCommentDoc } from '../schemas/cardComments';
import type { CardDoc } from '../schemas/cards';
import type { ChecklistItemDoc } from '../schemas/checklistItems';
import type { ChecklistDoc } from '../schemas/checklists';
import type { CustomFieldDoc } from '../schemas/customFields';
import type { IntegrationDoc } from '../schemas/integrations';
import type { ListDoc } from '../schemas/lists';
import type { RuleDoc } from '../schemas/rules';
import type { SettingsDoc } from '../schemas/settings';
import type { SwimlaneDoc } from '../schemas/swimlanes';
import type { TableVisibilityModeSettingDoc } from '../schemas/tableVisibilityModeSettings';
import type { TriggerDoc } from '../schemas/triggers';
import type { UserDoc } from '../schemas/users';
import { Collection } from './collection';

/** models/counters.js:3: atomic counters, such as a board's next card number (`cardNumber-<boardId>`). No schema. */
export interface CounterDoc {
	_id: string;
	next_val: number;
}

export class Database {
	readonly users = new Collection<UserDoc>('users', { indexes: ['username'] });
	readonly boards = new Collection<BoardDoc>('boards');
	readonly tableVisibilityModeSettings = new Collection<TableVisibilityModeSettingDoc>('tableVisibilityModeSettings');
	readonly lists = new Collection<ListDoc>('lists', { indexes: ['boardId'] });
	readonly swimlanes = new Collection<SwimlaneDoc>('swimlanes', { indexes: ['boardId'] });
	readonly cards = new Collection<CardDoc>('cards', { indexes: ['boardId', 'listId', 'parentId', 'swimlaneId'] });
	readonly checklists = new Collection<ChecklistDoc>('checklists', { indexes: ['cardId'] });
	readonly checklistItems = new Collection<ChecklistItemDoc>('checklistItems', { indexes: ['checklistId', 'cardId'] });
	readonly card_comments = new Collection<CardCommentDoc>('card_comments', { indexes: ['cardId'] });
	readonly customFields = new Collection<CustomFieldDoc>('customFields', { indexes: ['boardIds'] });
	readonly integrations = new Collection<IntegrationDoc>('integrations', { indexes: ['boardId'] });
	readonly activities = new Collection<ActivityDoc>('activities', {
		// The hooks of checklists, items, comments and custom fields find and remove activities by these.
		indexes: ['boardId', 'cardId', 'checklistId', 'checklistItemId', 'commentId', 'customFieldId'],
	});
	/** ostrio:files' collection of file records (the bytes live in `files`, as on Wekan's file system). */
	readonly attachments = new Collection<AttachmentDoc>('attachments');
	readonly rules = new Collection<RuleDoc>('rules', { indexes: ['boardId'] });
	readonly triggers = new Collection<TriggerDoc>('triggers', { indexes: ['boardId'] });
	readonly actions = new Collection<ActionDoc>('actions', { indexes: ['boardId'] });
	readonly settings = new Collection<SettingsDoc>('settings');
	readonly counters = new Collection<CounterDoc>('counters');

	/** File contents by attachment id: what ostrio:files writes to the storage path, outside MongoDB. */
	readonly files = new Map<string, Buffer>();

	collectionNames(): string[] {
		return this.all().map((c) => c.name);
	}

	collection(name: string): Collection<{ _id: string }> | undefined {
		return this.all().find((c) => c.name === name);
	}

	clear(): void {
		for (const collection of this.all()) collection.clear();
		this.files.clear();
	}

	private all(): Array<Collection<{ _id: string }>> {
		return Object.values(this).filter((value): value is Collection<{ _id: string }> => value instanceof Collection);
	}
}
