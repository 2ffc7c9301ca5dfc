/**
 * The Trello JSON import: TrelloCreator (models/trelloCreator.js) at Wekan v11.07 (commit f5cc8e373), reading a
 * Trello board export (`GET /1/boards/<id>?actions=all&cards=all&lists=all&checklists=all&members=all...`): the board
 * with `prefs`, `labels`, `lists`, `cards`, `checklists`, `actions`, `members`, `memberships`, `customFields`.
 *
 * One default swimlane holds every list; lists and cards keep Trello's `pos` as their sort; comments, creation dates
 * and creators come from the actions. Writes are `.direct` except recordImportedUsernames' Users.updateAsync and the
 * attachment records. Attachments that only have a Trello URL are downloaded by Wekan; this server downloads
 * nothing, so only those carrying their bytes (`file`, base64) are created.
 */
import { BOARD_COLORS, CARD_COLORS } from '../../schemas/constants';
import { boardSlug } from '../../schemas/slug';
import { randomId } from '../../ids';
import { translate } from '../exportFormats/common';
import { nextCardNumber, uniqueBoardTitle } from '../boards';
import {
	arrayOf,
	dateOf,
	defined,
	type Importer,
	iterate,
	type Loose,
	prop,
	uniquePlaceholderUsername,
	writeAttachment,
} from './shared';

// ---- models/metadata/stickers.js ----------------------------------------------------------------------------------

/** TRELLO_STICKER_TO_FA (stickers.js:51-66): Trello's built-in stickers. */
const STICKER_ICON: Readonly<Record<string, string>> = {
	thumbsup: 'thumbs-up',
	thumbsdown: 'thumbs-down',
	heart: 'heart',
	star: 'star',
	clock: 'clock-o',
	check: 'check',
	warning: 'exclamation-triangle',
	smile: 'smile-o',
	laugh: 'smile-o',
	huh: 'meh-o',
	frown: 'frown-o',
	rocketship: 'rocket',
	globe: 'globe',
	pencil: 'pencil',
};

/** STICKER_KEYWORD_TO_FA (stickers.js:91-131): a word in the name to an icon, the first match winning. */
const STICKER_KEYWORDS: ReadonlyArray<readonly [string, string]> = (
	[
		['snapchat-ghost', 'ghost'],
		['heartbeat', 'active'],
		['qrcode', 'pixel'],
		['flask', 'proto'],
		['meh-o', 'embarrass'],
		['truck', 'shipped'],
		['thumbs-up', 'thumbsup thumbup'],
		['thumbs-down', 'thumbsdown thumbdown'],
		['heart', 'love heart'],
		['trophy', 'trophy award win'],
		['star', 'proud celebrate star'],
		['money', 'money dollar cash'],
		['smile-o', 'happy smile cool laugh'],
		['frown-o', 'angry sad frown cry'],
		['question-circle', 'confus huh question'],
		['exclamation-triangle', 'alert warn broken'],
		['check', 'complet done'],
		['bath', 'clean'],
		['check', 'check'],
		['clock-o', 'busy clock time'],
		['rocket', 'rocket space ship'],
		['globe', 'globe world earth'],
		['book', 'read book'],
		['android', 'robot'],
		['desktop', 'computer desktop screen'],
		['bed', 'sleep bed'],
		['music', 'music song'],
		['comment-o', 'talk comment chat'],
		['plane', 'vacation plane travel'],
		['archive', 'box package'],
		['gift', 'gift'],
		['fire', 'fire'],
		['bolt', 'bolt lightning energy'],
		['sun-o', 'sun'],
		['moon-o', 'moon'],
		['coffee', 'coffee'],
		['bug', 'bug'],
		['lock', 'lock'],
		['key', 'key'],
		['eye', 'eye'],
		['flag', 'flag'],
		['bell', 'bell'],
		['camera', 'camera'],
		['phone', 'phone'],
		['envelope-o', 'mail email'],
		['map-marker', 'location pin'],
		['paint-brush', 'paint'],
		['magic', 'magic'],
		['birthday-cake', 'cake party'],
		['pencil', 'sketch edit pencil'],
		['paw', 'dog cat paw husky'],
	] as Array<[string, string]>
).flatMap(([icon, words]) => words.split(' ').map((word) => [word, icon] as const));

