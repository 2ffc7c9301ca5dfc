/**
 * The Kanboard import and the imports from other tools that go through it: KanboardCreator
 * (models/kanboardCreator.js) and the parsers of models/lib/externalParsers.js (NextCloud Deck, OpenProject, GitHub,
 * Gitea, Forgejo, GitLab, Asana, ZenKit), which turn each tool's JSON into the Kanboard shape
 * `{board, columns, swimlanes, tasks}`. At Wekan v11.07, commit f5cc8e373.
 *
 * The document is read as JavaScript reads it: a property of a string or a boolean is undefined, of null a TypeError.
 */
import { randomId } from '../../ids';
import { getBoardLabel } from '../boards';
import { dateOf, defined, type Importer, iterate, type Loose } from './shared';

/** `value.key` for any JavaScript value: primitives answer through their wrapper, null and undefined throw. */
function get(value: unknown, key: string): unknown {
	if (value === undefined || value === null) {
		throw new TypeError(`Cannot read properties of ${String(value)} (reading '${key}')`);
	}
	return (Object(value) as Loose)[key];
}

const isArray = Array.isArray;

// ---- models/lib/externalParsers.js ----------------------------------------------------------------------------

const uniq = (values: unknown[]) => [...new Set(values.filter(Boolean))];

/** parseNextcloudDeck (:15-44). */
function parseNextcloudDeck(data: unknown): Loose {
	const board = (get(data, 'board') || data) as Loose;
	const stacks = (get(board, 'stacks') || get(data, 'stacks') || []) as unknown[];
	const tasks: Loose[] = [];
	for (const stack of stacks as Loose[]) {
		for (const card of (get(stack, 'cards') || []) as Loose[]) {
			const assigned = get(card, 'assignedUsers') as Loose[] | undefined;
			const first = assigned && (assigned[0] as Loose | undefined);
			tasks.push({
				title: card.title || 'Imported card',
				description: card.description || '',
				column_name: stack.title,
				swimlane_name: 'Default',
				date_due: card.duedate || card.dueDate,
				owner_username:
					(first && (first.participant ? (first.participant as Loose).uid : first.uid)) || card.owner,
				tags: ((card.labels || []) as unknown[]).map((l) => (typeof l === 'string' ? l : get(l, 'title'))),
			});
		}
	}
	return {
		board: { name: board.title || 'Imported NextCloud Deck board' },
		columns: (stacks as Loose[]).map((s) => ({ title: get(s, 'title') })),
		swimlanes: [{ name: 'Default' }],
		tasks,
	};
}

/** parseOpenProject (:50-73). */
function parseOpenProject(data: unknown): Loose {
	const embedded = get(data, '_embedded') as Loose | undefined;
	const elements = ((embedded && embedded.elements) ||
		get(data, 'elements') ||
		(isArray(data) ? data : [])) as Loose[];
	const tasks = elements.map((wp) => {
		const links = (get(wp, '_links') || {}) as Loose;
		const description = wp.description as Loose | undefined;
		const status = links.status as Loose | undefined;
		const assignee = links.assignee as Loose | undefined;
		const type = links.type as Loose | undefined;
		return {
			title: wp.subject || wp.name || 'Imported work package',
			description: (description && (description.raw || description.html)) || '',
			column_name: (status && status.title) || wp.status || 'Imported',
			swimlane_name: 'Default',
			date_due: wp.dueDate || wp.due_date,
			owner_username: assignee && assignee.title,
			tags: [type && type.title].filter(Boolean),
		};
	});
	const self = (get(data, '_links') as Loose | undefined)?.self as Loose | undefined;
	return {
		board: { name: (get(data, '_links') && self && self.title) || 'Imported OpenProject' },
		columns: uniq(tasks.map((t) => t.column_name)).map((title) => ({ title })),
		swimlanes: [{ name: 'Default' }],
		tasks,
	};
}

