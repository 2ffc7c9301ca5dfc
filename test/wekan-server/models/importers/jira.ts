/**
 * The Jira import: JiraCreator (models/jiraCreator.js) at Wekan v11.07 (commit f5cc8e373), reading the issues of the
 * Jira Cloud search API (`{board?, issues: [{key, fields: {summary, description, status, labels, assignee, reporter,
 * duedate, created, updated, issuelinks}}], automationRules?}`): statuses become lists, issues cards, labels black
 * board labels, issue links dependencies, and rules already in Wekan's `{title, trigger, action}` shape rules.
 */
import { randomId } from '../../ids';
import { getBoardLabel } from '../boards';
import { normalizeDependency } from '../dependencies';
import { dateOf, defined, type Importer, iterate, type Loose } from './shared';

const DEFAULT_DEPENDENCY_TYPE = 'related-to';

export class JiraCreator {
	private readonly now = new Date();
	private readonly members: Loose;
	private readonly lists: Record<string, string> = {};
	private swimlane: string | null = null;
	private readonly cardsByKey: Record<string, string> = {};

	constructor(
		private readonly importer: Importer,
		data: { membersMapping?: unknown },
	) {
		this.members = (data.membersMapping as Loose | undefined) ?? {};
	}

	private get db() {
		return this.importer.wekan.db;
	}

	private at(dateString?: unknown): Date {
		return dateString ? dateOf(dateString) : this.now;
	}

	private user(key?: unknown): string {
		if (key && this.members[key as string]) return this.members[key as string] as string;
		return this.importer.userId;
	}

	private issues(data: unknown): unknown[] {
		if (Array.isArray(data)) return data;
		return ((data as Loose).issues || []) as unknown[];
	}

	/** create (jiraCreator.js:251-265). */
	create(data: unknown): string {
		const boardId = this.createBoard(data);
		this.createSwimlane(boardId);
		this.createLists(data, boardId);
		this.createCards(data, boardId);
		this.createDependencies(data);
		this.createRules(data, boardId);
		return boardId;
	}

	/** createBoard (:60-111): titled by the document, the first issue's project, or "Imported Jira Board <date>". */
	private createBoard(data: unknown): string {
		const board = (data as Loose).board as Loose | undefined;
		const first = this.issues(data)[0] as Loose | undefined;
		const project = (first && first.fields && (first.fields as Loose).project) as Loose | undefined;
		const title =
			(board && board.name) || (project && project.name) || `Imported Jira Board ${this.at().toString()}`;
		const labelNames = new Set<unknown>();
		for (const issue of iterate(this.issues(data), 'issues') as Loose[]) {
			const labels = ((issue.fields && (issue.fields as Loose).labels) || []) as unknown[];
			for (const label of iterate(labels, 'labels')) labelNames.add(label);
		}
		const importerId = this.importer.userId;
		const boardId = this.db.boards.direct.insert(
			{
				archived: false,
				color: 'belize',
				createdAt: this.at(),
				labels: [...labelNames].map((name) => ({ _id: randomId(6), color: 'black', name })),
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
				source: { id: boardId, system: 'Jira' },
				userId: this.user(),
			},
			this.importer.context,
		);
		return boardId;
	}

	private createSwimlane(boardId: string): void {
		this.swimlane = this.db.swimlanes.direct.insert(
			{ archived: false, boardId, createdAt: this.at(), title: 'Default', sort: 1 },
			this.importer.context,
		);
	}

	/** createLists (:124-141): one list per status, in order of first appearance. */
	private createLists(data: unknown, boardId: string): void {
		let sort = 0;
		for (const issue of iterate(this.issues(data), 'issues') as Loose[]) {
			const fields = issue.fields as Loose | undefined;
			const statusName = ((fields && fields.status && (fields.status as Loose).name) || 'Imported') as string;
			if (this.lists[statusName]) continue;
			this.lists[statusName] = this.db.lists.direct.insert(
				{ archived: false, boardId, createdAt: this.at(), title: statusName, sort },
				this.importer.context,
			);
			sort += 1;
		}
	}