/** trelloStickerToFa (stickers.js:136-144). */
function stickerIcon(name: unknown): string {
	if (!name) return 'sticky-note-o';
	const n = String(name).toLowerCase();
	if (STICKER_ICON[n]) return STICKER_ICON[n];
	for (const [word, icon] of STICKER_KEYWORDS) if (n.includes(word)) return icon;
	return 'sticky-note-o';
}

/** trelloStickerHighlight (stickers.js:79-85): the taco pack underlined, the pete pack ringed. */
function stickerHighlight(name: unknown): string | undefined {
	if (!name) return undefined;
	const n = String(name).toLowerCase();
	if (n.includes('taco')) return 'underline';
	if (n.includes('pete')) return 'round';
	return undefined;
}

/** stickerLabel (trelloCreator.js:835-851). */
function stickerLabel(name: unknown): string {
	const raw = String(name || '').trim();
	if (!raw) return 'sticker';
	if (/^[0-9a-f]{16,}$/i.test(raw) || /^[A-Za-z0-9_-]{20,}$/.test(raw)) return 'custom sticker';
	return raw
		.replace(/[-_]+/g, ' ')
		.replace(/\btaco\b/gi, 'mascot')
		.replace(/\bpete\b/gi, 'computer')
		.trim();
}

/** mapToWekanColor (trelloCreator.js:857-861): Trello's `_light`/`_dark` variants lose their suffix. */
function wekanColor(trelloColor: unknown): string | null {
	if (!trelloColor) return null;
	const base = String(trelloColor).split('_')[0];
	return CARD_COLORS.includes(base) ? base : null;
}

/** getColor (trelloCreator.js:863-878): a Trello background to a board color; anything else 'belize'. */
const BOARD_COLOR_OF: Readonly<Record<string, string>> = {
	blue: 'belize',
	orange: 'pumpkin',
	green: 'nephritis',
	red: 'pomegranate',
	purple: 'wisteria',
	pink: 'moderatepink',
	lime: 'limegreen',
	sky: 'strongcyan',
	grey: 'midnight',
};

export class TrelloCreator {
	private readonly now = new Date();
	private readonly createdAt = { board: null as unknown, cards: {} as Loose, lists: {} as Loose };
	private readonly createdBy: { cards: Loose } = { cards: {} };
	private readonly labels: Record<string, string> = {};
	private swimlane: string | null = null;
	private readonly lists: Record<string, string> = {};
	private readonly cards: Record<string, string> = {};
	private readonly attachmentIds: Record<string, string> = {};
	private readonly checklists: Record<string, string> = {};
	private readonly comments: Record<string, Loose[]> = {};
	private readonly members: Loose;
	private readonly attachments: Record<string, Loose[]> = {};
	private readonly customFields: Record<string, string> = {};

	constructor(
		private readonly importer: Importer,
		data: { membersMapping?: unknown },
	) {
		this.members = (data.membersMapping as Loose | undefined) ? { ...(data.membersMapping as Loose) } : {};
	}

	private get db() {
		return this.importer.wekan.db;
	}

	private at(dateString?: unknown): Date {
		return dateString ? dateOf(dateString) : this.now;
	}

	private user(trelloUserId?: unknown): string {
		if (trelloUserId && this.members[trelloUserId as string]) return this.members[trelloUserId as string] as string;
		return this.importer.userId;
	}

	/** create (trelloCreator.js:1005-1032). */
	create(board: Loose): string {
		this.createPlaceholderUsers(board);
		this.parseActions(board.actions);
		const boardId = this.createBoardAndLabels(board);
		this.createSwimlanes(boardId);
		this.createLists(board.lists, boardId);
		this.createCards(board.cards, boardId);
		this.createChecklists(board.checklists, boardId);
		this.importActions(board.actions, boardId);
		this.recordImportedUsernames(board, boardId);
		return boardId;
	}