/** parseIssuesArray (:78-104): GitHub, Gitea and Forgejo issues, pull requests left out. */
function parseIssuesArray(data: unknown, system: string): Loose {
	const issues = (isArray(data) ? data : get(data, 'issues') || []) as Loose[];
	const tasks = issues
		.filter((issue) => !get(issue, 'pull_request'))
		.map((issue) => {
			const milestone = issue.milestone as Loose | undefined;
			const assignee = issue.assignee as Loose | undefined;
			const user = issue.user as Loose | undefined;
			const author = issue.author as Loose | undefined;
			return {
				title: issue.title || 'Imported issue',
				description: issue.body || issue.description || '',
				column_name: issue.state === 'closed' ? 'Closed' : 'Open',
				swimlane_name: 'Default',
				date_due: (milestone && (milestone.due_on || milestone.due_date)) || issue.due_date,
				owner_username: (assignee && (assignee.login || assignee.username)) || undefined,
				requested_by:
					(user && (user.login || user.name)) ||
					(author && (author.login || author.username || author.name)) ||
					undefined,
				tags: ((issue.labels || []) as unknown[]).map((l) => (typeof l === 'string' ? l : get(l, 'name'))),
			};
		});
	return {
		board: { name: `Imported ${system} issues` },
		columns: [{ title: 'Open' }, { title: 'Closed' }],
		swimlanes: [{ name: 'Default' }],
		tasks,
	};
}

/** parseGitlab (:118-136). */
function parseGitlab(data: unknown): Loose {
	const issues = (isArray(data) ? data : get(data, 'issues') || []) as Loose[];
	const tasks = issues.map((issue) => {
		const milestone = get(issue, 'milestone') as Loose | undefined;
		const assignee = issue.assignee as Loose | undefined;
		const author = issue.author as Loose | undefined;
		return {
			title: issue.title || 'Imported issue',
			description: issue.description || '',
			column_name: issue.state === 'closed' ? 'Closed' : 'Open',
			swimlane_name: 'Default',
			date_due: issue.due_date || (milestone && milestone.due_date),
			owner_username: assignee && assignee.username,
			requested_by: author && (author.username || author.name),
			tags: ((issue.labels || []) as unknown[]).map((l) => (typeof l === 'string' ? l : get(l, 'name'))),
		};
	});
	return {
		board: { name: 'Imported GitLab issues' },
		columns: [{ title: 'Open' }, { title: 'Closed' }],
		swimlanes: [{ name: 'Default' }],
		tasks,
	};
}

/** parseAsana (:141-164). */
function parseAsana(data: unknown): Loose {
	const items = (isArray(data) ? data : get(data, 'data') || []) as Loose[];
	const tasks = items.map((t) => {
		const memberships = get(t, 'memberships') as Loose[] | undefined;
		const section =
			(memberships &&
				memberships[0] &&
				(memberships[0] as Loose).section &&
				((memberships[0] as Loose).section as Loose).name) ||
			(t.completed ? 'Done' : 'In Progress');
		const assignee = t.assignee as Loose | undefined;
		return {
			title: t.name || 'Imported task',
			description: t.notes || '',
			column_name: section,
			swimlane_name: 'Default',
			date_due: t.due_on || t.due_at,
			owner_username: assignee && (assignee.email || assignee.name),
			tags: ((t.tags || []) as unknown[]).map((tag) => (typeof tag === 'string' ? tag : get(tag, 'name'))),
		};
	});
	const project = get(data, 'project') as Loose | undefined;
	return {
		board: { name: (project && project.name) || 'Imported Asana project' },
		columns: uniq(tasks.map((t) => t.column_name)).map((title) => ({ title })),
		swimlanes: [{ name: 'Default' }],
		tasks,
	};
}

/** parseZenkit (:169-188). */
function parseZenkit(data: unknown): Loose {
	const items = (isArray(data) ? data : get(data, 'items') || []) as Loose[];
	const stages = (get(data, 'stages') || []) as Loose[];
	const tasks = items.map((t) => {
		const assignee = get(t, 'assignee') as Loose | undefined;
		return {
			title: t.title || t.name || 'Imported item',
			description: t.description || t.notes || '',
			column_name: t.stage_name || t.stageName || t.list || 'Inbox',
			swimlane_name: 'Default',
			date_due: t.due || t.dueDate || t.due_date,
			owner_username: assignee && (assignee.email || assignee.name),
			tags: isArray(t.tags)
				? (t.tags as unknown[]).map((tag) => (typeof tag === 'string' ? tag : get(tag, 'name')))
				: [],
		};
	});
	const derived = uniq(tasks.map((t) => t.column_name)).map((title) => ({ title }));
	return {
		board: { name: get(data, 'title') || get(data, 'name') || 'Imported ZenKit list' },
		columns: stages.length ? stages.map((s) => ({ title: get(s, 'name') || s.title })) : derived,
		swimlanes: [{ name: 'Default' }],
		tasks,
	};
}

