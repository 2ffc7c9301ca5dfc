import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { searchBoards } from '../shared/listSearch';
import { wekanBaseUrl } from '../shared/transport';
import {
	asNodeError,
	boardProperties,
	filtersProperty,
	getMyBoards,
	getWatchedLists,
	getWatchedSwimlanes,
	locationFilter,
	multiOptionValues,
	nodeVersion,
	simplifies,
	simplifyProperty,
	watchedBoards,
	watchesAllBoards,
} from '../shared/triggerParameters';
import { cardUrl } from '../shared/wekanUrl';
import { pollBoard } from './boardPoll';
import { latestSample } from './latestSample';
import { canonicalEvents, DEEP_EVENTS, POLL_EVENT_OPTIONS, POLL_EVENT_OPTIONS_V1, type PollSettings, settingsKey } from './pollSettings';
import { type BoardState, carriedOver, type PollState, replaceState } from './pollState';
import { simplifiedEvents } from './simplified';
import { toMillis } from './timestamps';
import { readExport, startWekanClock, wekanClock, wekanTimeOfPoll } from './wekanReads';

/** Version 1 named one event differently. */
const V1_OUTPUT_NAMES: Record<string, string> = { checklistItemChecked: 'checklistItemCompleted' };

function isForbidden(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '403';
}

/** The parameters, checked before any request. */
function readSettings(context: IPollFunctions): PollSettings {
	const chosen = multiOptionValues(context.getNodeParameter('events', []));
	if (!chosen.length) throw new NodeOperationError(context.getNode(), 'Choose at least one event');
	const { events, unknown } = canonicalEvents(chosen);
	if (unknown.length) throw new NodeOperationError(context.getNode(), `Unknown event: ${unknown.join(', ')}`);
	const hours = Number(context.getNodeParameter('leadTimeHours', 24));
	if (!Number.isFinite(hours) || hours < 0) throw new NodeOperationError(context.getNode(), 'Lead Time (Hours) must be a number of hours, 0 or more');
	const legacyLists = nodeVersion(context) === 1 ? context.getNodeParameter('listIds', []) : undefined;
	return { events, location: locationFilter(context, legacyLists), leadMs: hours * 3_600_000 };
}