	/**
	 * createPlaceholderUsers (:1057-1105): each Trello member not mapped is matched to a user of the same username (or
	 * with it among their importUsernames), else gets an inert placeholder user under the Trello member id.
	 */
	private createPlaceholderUsers(board: Loose): void {
		for (const item of iterate(board.members || [], 'board.members')) {
			const member = item as Loose;
			if (!member || !member.id) continue;
			const id = member.id as string;
			if (this.members[id]) continue;
			if (member.username) {
				const existing =
					this.db.users.findOne({ username: member.username as string }) ||
					this.db.users.findOne({ importUsernames: member.username as string });
				if (existing) {
					this.members[id] = existing._id;
					continue;
				}
			}
			if (!this.db.users.findOne(id)) {
				const username = uniquePlaceholderUsername(
					this.importer,
					member.username || member.fullName || `imported-${id}`,
				);
				try {
					this.db.users.direct.insert(
						{
							_id: id,
							username,
							profile: {
								fullname: member.fullName || '',
								initials: String(member.initials || '').slice(0, 4),
							},
							authenticationMethod: 'imported',
							loginDisabled: true,
							isActive: false,
							importUsernames: member.username ? [member.username] : [],
							importedFromBoardId: board.id || null,
							importedAt: new Date(),
							createdAt: new Date(),
							services: {},
						},
						this.importer.context,
					);
				} catch {
					// :1096-1100: logged only.
				}
			}
			this.members[id] = id;
		}
	}

	/** parseActions (:890-932). */
	private parseActions(actions: unknown): void {
		for (const item of arrayOf(actions, 'forEach') as Loose[]) {
			const action = item;
			const data = prop(action, 'data') as Loose;
			switch (action.type) {
				case 'addAttachmentToCard': {
					const attachment = prop(data, 'attachment') as Loose;
					attachment.idMemberCreator = action.idMemberCreator;
					if (attachment.url) {
						const cardId = prop(data.card, 'id') as string;
						(this.attachments[cardId] ??= []).push(attachment);
					}
					break;
				}
				case 'commentCard':
					(this.comments[prop(prop(data, 'card'), 'id') as string] ??= []).push(action);
					break;
				case 'createBoard':
					this.createdAt.board = action.date;
					break;
				case 'createCard': {
					const cardId = prop(prop(data, 'card'), 'id') as string;
					this.createdAt.cards[cardId] = action.date;
					this.createdBy.cards[cardId] = action.idMemberCreator;
					break;
				}
				case 'createList':
					this.createdAt.lists[prop(prop(data, 'list'), 'id') as string] = action.date;
					break;
			}
		}
	}

