import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { getBoardLists } from '../shared/loadOptions';
import { searchBoards, searchLists, searchSwimlanes } from '../shared/listSearch';
import { boardLocator } from '../shared/locators';
import { wekanBaseUrl } from '../shared/transport';
import { simplifies, simplifyProperty, watchedBoardId } from '../shared/triggerParameters';
import { cardUrl } from '../shared/wekanUrl';
import { listMarkers, loadSnapshot, readBoardExport, readMissingCards } from './boardSnapshot';
import { DETECTORS, type Watch } from './detectEvents';
import { latestSample } from './latestSample';
import { type PollSettings, settingsKey } from './pollSettings';
import { type PollState, replaceState } from './pollState';
import { simplifiedEvents } from './simplified';

export class WekanPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wekan Polling Trigger',
		name: 'wekanPollingTrigger',
		icon: { light: 'file:../../icons/wekan.svg', dark: 'file:../../icons/wekan.dark.svg' },
		group: ['trigger'],
		version: 1,
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
					'Works with any Wekan that n8n can reach, also on a private network. The first check only records the board; later checks report what changed since.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			boardLocator({ description: 'The board to watch' }),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['cardCreated'],
				options: [
					{ name: 'Card Archived', value: 'cardArchived', description: 'A card was moved to the archive' },
					{ name: 'Card Created', value: 'cardCreated' },
					{ name: 'Card Due Soon', value: 'cardDueSoon', description: 'An open card\'s due date is within the lead time' },
					{ name: 'Card Moved', value: 'cardMoved', description: 'A card changed list or swimlane' },
					{ name: 'Card Overdue', value: 'cardOverdue', description: 'An open card\'s due date has passed' },
					{ name: 'Card Updated', value: 'cardUpdated', description: 'Title, description, dates, labels, members, colour or custom fields changed' },
					{ name: 'Checklist Item Completed', value: 'checklistItemCompleted' },
					{ name: 'Comment Added', value: 'commentAdded' },
					{ name: 'List Created', value: 'listCreated' },
					{ name: 'Swimlane Created', value: 'swimlaneCreated' },
				],
			},
			{
				displayName: 'List Names or IDs',
				name: 'listIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLists', loadOptionsDependsOn: ['boardId.value'] },
				default: [],
				description:
					'Only cards in these lists (a move counts for its old and its new list); all lists when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
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
		listSearch: { searchBoards, searchLists, searchSwimlanes },
		loadOptions: { getLists: getBoardLists },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const boardId = watchedBoardId(this);
		const events = (this.getNodeParameter('events', []) as string[]).map(String);
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event');
		const settings: PollSettings = {
			boardId,
			events,
			scope: new Set((this.getNodeParameter('listIds', []) as string[]).map(String).filter(Boolean)),
			leadMs: Number(this.getNodeParameter('leadTimeHours', 24)) * 3_600_000,
		};
		const simplify = simplifies(this);
		const base = await wekanBaseUrl.call(this);

		if (this.getMode() === 'manual') {
			const snapshot = await readBoardExport.call(this, boardId);
			const slug = String(snapshot.board?.slug ?? '');
			const sample = latestSample(snapshot, settings, (cardId) => cardUrl(base, boardId, slug, cardId), Date.now());
			if (!sample) return null;
			return [this.helpers.returnJsonArray(simplify ? await simplifiedEvents.call(this, boardId, snapshot, [sample], slug) : [sample])];
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const config = settingsKey(settings);
		const baseline = state.config !== config;
		const snapshot = await loadSnapshot.call(this, settings, baseline, state.lists ?? {});

		const next: PollState = { ...state, config };
		if (snapshot.board?.slug) next.slug = String(snapshot.board.slug);
		next.lists = listMarkers(snapshot.lists);
		const slug = next.slug ?? '';
		const watch: Watch = { ...settings, baseline, cardUrl: (cardId) => cardUrl(base, boardId, slug, cardId) };
		const found: IDataObject[] = [];
		const now = Date.now();
		// Each detector sees the state as the ones before it left it.
		for (const detect of DETECTORS) {
			const detected = detect(next, snapshot, watch, now);
			Object.assign(next, detected.state);
			found.push(...detected.events);
		}
		await readMissingCards.call(this, found);
		const output = simplify && found.length ? await simplifiedEvents.call(this, boardId, snapshot, found, next.slug) : found;

		// Only now, with every request done, does the state move on: a failed poll is repeated in full.
		replaceState(state, next);
		return output.length ? [this.helpers.returnJsonArray(output)] : null;
	}
}