export class WekanPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wekan Polling Trigger',
		name: 'wekanPollingTrigger',
		icon: { light: 'file:../../icons/wekan.svg', dark: 'file:../../icons/wekan.dark.svg' },
		group: ['trigger'],
		// Version 2 names the events as the webhook trigger does and keeps the list filter under Filters.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when cards, comments, checklists, lists or due dates change on a Wekan board, by polling',
		defaults: { name: 'Wekan Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wekanRestApi', required: true }],
		properties: [
			{
				displayName:
					'Works with any Wekan that n8n can reach, also on a private network, and sees changes made through the REST API too. The trigger\'s first check only records the boards; later checks report what changed since. A board found later (one the user joins, or one added to the boards to watch) reports at its first check only the cards created on it since the previous check, by Wekan\'s clock. A board where nothing changed costs one request per check. The credential\'s user must be an active member of each board (Wekan exports a board only to its members).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...boardProperties({
				one: 'The board to watch',
				all: 'Every board the user is an active member of, asked at each check: a board the user joins is watched from the next check on, which reports the cards created on it since the check before. Boards on which the user is a comment-only, worker or no-comments member are left out (Wekan\'s API does not let them read the cards).',
			}),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['cardCreated'],
				options: POLL_EVENT_OPTIONS_V1,
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['cardCreated'],
				description:
					'What starts the workflow. Comment Added and Checklist Item Checked read the whole board at every check (Wekan marks no date when they happen); the others read only what changed.',
				options: POLL_EVENT_OPTIONS,
				displayOptions: { show: { '@version': [2] } },
			},
			{
				displayName: 'List Names or IDs',
				name: 'listIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getWatchedLists', loadOptionsDependsOn: ['boardId.value', 'boardIds', 'boardScope'] },
				default: [],
				displayOptions: { show: { '@version': [1] } },
				description:
					'Only cards in these lists (a move counts for its old and its new list); all lists when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{ ...filtersProperty(), displayOptions: { show: { '@version': [2] } } },
			{
				displayName: 'Lead Time (Hours)',
				name: 'leadTimeHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 24,
				displayOptions: { show: { events: ['cardDueSoon'] } },
				description: 'How long before its due date a card counts as due soon',
			},
			simplifyProperty(
				'Simplified: the event, the IDs with list and swimlane names, the URL, and the card (and comment, checklist item, list or swimlane) reduced to their most used fields',
			),
		],
	};

	methods = {
		listSearch: { searchBoards },
		loadOptions: { getMyBoards, getWatchedLists, getWatchedSwimlanes },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		const simplify = simplifies(this);
		const v1 = nodeVersion(this) === 1;
		const all = watchesAllBoards(this);
		const started = Date.now();
		startWekanClock(this);
		const boards = await watchedBoards.call(this, wekanClock(this));
		const base = await wekanBaseUrl.call(this);
		const named = (events: IDataObject[]) =>
			v1 ? events.map((e) => (V1_OUTPUT_NAMES[String(e.event)] ? { ...e, event: V1_OUTPUT_NAMES[String(e.event)] } : e)) : events;

		if (this.getMode() === 'manual') {
			// No earlier state to compare with: the newest matching thing of the first board that has one.
			const fields = ['board-header', ...(settings.events.some((e) => DEEP_EVENTS.includes(e)) ? ['comments', 'checklists'] : [])];
			for (const boardId of boards) {
				let data: IDataObject;
				try {
					data = await readExport.call(this, boardId, { fields });
				} catch (error) {
					if (all && isForbidden(error)) continue;
					throw asNodeError(this.getNode(), error);
				}
				const slug = String(data.slug ?? '');
				const sample = latestSample(data, { ...settings, boardId }, (cardId) => cardUrl(base, boardId, slug, cardId), Date.now());
				if (!sample) continue;
				const read = { board: data, lists: (data.lists as IDataObject[]) ?? [], swimlanes: (data.swimlanes as IDataObject[]) ?? [] };
				const items = named([sample]);
				return [this.helpers.returnJsonArray(simplify ? await simplifiedEvents.call(this, boardId, read, items, slug) : items)];
			}
			return null;
		}

		const stored = this.getWorkflowStaticData('node') as PollState;
		const config = settingsKey(settings);
		const state = carriedOver(stored, config) ?? stored;
		const same = state.config === config;
		const before: Record<string, BoardState> = same ? (state.boards ?? {}) : {};
		// A board first seen after the trigger's own first poll reports the cards made since the previous poll.
		const since = same ? toMillis(state.at) : 0;
		const next: PollState = { config, boards: {} };
		const output: IDataObject[] = [];
		const now = Date.now();
		for (const boardId of boards) {
			const previous = before[boardId];
			const watch = { ...settings, boardId, baseline: !previous, ...(!previous && since ? { createdSince: since } : {}) };
			let result;
			try {
				result = await pollBoard.call(this, watch, previous ?? {}, now);
			} catch (error) {
				// Of all the user's boards, those Wekan's read API refuses (comment-only, worker) are not watched.
				if (all && isForbidden(error)) continue;
				throw asNodeError(this.getNode(), error);
			}
			next.boards![boardId] = result.state;
			const slug = result.state.slug ?? '';
			const events = named(result.events.map((e) => (e.cardId ? { ...e, url: cardUrl(base, boardId, slug, String(e.cardId)) } : e)));
			if (!events.length) continue;
			output.push(...(simplify ? await simplifiedEvents.call(this, boardId, result.names, events, slug) : events));
		}

		// Only now, with every request done, does the state move on: a failed poll is repeated in full.
		next.at = new Date(wekanTimeOfPoll(this) || started).toISOString();
		replaceState(stored, next);
		return output.length ? [this.helpers.returnJsonArray(output)] : null;
	}
}
