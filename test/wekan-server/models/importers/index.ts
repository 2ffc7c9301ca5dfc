/**
 * The importBoard Meteor method (models/import.js:40-115) at Wekan v11.07 (commit f5cc8e373): its argument checks,
 * the admin switch that disables imports, and the creator each source gets. Called on the server with
 * Meteor.callAsync, so its arguments are EJSON-cloned and its errors reach the caller as they are thrown.
 *
 * The import's two-minute deadline (withDeadline, WEKAN_IMPORT_TIMEOUT_MS) is not modelled: nothing here waits.
 */
import { MatchError } from '../../accounts';
import { MeteorError } from '../../errors';
import type { Wekan } from '../../server';
import { CsvCreator, parseXlsxToRows } from './csv';
import { JiraCreator } from './jira';
import { externalParser, KanboardCreator } from './kanboard';
import { assertImportEnabled, cloneJson, importerOf, type Loose } from './shared';
import { TrelloCreator } from './trello';
import { WekanCreator } from './wekan';

/** jQuery's isPlainObject, as Meteor's check uses it. */
function isPlainObject(value: unknown): boolean {
	if (!value || Object.prototype.toString.call(value) !== '[object Object]') return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === null || prototype === Object.prototype;
}

/** What check(value, Object) objects to (`Object` is Match.ObjectIncluding({})), or undefined. */
function objectMismatch(value: unknown): string | undefined {
	if (typeof value !== 'object') return `Expected object, got ${typeof value}`;
	if (value === null) return 'Expected object, got null';
	if (!isPlainObject(value)) return 'Expected plain object';
	return undefined;
}

/** check(value, Object). */
export function checkObject(value: unknown): void {
	const mismatch = objectMismatch(value);
	if (mismatch) throw new MatchError(mismatch);
}

/** check(value, Array): Array is a constructor to Match, so `value instanceof Array`. */
export function checkArray(value: unknown): void {
	if (!(value instanceof Array)) throw new MatchError('Expected Array');
}

/** check(value, Match.OneOf(Object, Array)). */
export function checkObjectOrArray(value: unknown): void {
	if (!objectMismatch(value) || value instanceof Array) return;
	throw new MatchError('Failed Match.OneOf, Match.Maybe or Match.Optional validation');
}

/**
 * importBoard(board, data, importSource, null) run by `userId`: the new board's id. A source the switch does not
 * know gets the external parser of that name (models/lib/externalParsers.js), and a Kanboard import of what it
 * gives; with none, `invalid-import-source`.
 */
export async function importBoard(
	wekan: Wekan,
	userId: string,
	boardArgument: unknown,
	data: { membersMapping?: unknown },
	importSource: string,
): Promise<string> {
	// Meteor.callAsync on the server clones the arguments (EJSON.clone).
	const board = cloneJson(boardArgument);
	// :47-50, before the first await.
	checkObjectOrArray(board);
	// :52
	assertImportEnabled(wekan);
	const importer = importerOf(wekan, userId);
	switch (importSource) {
		case 'trello':
			checkObject(board);
			return new TrelloCreator(importer, data).create(board as Loose);
		case 'wekan':
			checkObject(board);
			return new WekanCreator(importer, data).create(board as Loose);
		case 'csv':
			checkArray(board);
			return new CsvCreator(importer, data).create(board as unknown[]);
		case 'jira':
			checkObject(board);
			return new JiraCreator(importer, data).create(board);
		case 'kanboard':
			checkObject(board);
			return new KanboardCreator(importer, data).create(board);
		case 'excel': {
			// :76-81: `{excelBase64}`, its first sheet's rows handed to the CSV creator.
			checkObject(board);
			const rows = await parseXlsxToRows((board as Loose).excelBase64);
			return new CsvCreator(importer, data).create(rows);
		}
		default: {
			const parser = externalParser(importSource);
			if (!parser) throw new MeteorError('invalid-import-source', `Unknown import source: ${importSource}`);
			checkObjectOrArray(board);
			const normalized = parser(board);
			return new KanboardCreator(importer, data).create(normalized);
		}
	}
}

/**
 * The WekanCreator run of POST /api/boards/import (server/models/boards.js:991-1016): no method, so no argument
 * checks, no clone and no import switch; the board as the body carries it.
 */
export function importWekanBoard(
	wekan: Wekan,
	userId: string,
	board: Loose,
	data: { membersMapping?: unknown },
): string {
	return new WekanCreator(importerOf(wekan, userId), data).create(board);
}
