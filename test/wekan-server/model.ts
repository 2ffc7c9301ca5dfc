/**
 * Wekan's documents, as its collections hold them (the keys the REST API returns), in memory.
 */
import { randomId } from './ids';

export interface LoginToken {
	hashedToken: string;
	when: Date;
}

export interface UserDoc {
	_id: string;
	username: string;
	emails: Array<{ address: string; verified: boolean }>;
	profile: { fullname?: string; language?: string; initials?: string };
	isAdmin: boolean;
	loginDisabled: boolean;
	authenticationMethod: string;
	createdAt: Date;
	modifiedAt: Date;
	services: {
		password?: { salt: string; hash: string };
		resume: { loginTokens: LoginToken[] };
	};
}

export interface BoardMember {
	userId: string;
	isAdmin: boolean;
	isActive: boolean;
	isNoComments: boolean;
	isCommentOnly: boolean;
	isWorker: boolean;
	isNormalAssignedOnly: boolean;
	isCommentAssignedOnly: boolean;
	isReadOnly: boolean;
	isReadAssignedOnly: boolean;
}

export interface Label {
	_id: string;
	name: string;
	color: string;
}

export interface BoardDoc {
	_id: string;
	title: string;
	slug: string;
	archived: boolean;
	archivedAt?: Date;
	createdAt: Date;
	modifiedAt: Date;
	permission: 'public' | 'private';
	color: string;
	description?: string;
	labels: Label[];
	members: BoardMember[];
	type: string;
	sort: number;
	allowsAttachments: boolean;
	allowsComments: boolean;
	allowsLabels: boolean;
	allowsChecklists: boolean;
	allowsDescriptionText: boolean;
	[key: string]: unknown;
}

export interface ListDoc {
	_id: string;
	title: string;
	starred: boolean;
	archived: boolean;
	archivedAt?: Date;
	deletedAt?: Date;
	boardId: string;
	swimlaneId: string;
	createdAt: Date;
	sort?: number;
	updatedAt: Date;
	modifiedAt: Date;
	/** When a card of this list last changed; Wekan returns it from GET …/lists since v10.72. */
	cardsModifiedAt?: Date;
	wipLimit: { value: number; enabled: boolean; soft: boolean };
	color?: string;
	type: string;
	width?: number;
}

export interface SwimlaneDoc {
	_id: string;
	title: string;
	archived: boolean;
	archivedAt?: Date;
	boardId: string;
	createdAt: Date;
	sort: number;
	color?: string;
	updatedAt: Date;
	modifiedAt: Date;
	type: string;
	height?: number;
}

export interface CardDoc {
	_id: string;
	title: string;
	archived: boolean;
	archivedAt?: Date;
	parentId: string;
	listId: string;
	swimlaneId: string;
	boardId: string;
	coverId: string;
	color?: string;
	createdAt: Date;
	modifiedAt: Date;
	dateLastActivity: Date;
	customFields: Array<{ _id: string; value: unknown }>;
	description: string;
	requestedBy: string;
	assignedBy: string;
	labelIds: string[];
	members: string[];
	assignees: string[];
	receivedAt?: Date;
	startAt?: Date;
	dueAt?: Date;
	endAt?: Date;
	dueComplete: boolean;
	spentTime?: number;
	isOvertime: boolean;
	userId: string;
	sort: number;
	subtaskSort: number;
	type: string;
	linkedId: string;
	cardNumber: number;
	vote?: unknown;
	poker?: unknown;
	stickers?: unknown[];
	locations?: unknown[];
	[key: string]: unknown;
}

export interface ChecklistDoc {
	_id: string;
	cardId: string;
	boardId: string;
	title: string;
	finishedAt?: Date;
	createdAt: Date;
	modifiedAt: Date;
	sort: number;
}

export interface ChecklistItemDoc {
	_id: string;
	title: string;
	sort: number;
	isFinished: boolean;
	checklistId: string;
	cardId: string;
	boardId: string;
	createdAt: Date;
	modifiedAt: Date;
}

export interface CommentDoc {
	_id: string;
	boardId: string;
	cardId: string;
	text: string;
	parentId?: string;
	createdAt: Date;
	modifiedAt: Date;
	userId: string;
}

export interface CustomFieldDoc {
	_id: string;
	boardIds: string[];
	name: string;
	type: string;
	settings: Record<string, unknown>;
	showOnCard: boolean;
	automaticallyOnCard: boolean;
	alwaysOnCard: boolean;
	showLabelOnMiniCard: boolean;
	showSumAtTopOfList: boolean;
	createdAt: Date;
	modifiedAt: Date;
}

export interface IntegrationDoc {
	_id: string;
	enabled: boolean;
	title?: string;
	type: string;
	activities: string[];
	url: string;
	token?: string;
	boardId: string;
	createdAt: Date;
	modifiedAt: Date;
	userId: string;
}