	/** createBoardAndLabels (:206-373). */
	private createBoardAndLabels(trello: Loose): string {
		const prefs = prop(trello, 'prefs') as Loose;
		const background = prop(prefs, 'background');
		// :207-210: getColor never answers undefined, so its 'belize' fallback wins over the 'blue' default.
		const color = BOARD_COLOR_OF[background as string] || BOARD_COLORS[0];
		const name = trello.name;
		if (typeof name !== 'string') {
			throw new TypeError(
				`Cannot read properties of ${name === null ? 'null' : typeof name} (reading 'replace')`,
			);
		}
		const importerId = this.importer.userId;
		const boardToCreate: Loose = {
			archived: trello.closed,
			color,
			createdAt: this.at(this.createdAt.board),
			labels: [] as Loose[],
			customFields: [],
			members: [
				{
					userId: importerId,
					isAdmin: true,
					isActive: true,
					isNoComments: false,
					isCommentOnly: false,
					swimlaneId: false,
				},
			] as Loose[],
			permission: prefs.permissionLevel === 'public' ? 'public' : 'private',
			slug: boardSlug(name),
			stars: 0,
			title: uniqueBoardTitle(this.importer.wekan, name),
		};
		const scaled = Array.isArray(prefs.backgroundImageScaled) ? (prefs.backgroundImageScaled as Loose[]) : [];
		const image =
			prefs.backgroundImage || (scaled.length && scaled[scaled.length - 1] && scaled[scaled.length - 1].url);
		if (image && /^https?:\/\//i.test(String(image))) boardToCreate.backgroundImageURL = image;
		const members = boardToCreate.members as Loose[];
		if (trello.memberships) {
			for (const item of arrayOf(trello.memberships, 'forEach') as Loose[]) {
				const wekanId = this.members[prop(item, 'idMember') as string];
				if (!wekanId) continue;
				const isAdmin = item.memberType === 'admin';
				const existing = members.find((member) => member.userId === wekanId);
				if (existing) {
					if (!existing.isAdmin) existing.isAdmin = isAdmin;
				} else {
					members.push({
						userId: wekanId,
						isAdmin,
						isActive: true,
						isNoComments: false,
						isCommentOnly: false,
						swimlaneId: false,
					});
				}
			}
		}
		if (trello.labels) {
			for (const label of arrayOf(trello.labels, 'forEach') as Loose[]) {
				const labelToCreate = {
					_id: randomId(6),
					color: wekanColor(prop(label, 'color')) || 'black',
					name: label.name,
				};
				this.labels[label.id as string] = labelToCreate._id;
				(boardToCreate.labels as Loose[]).push(labelToCreate);
			}
		}
		const boardId = this.db.boards.direct.insert(defined(boardToCreate), this.importer.context);
		this.db.boards.direct.update(boardId, { $set: { modifiedAt: this.at() } }, {}, this.importer.context);
		this.db.activities.direct.insert(
			{
				activityType: 'importBoard',
				boardId,
				createdAt: this.at(),
				// :294-301: only an http(s) board URL is kept.
				source: defined({
					id: trello.id,
					system: 'Trello',
					url: /^https?:\/\//i.test(String(trello.url || '')) ? trello.url : undefined,
				}),
				userId: this.user(),
			},
			this.importer.context,
		);
		if (trello.customFields) {
			for (const item of iterate(trello.customFields, 'trelloBoard.customFields')) {
				const field = item as Loose;
				const display = prop(field, 'display') as Loose;
				const fieldToCreate: Loose = {
					name: field.name,
					showOnCard: prop(display, 'cardFront'),
					showLabelOnMiniCard: display.cardFront,
					automaticallyOnCard: true,
					alwaysOnCard: false,
					type: field.type,
					boardIds: [boardId],
					settings: {},
				};
				if (field.type === 'list') {
					fieldToCreate.type = 'dropdown';
					fieldToCreate.settings = {
						dropdownItems: arrayOf(field.options, 'map').map((option) => ({
							_id: prop(option, 'id'),
							name: prop(prop(option, 'value'), 'text'),
						})),
					};
				}
				this.customFields[field.id as string] = this.db.customFields.direct.insert(
					defined(fieldToCreate),
					this.importer.context,
				);
			}
		}
		// :344-372: the background image's bytes, when the live Trello import put them in the document.
		const backgroundFile = trello.backgroundFile as Loose | undefined;
		if (backgroundFile && backgroundFile.file) {
			try {
				const file = writeAttachment(this.importer, Buffer.from(backgroundFile.file as string, 'base64'), {
					fileName: (backgroundFile.name as string) || 'trello-background.jpg',
					type: (backgroundFile.type as string) || 'image/jpeg',
					userId: this.user(),
					meta: { boardId, source: 'board-background' },
				});
				this.db.boards.direct.update(
					boardId,
					{
						$set: {
							backgroundImageId: file._id,
							backgroundImageURL: `/cdn/storage/attachments/${file._id}`,
						},
					},
					{},
					this.importer.context,
				);
			} catch {
				// Logged only.
			}
		}
		return boardId;
	}

	/** createSwimlanes (:769-786): the board's one swimlane. */
	private createSwimlanes(boardId: string): void {
		const swimlaneId = this.db.swimlanes.direct.insert(
			{ archived: false, boardId, createdAt: this.at(), title: 'Default', sort: 1 },
			this.importer.context,
		);
		this.db.swimlanes.direct.update(swimlaneId, { $set: { updatedAt: this.at() } }, {}, this.importer.context);
		this.swimlane = swimlaneId;
	}

	/** createLists (:734-767): in the default swimlane, sorted by Trello's pos. */
	private createLists(lists: unknown, boardId: string): void {
		for (const item of iterate(lists, 'trelloLists')) {
			const list = item as Loose;
			const listId = this.db.lists.direct.insert(
				defined({
					archived: prop(list, 'closed'),
					boardId,
					swimlaneId: this.swimlane,
					createdAt: this.at(this.createdAt.lists[list.id as string]),
					title: list.name,
					sort: list.pos,
				}),
				this.importer.context,
			);
			this.db.lists.direct.update(listId, { $set: { updatedAt: this.at() } }, {}, this.importer.context);
			this.lists[list.id as string] = listId;
		}
	}

	/** createCards (:382-719). */
	private createCards(cards: unknown, boardId: string): void {
		for (const item of iterate(cards, 'trelloCards')) {
			const card = item as Loose;
			const cardKey = prop(card, 'id') as string;
			const cardToCreate: Loose = {
				archived: card.closed,
				boardId,
				cardNumber: card.idShort || nextCardNumber(this.importer.wekan, boardId),
				createdAt: this.at(this.createdAt.cards[cardKey]),
				dateLastActivity: this.at(),
				description: card.desc,
				listId: this.lists[card.idList as string],
				swimlaneId: this.swimlane,
				sort: card.pos,
				title: card.name,
				userId: this.user(this.createdBy.cards[cardKey]),
				dueAt: card.due ? this.at(card.due) : null,
				dueComplete: card.dueComplete || false,
			};
			const cover = card.cover as Loose | undefined;
			if (cover && cover.color) {
				const coverColor = wekanColor(cover.color);
				if (coverColor) cardToCreate.color = coverColor;
			}
			if (card.locationName) cardToCreate.locationName = card.locationName;
			if (card.address) cardToCreate.locationAddress = card.address;
			const coordinates = card.coordinates as Loose | undefined;
			if (coordinates) {
				if (typeof coordinates.latitude === 'number') cardToCreate.locationLatitude = coordinates.latitude;
				if (typeof coordinates.longitude === 'number') cardToCreate.locationLongitude = coordinates.longitude;
			}
			if (card.stickers && (card.stickers as unknown[]).length > 0) {
				cardToCreate.stickers = arrayOf(card.stickers, 'map').map((entry, index) => {
					const sticker = entry as Loose;
					const data: Loose = {
						icon: stickerIcon(prop(sticker, 'image')),
						name: stickerLabel(sticker.image),
						position: typeof sticker.zIndex === 'number' ? sticker.zIndex : index,
					};
					const highlight = stickerHighlight(sticker.image);
					if (highlight) data.highlight = highlight;
					return data;
				});
			}
			if (card.idLabels)
				cardToCreate.labelIds = arrayOf(card.idLabels, 'map').map((id) => this.labels[id as string]);
			if (card.idMembers) {
				const people: unknown[] = [];
				for (const id of arrayOf(card.idMembers, 'forEach')) {
					const wekanId = this.members[id as string];
					if (wekanId && !people.includes(wekanId)) people.push(wekanId);
				}
				if (people.length > 0) cardToCreate.members = people;
			}
			// :474-495: Trello's votes become a public vote whose question is the card's title.
			if (card.idMembersVoted) {
				const positive: unknown[] = [];
				for (const id of arrayOf(card.idMembersVoted, 'forEach')) {
					const wekanId = this.members[id as string];
					if (wekanId && !positive.includes(wekanId)) positive.push(wekanId);
				}
				if (positive.length > 0) cardToCreate.vote = { question: cardToCreate.title, public: true, positive };
			}
			if (card.customFieldItems) {
				const values: Loose[] = [];
				for (const entry of arrayOf(card.customFieldItems, 'forEach') as Loose[]) {
					const custom: Loose = { _id: this.customFields[prop(entry, 'idCustomField') as string] };
					const value = entry.value as Loose;
					const has = (key: string) => Object.prototype.hasOwnProperty.call(prop(entry, 'value'), key);
					if (entry.idValue) custom.value = entry.idValue;
					else if (has('checked')) custom.value = value.checked === 'true';
					else if (has('text')) custom.value = value.text;
					else if (has('date')) custom.value = value.date;
					else if (has('number')) custom.value = value.number;
					values.push(defined(custom));
				}
				cardToCreate.customFields = values;
			}
			const cardId = this.db.cards.direct.insert(defined(cardToCreate), this.importer.context);
			this.cards[cardKey] = cardId;

			// :538-564: the comments, each with an addComment activity (Trello gives no comment id to replay).
			for (const comment of this.comments[cardKey] ?? []) {
				const commentToCreate = {
					boardId,
					cardId,
					createdAt: this.at(comment.date),
					text: prop(comment.data, 'text'),
					userId: this.user(comment.idMemberCreator),
				};
				const commentId = this.db.card_comments.direct.insert(defined(commentToCreate), this.importer.context);
				this.db.activities.direct.insert(
					{
						activityType: 'addComment',
						boardId,
						cardId,
						commentId,
						createdAt: this.at(comment.date),
						userId: commentToCreate.userId,
					},
					this.importer.context,
				);
			}

			// :565-595: attachments from the actions and from card.attachments, one per Trello attachment id.
			const merged: Loose[] = [];
			const byId = new Map<unknown, Loose>();
			const push = (raw: Loose | undefined) => {
				if (!raw) return;
				const id = raw.id || raw._id || `__noid_${merged.length}`;
				const norm: Loose = {
					id: raw.id || raw._id,
					name: raw.name || raw.fileName || '',
					fileName: raw.fileName || raw.name || '',
					url: raw.url || '',
					type: raw.mimeType || raw.type || undefined,
					userId: raw.idMemberCreator || raw.userId,
					file: raw.file,
				};
				const existing = byId.get(id);
				if (existing) {
					if (!existing.file && norm.file) existing.file = norm.file;
					if (!existing.url && norm.url) existing.url = norm.url;
					if (!existing.type && norm.type) existing.type = norm.type;
					return;
				}
				byId.set(id, norm);
				merged.push(norm);
			};
			for (const raw of this.attachments[cardKey] ?? []) push(raw);
			for (const raw of arrayOf(card.attachments || [], 'forEach') as Loose[]) push(raw);
			const coverId = card.idAttachmentCover || (cover && cover.idAttachment);
			if (merged.length) {
				const links: unknown[] = [];
				for (const attachment of merged) {
					// :606-611: a link attachment (its name is its URL) goes into the description instead.
					if (attachment.name && attachment.name === attachment.url) {
						links.push(attachment.url);
						continue;
					}
					try {
						if (attachment.file) {
							const file = writeAttachment(
								this.importer,
								Buffer.from(attachment.file as string, 'base64'),
								{
									fileName: ((attachment.fileName || attachment.name) as string) || 'attachment',
									type: (attachment.type as string) || 'application/octet-stream',
									userId: this.user(attachment.userId),
									meta: { boardId, cardId, source: 'import' },
								},
							);
							this.attachmentIds[attachment.id as string] = file._id;
							if (coverId && coverId === attachment.id) {
								this.db.cards.direct.update(
									cardId,
									{ $set: { coverId: file._id } },
									{},
									this.importer.context,
								);
							}
						}
						// A URL-only attachment is downloaded from Trello by Wekan; nothing is downloaded here.
					} catch {
						// :697-705: one failed attachment does not stop the import.
					}
				}
				if (links.length) {
					let description = String(cardToCreate.description || '').trim();
					if (description) description += '\n\n';
					description += `## ${translate('links-heading')}\n`;
					for (const link of links) description += `* ${String(link)}\n`;
					this.db.cards.direct.update(cardId, { $set: { description } }, {}, this.importer.context);
				}
			}
		}
	}

	/** createChecklists (:788-819): the items' ids are the checklist's id with a counter appended. */
	private createChecklists(checklists: unknown, boardId: string): void {
		for (const entry of iterate(checklists, 'trelloChecklists')) {
			const checklist = entry as Loose;
			const cardId = this.cards[prop(checklist, 'idCard') as string];
			if (!cardId) continue;
			const checklistId = this.db.checklists.direct.insert(
				defined({ cardId, boardId, title: checklist.name, createdAt: this.at(), sort: checklist.pos }),
				this.importer.context,
			);
			this.checklists[checklist.id as string] = checklistId;
			let counter = 0;
			for (const element of iterate(checklist.checkItems, 'checklist.checkItems')) {
				const item = element as Loose;
				counter++;
				this.db.checklistItems.direct.insert(
					defined({
						_id: checklistId + counter,
						title: prop(item, 'name'),
						checklistId,
						cardId,
						boardId,
						sort: item.pos,
						isFinished: item.state === 'complete',
					}),
					this.importer.context,
				);
			}
		}
	}

	/** importActions (:934-1002): the activities Trello's actions can be replayed as. */
	private importActions(actions: unknown, boardId: string): void {
		for (const item of iterate(actions, 'actions')) {
			const action = item as Loose;
			const data = action.data as Loose;
			const userId = this.user(action.idMemberCreator);
			const at = this.at(action.date);
			let doc: Loose | undefined;
			switch (action.type) {
				case 'createBoard':
					doc = {
						userId,
						type: 'board',
						activityTypeId: boardId,
						activityType: 'createBoard',
						boardId,
						createdAt: at,
					};
					break;
				case 'createList':
					doc = {
						userId,
						type: 'list',
						activityType: 'createList',
						listId: this.lists[prop(data.list, 'id') as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'createCard':
					doc = {
						userId,
						activityType: 'createCard',
						listId: this.lists[prop(data.list, 'id') as string],
						cardId: this.cards[prop(data.card, 'id') as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'updateCard':
					if ((prop(data, 'old') as Loose).idList) {
						doc = {
							userId,
							oldListId: this.lists[(data.old as Loose).idList as string],
							activityType: 'moveCard',
							listId: this.lists[prop(data.listAfter, 'id') as string],
							cardId: this.cards[prop(data.card, 'id') as string],
							boardId,
							createdAt: at,
						};
					}
					break;
				case 'addAttachmentToCard':
					doc = {
						userId,
						type: 'card',
						activityType: 'addAttachment',
						attachmentId: this.attachmentIds[prop(data.attachment, 'id') as string],
						cardId: this.cards[prop(data.card, 'id') as string],
						boardId,
						createdAt: at,
					};
					break;
				case 'addChecklistToCard':
					doc = {
						userId,
						activityType: 'addChecklist',
						cardId: this.cards[prop(data.card, 'id') as string],
						checklistId: this.checklists[prop(data.checklist, 'id') as string],
						boardId,
						createdAt: at,
					};
					break;
			}
			if (doc) this.db.activities.direct.insert(defined(doc), this.importer.context);
		}
	}

	/**
	 * recordImportedUsernames (:1112-1132): a mapped member's Trello username joins that user's importUsernames
	 * through the hooked, validated Users.updateAsync; an unmapped one joins the board's importUsernames.
	 */
	private recordImportedUsernames(board: Loose, boardId: string): void {
		const unmapped: string[] = [];
		for (const item of iterate(board.members || [], 'board.members')) {
			const member = item as Loose;
			if (!prop(member, 'username')) continue;
			const wekanId = this.members[member.id as string] as string | undefined;
			if (wekanId) {
				this.db.users.update(
					wekanId,
					{ $addToSet: { importUsernames: member.username } },
					{},
					this.importer.context,
				);
			} else if (!unmapped.includes(member.username as string)) {
				unmapped.push(member.username as string);
			}
		}
		if (unmapped.length) {
			this.db.boards.direct.update(
				boardId,
				{ $addToSet: { importUsernames: { $each: unmapped } } },
				{},
				this.importer.context,
			);
		}
	}
}