/**
 * EXTERNAL_PARSERS (:191-200), a plain object looked up with `EXTERNAL_PARSERS[importSource]` (models/import.js:86),
 * so the names an object inherits answer too: `toString` or `valueOf`, called as a parser, hand the Kanboard creator
 * '[object Object]' or this object itself. That is kept by looking the name up the same way.
 */
export const EXTERNAL_PARSERS: Record<string, (data: unknown) => unknown> = {
	deck: parseNextcloudDeck,
	openproject: parseOpenProject,
	github: (data) => parseIssuesArray(data, 'GitHub'),
	gitlab: parseGitlab,
	gitea: (data) => parseIssuesArray(data, 'Gitea/Forgejo'),
	forgejo: (data) => parseIssuesArray(data, 'Gitea/Forgejo'),
	asana: parseAsana,
	zenkit: parseZenkit,
};

/** `EXTERNAL_PARSERS[source]` as JavaScript finds it: own entries and inherited ones alike. */
export function externalParser(source: string): ((data: unknown) => unknown) | undefined {
	const found = (EXTERNAL_PARSERS as Loose)[source];
	if (!found) return undefined;
	return (data: unknown) => {
		if (typeof found !== 'function') throw new TypeError(`EXTERNAL_PARSERS[importSource] is not a function`);
		return (found as (this: unknown, value: unknown) => unknown).call(EXTERNAL_PARSERS, data);
	};
}

// ---- KanboardCreator ------------------------------------------------------------------------------------------

export class KanboardCreator {
	private readonly now = new Date();
	private readonly members: Loose;
	private readonly lists: Record<string, string> = {};
	private readonly swimlanes: Record<string, string> = {};

	constructor(
		private readonly importer: Importer,
		data: { membersMapping?: unknown },
	) {
		this.members = (data.membersMapping as Loose | undefined) ?? {};
	}

	private get db() {
		return this.importer.wekan.db;
	}

	/** _now (:32-42): a string of digits is a Unix time in seconds. */
	private at(dateString?: unknown): Date {
		if (dateString) {
			if (/^\d+$/.test(String(dateString))) return new Date(Number.parseInt(String(dateString), 10) * 1000);
			return dateOf(dateString);
		}
		return this.now;
	}

	private user(key?: unknown): string {
		if (key && this.members[key as string]) return this.members[key as string] as string;
		return this.importer.userId;
	}

	private tasks(data: unknown): unknown[] {
		if (isArray(data)) return data;
		return (get(data, 'tasks') || []) as unknown[];
	}

	/** _columnNames (:54-65). */
	private columnNames(data: unknown): string[] {
		const columns = get(data, 'columns') as unknown[] | undefined;
		if (columns && columns.length) {
			return (columns as Loose[]).map((c) => (get(c, 'title') || c.name) as string).filter(Boolean);
		}
		const names: string[] = [];
		for (const task of iterate(this.tasks(data), 'tasks') as Loose[]) {
			const name = (get(task, 'column_name') || task.column || 'Imported') as string;
			if (!names.includes(name)) names.push(name);
		}
		return names.length ? names : ['Imported'];
	}

	/** _swimlaneNames (:67-77). */
	private swimlaneNames(data: unknown): string[] {
		const swimlanes = get(data, 'swimlanes') as unknown[] | undefined;
		if (swimlanes && swimlanes.length) {
			return (swimlanes as Loose[]).map((s) => (get(s, 'name') || s.title) as string).filter(Boolean);
		}
		const names: string[] = [];
		for (const task of iterate(this.tasks(data), 'tasks') as Loose[]) {
			const name = (get(task, 'swimlane_name') || task.swimlane || 'Default') as string;
			if (!names.includes(name)) names.push(name);
		}
		return names.length ? names : ['Default'];
	}

