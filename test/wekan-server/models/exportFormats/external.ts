/**
 * The board exports to other tools' JSON: the Kanboard shape of models/export.js:51-75 and the formatters of
 * models/lib/externalExporters.js (NextCloud Deck, OpenProject, GitHub, Gitea, Forgejo, GitLab, Trello, Jira, Asana,
 * ZenKit). At Wekan v11.07, commit f5cc8e373.
 *
 * The objects are built in Wekan's key order and may hold `undefined` values, which JSON.stringify leaves out, as
 * sendJsonResult does.
 */
import type { BoardDoc } from '../../schemas/boards';
import type { CardDoc } from '../../schemas/cards';
import type { ListDoc } from '../../schemas/lists';
import type { SwimlaneDoc } from '../../schemas/swimlanes';
import type { Wekan } from '../../server';
import { sortBySort } from './common';

type Json = Record<string, unknown>;

/** The lists, swimlanes and cards with `archived: false`, each sorted by `sort` (models/export.js:53-55). */
function activeBoardContent(wekan: Wekan, boardId: string) {
	const { db } = wekan;
	return {
		lists: sortBySort(db.lists.find({ boardId, archived: false })),
		swimlanes: sortBySort(db.swimlanes.find({ boardId, archived: false })),
		// Linked cards included: the selector has no linkedId condition.
		cards: sortBySort(db.cards.find({ boardId, archived: false })),
	};
}

const isoOrUndefined = (value: unknown) => (value ? new Date(value as Date).toISOString() : undefined);

/** buildKanboardExport (models/export.js:51-75): lists to columns, cards to tasks. */
export function buildKanboardExport(wekan: Wekan, boardId: string): Json {
	const board = wekan.db.boards.findOne(boardId) as BoardDoc;
	const { lists, swimlanes, cards } = activeBoardContent(wekan, boardId);
	const listTitle = new Map(lists.map((list) => [list._id, list.title]));
	const swimlaneTitle = new Map(swimlanes.map((swimlane) => [swimlane._id, swimlane.title]));
	const labelName = new Map((board.labels ?? []).map((label) => [label._id, label.name]));
	return {
		board: { name: board.title },
		columns: lists.map((list) => ({ title: list.title })),
		swimlanes: swimlanes.map((swimlane) => ({ name: swimlane.title })),
		tasks: cards.map((card) => ({
			title: card.title,
			description: card.description || '',
			column_name: listTitle.get(card.listId) || '',
			swimlane_name: swimlaneTitle.get(card.swimlaneId) || 'Default',
			date_due: isoOrUndefined(card.dueAt),
			tags: (card.labelIds ?? []).map((id) => labelName.get(id)).filter(Boolean),
		})),
	};
}

// ---- models/lib/externalExporters.js ------------------------------------------------------------------------------

interface Item {
	cardId: string;
	listId: string;
	title: string;
	description: string;
	listTitle: string;
	swimlaneTitle: string;
	dueAt?: string;
	labelIds: string[];
	labels: string[];
}

interface Collected {
	board: BoardDoc;
	lists: ListDoc[];
	swimlanes: SwimlaneDoc[];
	items: Item[];
}

/** gateItem (externalExporters.js:13-20): a selection keeps only the description, labels and dates it names. */
function gateItem(item: Item, wanted: Set<string> | null): Item {
	if (!wanted) return item;
	const out = { ...item };
	if (!wanted.has('description')) out.description = '';
	if (!wanted.has('labels')) {
		out.labelIds = [];
		out.labels = [];
	}
	if (!wanted.has('dates')) delete out.dueAt;
	return out;
}

/** collect (externalExporters.js:22-46). */
function collect(wekan: Wekan, boardId: string, fields: readonly string[] | null): Collected {
	const board = wekan.db.boards.findOne(boardId) as BoardDoc;
	const { lists, swimlanes, cards } = activeBoardContent(wekan, boardId);
	const listTitle = new Map(lists.map((list) => [list._id, list.title]));
	const swimlaneTitle = new Map(swimlanes.map((swimlane) => [swimlane._id, swimlane.title]));
	const labelName = new Map((board.labels ?? []).map((label) => [label._id, label.name]));
	const items = cards.map(
		(card: CardDoc): Item => ({
			cardId: card._id,
			listId: card.listId,
			title: card.title,
			description: card.description || '',
			listTitle: listTitle.get(card.listId) || '',
			swimlaneTitle: swimlaneTitle.get(card.swimlaneId) || 'Default',
			dueAt: isoOrUndefined(card.dueAt),
			labelIds: card.labelIds || [],
			labels: (card.labelIds || []).map((id) => labelName.get(id)).filter((name): name is string => !!name),
		}),
	);
	const wanted = fields && fields.length ? new Set(fields) : null;
	return { board, lists, swimlanes, items: items.map((item) => gateItem(item, wanted)) };
}