	/** createCards (:143-194): "[KEY] summary", the reporter as Requested By, the assignee a member when mapped. */
	private createCards(data: unknown, boardId: string): void {
		const board = this.db.boards.findOne(boardId);
		for (const item of iterate(this.issues(data), 'issues')) {
			const issue = item as Loose;
			const fields = (issue.fields || {}) as Loose;
			const statusName = ((fields.status && (fields.status as Loose).name) || 'Imported') as string;
			const titleParts: string[] = [];
			if (issue.key) titleParts.push(`[${String(issue.key)}]`);
			if (fields.summary) titleParts.push(String(fields.summary));
			const card: Loose = {
				archived: false,
				boardId,
				dateLastActivity: this.at(),
				description: typeof fields.description === 'string' ? fields.description : '',
				listId: this.lists[statusName],
				swimlaneId: this.swimlane,
				sort: -1,
				title: titleParts.join(' ') || 'Imported issue',
				userId: this.user(),
				labelIds: [] as string[],
			};
			const reporter = fields.reporter as Loose | undefined;
			if (reporter) {
				card.requestedBy =
					reporter.displayName || reporter.name || reporter.emailAddress || reporter.accountId || '';
			}
			if (fields.created) card.createdAt = this.at(fields.created);
			if (fields.duedate) card.dueAt = this.at(fields.duedate);
			if (fields.updated) card.modifiedAt = this.at(fields.updated);
			for (const name of iterate(fields.labels || [], 'fields.labels')) {
				const label = board ? getBoardLabel(board, name, 'black') : undefined;
				if (label) (card.labelIds as string[]).push(label._id);
			}
			const assignee = fields.assignee as Loose | undefined;
			if (assignee) {
				const key = assignee.accountId || assignee.name || assignee.emailAddress;
				if (key && this.members[key as string]) card.members = [this.members[key as string]];
			}
			const cardId = this.db.cards.direct.insert(defined(card), this.importer.context);
			if (issue.key) this.cardsByKey[issue.key as string] = cardId;
		}
	}

	/** createDependencies (:199-228): issue links between imported issues; "block" links are blocks/is-blocked-by. */
	private createDependencies(data: unknown): void {
		for (const item of iterate(this.issues(data), 'issues')) {
			const issue = item as Loose;
			const fromId = this.cardsByKey[issue.key as string];
			if (!fromId) continue;
			const links = (((issue.fields || {}) as Loose).issuelinks || []) as Loose[];
			const deps: unknown[] = [];
			for (const link of iterate(links, 'links') as Loose[]) {
				const typeName = String((link.type && (link.type as Loose).name) || '').toLowerCase();
				let targetKey: unknown = null;
				let type = DEFAULT_DEPENDENCY_TYPE;
				if (link.outwardIssue) {
					targetKey = (link.outwardIssue as Loose).key;
					if (typeName.includes('block')) type = 'blocks';
				} else if (link.inwardIssue) {
					targetKey = (link.inwardIssue as Loose).key;
					if (typeName.includes('block')) type = 'is-blocked-by';
				}
				if (!targetKey) continue;
				const toId = this.cardsByKey[targetKey as string];
				if (!toId || toId === fromId) continue;
				if (deps.find((dep) => (dep as Loose | null)?.cardId === toId)) continue;
				deps.push(normalizeDependency({ cardId: toId, type }));
			}
			if (deps.length) {
				this.db.cards.direct.update(fromId, { $set: { cardDependencies: deps } }, {}, this.importer.context);
			}
		}
	}

	/**
	 * createRules (:233-249): a rule with a trigger and an action is inserted with the hooked, validated inserts
	 * (Triggers, Actions, Rules.insertAsync), so the hooks see the importer.
	 */
	private createRules(data: unknown, boardId: string): void {
		for (const item of iterate((data as Loose).automationRules || [], 'automationRules')) {
			const rule = item as Loose | null;
			if (!rule || !rule.trigger || !rule.action) continue;
			const triggerId = this.db.triggers.insert({ ...(rule.trigger as Loose), boardId }, this.importer.context);
			const actionId = this.db.actions.insert({ ...(rule.action as Loose), boardId }, this.importer.context);
			this.db.rules.insert(
				{ title: rule.title || 'Imported Jira rule', triggerId, actionId, boardId },
				this.importer.context,
			);
		}
	}
}