	/** create (:191-203). */
	create(data: unknown): string {
		const boardId = this.createBoard(data);
		this.createSwimlanes(data, boardId);
		this.createLists(data, boardId);
		this.createCards(data, boardId);
		return boardId;
	}

	/** createBoard (:79-123): a private board titled by the document, the tasks' tags as black labels. */
	private createBoard(data: unknown): string {
		const board = get(data, 'board') as Loose | undefined;
		const title = (board && (board.name || board.title)) || `Imported Kanboard Board ${this.at().toString()}`;
		const labels: Loose[] = [];
		const tagNames = new Set<unknown>();
		for (const task of iterate(this.tasks(data), 'tasks') as Loose[]) {
			for (const tag of iterate(get(task, 'tags') || [], 'task.tags')) {
				tagNames.add(typeof tag === 'string' ? tag : get(tag, 'name'));
			}
		}
		for (const name of tagNames) if (name) labels.push({ _id: randomId(6), color: 'black', name });
		const importerId = this.importer.userId;
		const boardId = this.db.boards.direct.insert(
			{
				archived: false,
				color: 'belize',
				createdAt: this.at(),
				labels,
				members: [
					{
						userId: importerId,
						wekanId: importerId,
						isActive: true,
						isAdmin: true,
						isNoComments: false,
						isCommentOnly: false,
						swimlaneId: false,
					},
				],
				modifiedAt: this.at(),
				permission: 'private',
				slug: 'board',
				stars: 0,
				title,
			},
			this.importer.context,
		);
		this.db.activities.direct.insert(
			{
				activityType: 'importBoard',
				boardId,
				createdAt: this.at(),
				source: { id: boardId, system: 'Kanboard' },
				userId: this.user(),
			},
			this.importer.context,
		);
		return boardId;
	}

	private createSwimlanes(data: unknown, boardId: string): void {
		let sort = 0;
		for (const name of this.swimlaneNames(data)) {
			const id = this.db.swimlanes.direct.insert(
				{ archived: false, boardId, createdAt: this.at(), title: name, sort },
				this.importer.context,
			);
			this.swimlanes[name] = id;
			sort += 1;
		}
	}

	private createLists(data: unknown, boardId: string): void {
		let sort = 0;
		for (const name of this.columnNames(data)) {
			const id = this.db.lists.direct.insert(
				{ archived: false, boardId, createdAt: this.at(), title: name, sort },
				this.importer.context,
			);
			this.lists[name] = id;
			sort += 1;
		}
	}

	/** createCards (:155-189): each task in its column and swimlane (else the first), its tags as labels. */
	private createCards(data: unknown, boardId: string): void {
		const board = this.db.boards.findOne(boardId);
		const firstSwimlane = Object.values(this.swimlanes)[0];
		for (const item of iterate(this.tasks(data), 'tasks')) {
			const task = item as Loose;
			const columnName = (get(task, 'column_name') || task.column || this.columnNames(data)[0]) as string;
			const swimlaneName = (task.swimlane_name || task.swimlane || 'Default') as string;
			const card: Loose = {
				archived: false,
				boardId,
				dateLastActivity: this.at(),
				description: task.description || '',
				listId: this.lists[columnName] || Object.values(this.lists)[0],
				swimlaneId: this.swimlanes[swimlaneName] || firstSwimlane,
				sort: 0,
				title: task.title || 'Imported task',
				userId: this.user(),
				labelIds: [] as string[],
			};
			if (task.requested_by) card.requestedBy = String(task.requested_by);
			if (task.assigned_by) card.assignedBy = String(task.assigned_by);
			if (task.date_due) card.dueAt = this.at(task.date_due);
			if (task.date_creation) card.createdAt = this.at(task.date_creation);
			for (const tag of iterate(task.tags || [], 'task.tags')) {
				const name = typeof tag === 'string' ? tag : get(tag, 'name');
				const label = name && board ? getBoardLabel(board, name, 'black') : undefined;
				if (label) (card.labelIds as string[]).push(label._id);
			}
			const ownerKey = task.owner_id || task.owner_username || task.owner_name;
			if (ownerKey && this.members[ownerKey as string]) card.members = [this.members[ownerKey as string]];
			this.db.cards.direct.insert(defined(card), this.importer.context);
		}
	}
}