/** isClosed (externalExporters.js:49-51): a list whose title sounds finished. */
function isClosed(listTitle: string): boolean {
	return /done|closed|complete|archiv|finished/i.test(listTitle || '');
}

const githubLike = ({ items }: Collected) =>
	items.map((i) => ({
		title: i.title,
		body: i.description,
		state: isClosed(i.listTitle) ? 'closed' : 'open',
		labels: i.labels.map((name) => ({ name })),
		due_date: i.dueAt,
	}));

/** The formatters (externalExporters.js:62-159), in their declaration order, which is the routes' order too. */
const FORMATTERS: Record<string, (data: Collected) => unknown> = {
	deck: ({ board, lists, items }) => ({
		title: board.title,
		stacks: lists.map((list) => ({
			title: list.title,
			cards: items
				.filter((i) => i.listTitle === list.title)
				.map((i) => ({
					title: i.title,
					description: i.description,
					duedate: i.dueAt,
					labels: i.labels.map((name) => ({ title: name })),
				})),
		})),
	}),
	openproject: ({ items }) => ({
		_embedded: {
			elements: items.map((i) => ({
				subject: i.title,
				description: { raw: i.description },
				dueDate: i.dueAt,
				_links: { status: { title: i.listTitle } },
			})),
		},
	}),
	github: githubLike,
	gitea: githubLike,
	forgejo: githubLike,
	gitlab: ({ items }) =>
		items.map((i) => ({
			title: i.title,
			description: i.description,
			state: isClosed(i.listTitle) ? 'closed' : 'opened',
			labels: i.labels,
			due_date: i.dueAt,
		})),
	trello: ({ board, lists, items }) => ({
		name: board.title,
		prefs: { background: 'blue', permissionLevel: 'private' },
		labels: (board.labels || []).map((label) => ({ id: label._id, name: label.name, color: label.color })),
		lists: lists.map((list) => ({ id: list._id, name: list.title, closed: false })),
		cards: items.map((i) => ({
			id: i.cardId,
			name: i.title,
			desc: i.description,
			idList: i.listId,
			due: i.dueAt || null,
			closed: false,
			idLabels: i.labelIds,
			idMembers: [],
			idChecklists: [],
		})),
		checklists: [],
		actions: [],
	}),
	jira: ({ board, items }) => ({
		board: { name: board.title },
		issues: items.map((i, index) => ({
			key: `WEKAN-${index + 1}`,
			fields: {
				summary: i.title,
				description: i.description,
				status: { name: i.listTitle },
				labels: i.labels,
				duedate: i.dueAt,
			},
		})),
	}),
	asana: ({ items }) => ({
		data: items.map((i) => ({
			name: i.title,
			notes: i.description,
			completed: isClosed(i.listTitle),
			due_on: i.dueAt,
			memberships: [{ section: { name: i.listTitle } }],
			tags: i.labels.map((name) => ({ name })),
		})),
	}),
	zenkit: ({ board, lists, items }) => ({
		title: board.title,
		stages: lists.map((list) => ({ name: list.title })),
		items: items.map((i) => ({
			title: i.title,
			description: i.description,
			stage_name: i.listTitle,
			due: i.dueAt,
			tags: i.labels,
		})),
	}),
};

/** EXTERNAL_EXPORT_FORMATS (externalExporters.js:161): one `/export/<format>` route each. */
export const EXTERNAL_EXPORT_FORMATS: readonly string[] = Object.keys(FORMATTERS);

/** buildExternalExport (externalExporters.js:163-167). */
export function buildExternalExport(
	wekan: Wekan,
	boardId: string,
	format: string,
	fields: readonly string[] | null,
): unknown {
	const formatter = FORMATTERS[format];
	if (!formatter) return null;
	return formatter(collect(wekan, boardId, fields));
}
