/**
 * Wekan's MongoDB database: the collections its REST API reads and writes, under the names Wekan gives them
 * (`new Mongo.Collection('<name>')` in models/*.js; users is Meteor.users). Indexes here are only lookups that
 * keep the server fast; they change no answer.
 */
import { Collection, type Doc } from './collection';

export class Database {
	readonly users = new Collection<Doc>('users', { indexes: ['username'] });
	readonly boards = new Collection<Doc>('boards');
	readonly lists = new Collection<Doc>('lists', { indexes: ['boardId'] });
	readonly swimlanes = new Collection<Doc>('swimlanes', { indexes: ['boardId'] });
	readonly cards = new Collection<Doc>('cards', { indexes: ['boardId', 'listId', 'parentId'] });
	readonly checklists = new Collection<Doc>('checklists', { indexes: ['cardId'] });
	readonly checklistItems = new Collection<Doc>('checklistItems', { indexes: ['checklistId', 'cardId'] });
	readonly card_comments = new Collection<Doc>('card_comments', { indexes: ['cardId'] });
	readonly customFields = new Collection<Doc>('customFields', { indexes: ['boardIds'] });
	readonly integrations = new Collection<Doc>('integrations', { indexes: ['boardId'] });
	readonly activities = new Collection<Doc>('activities', { indexes: ['boardId', 'cardId'] });
	/** ostrio:files' collection of file records (the bytes live in `files`, as on Wekan's file system). */
	readonly attachments = new Collection<Doc>('attachments');
	readonly rules = new Collection<Doc>('rules', { indexes: ['boardId'] });
	readonly triggers = new Collection<Doc>('triggers', { indexes: ['boardId'] });
	readonly actions = new Collection<Doc>('actions', { indexes: ['boardId'] });
	readonly settings = new Collection<Doc>('settings');

	/** File contents by attachment id: what ostrio:files writes to the storage path, outside MongoDB. */
	readonly files = new Map<string, Buffer>();

	collectionNames(): string[] {
		return this.all().map((c) => c.name);
	}

	collection(name: string): Collection<Doc> | undefined {
		return this.all().find((c) => c.name === name);
	}

	clear(): void {
		for (const collection of this.all()) collection.clear();
		this.files.clear();
	}

	private all(): Array<Collection<Doc>> {
		return Object.values(this).filter((value): value is Collection<Doc> => value instanceof Collection);
	}
}