export interface AttachmentDoc {
	_id: string;
	name: string;
	type: string;
	size: number;
	data: Buffer;
	boardId: string;
	swimlaneId: string;
	listId: string;
	cardId: string;
	userId: string;
	createdAt: Date;
}

export interface ActivityDoc {
	_id: string;
	activityType: string;
	userId: string;
	boardId: string;
	createdAt: Date;
	/** Where the write came from: a REST handler or a DDP method (the web UI); only the latter fires webhooks. */
	origin: 'rest' | 'ui';
	[key: string]: unknown;
}

export class Collection<T extends { _id: string }> {
	private readonly docs = new Map<string, T>();

	insert(doc: T): T {
		this.docs.set(doc._id, doc);
		return doc;
	}
	get(id: string | undefined): T | undefined {
		return id === undefined ? undefined : this.docs.get(id);
	}
	find(predicate: (doc: T) => boolean = () => true): T[] {
		const found: T[] = [];
		for (const doc of this.docs.values()) if (predicate(doc)) found.push(doc);
		return found;
	}
	findOne(predicate: (doc: T) => boolean): T | undefined {
		for (const doc of this.docs.values()) if (predicate(doc)) return doc;
		return undefined;
	}
	remove(id: string): boolean {
		return this.docs.delete(id);
	}
	removeWhere(predicate: (doc: T) => boolean): string[] {
		const removed: string[] = [];
		for (const [id, doc] of this.docs) if (predicate(doc)) removed.push(id);
		for (const id of removed) this.docs.delete(id);
		return removed;
	}
	get size(): number {
		return this.docs.size;
	}
	clear(): void {
		this.docs.clear();
	}
}

export class Store {
	readonly users = new Collection<UserDoc>();
	readonly boards = new Collection<BoardDoc>();
	readonly lists = new Collection<ListDoc>();
	readonly swimlanes = new Collection<SwimlaneDoc>();
	readonly cards = new Collection<CardDoc>();
	readonly checklists = new Collection<ChecklistDoc>();
	readonly checklistItems = new Collection<ChecklistItemDoc>();
	readonly comments = new Collection<CommentDoc>();
	readonly customFields = new Collection<CustomFieldDoc>();
	readonly integrations = new Collection<IntegrationDoc>();
	readonly attachments = new Collection<AttachmentDoc>();
	readonly activities = new Collection<ActivityDoc>();
	/** Site settings an admin can change in the Admin Panel. */
	readonly settings = {
		disableRegistration: false,
		disableNotifications: false,
	};
	private cardNumbers = new Map<string, number>();

	nextCardNumber(boardId: string): number {
		const next = (this.cardNumbers.get(boardId) ?? 0) + 1;
		this.cardNumbers.set(boardId, next);
		return next;
	}

	/** Touch a card and its list, as Wekan's hooks update modifiedAt and the list's cardsModifiedAt. */
	touchCard(card: CardDoc, now = new Date()): void {
		card.modifiedAt = now;
		card.dateLastActivity = now;
		const list = this.lists.get(card.listId);
		if (list) list.cardsModifiedAt = now;
	}

	newCard(fields: Partial<CardDoc> & Pick<CardDoc, 'title' | 'boardId' | 'listId' | 'swimlaneId' | 'userId'>): CardDoc {
		const now = new Date();
		const card: CardDoc = {
			_id: randomId(),
			archived: false,
			parentId: '',
			coverId: '',
			createdAt: now,
			modifiedAt: now,
			dateLastActivity: now,
			customFields: [],
			description: '',
			requestedBy: '',
			assignedBy: '',
			labelIds: [],
			members: [],
			assignees: [],
			dueComplete: false,
			isOvertime: false,
			sort: 0,
			subtaskSort: -1,
			type: 'cardType-card',
			linkedId: '',
			cardNumber: this.nextCardNumber(fields.boardId),
			...fields,
		};
		this.cards.insert(card);
		this.touchCard(card, now);
		return card;
	}
}

export const ALLOWED_COLORS = [
	'white', 'green', 'yellow', 'orange', 'red', 'purple', 'blue', 'sky', 'lime', 'pink', 'black', 'silver',
	'peachpuff', 'crimson', 'plum', 'darkgreen', 'slateblue', 'magenta', 'gold', 'navy', 'gray', 'saddlebrown',
	'paleturquoise', 'mistyrose', 'indigo',
];

export const BOARD_COLORS = [
	'belize', 'nephritis', 'pomegranate', 'pumpkin', 'wisteria', 'moderatepink', 'strongcyan', 'limegreen',
	'midnight', 'dark', 'relax', 'corteza', 'clearblue', 'natural', 'modern', 'moderndark', 'exodark', 'cleandark',
	'cleanlight', 'sky', 'green', 'yellow', 'orange', 'red', 'purple',
];

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox', 'currency', 'stringtemplate'];

export function slugify(title: string): string {
	const slug = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^\w\s-]/g, '')
		.trim()
		.replace(/[\s_-]+/g, '-');
	return slug || 'board';
}
