/**
 * One card as the document both the Excel and the PDF exports draw: models/lib/cardDocument.js, fed as
 * models/lib/cardExportDocument.js feeds it, with the date format of imports/lib/dateUtils.js:127-162. At Wekan
 * v11.07, commit f5cc8e373.
 *
 * Simplified where only the drawing would differ: a markdown text (description, checklist item, comment) is taken as
 * its plain lines, not parsed into styled runs (models/lib/exportMarkdown.js), and attachment images are not embedded.
 */

type Loose = Record<string, unknown>;

/** The English words the document falls back on (cardDocument.js FALLBACKS). */
const FALLBACKS: Readonly<Record<string, string>> = {
	board: 'Board',
	list: 'List',
	swimlane: 'Swimlane',
	'card-number': 'Card number',
	creator: 'Created by',
	members: 'Members',
	assignees: 'Assignees',
	'requested-by': 'Requested by',
	'assigned-by': 'Assigned by',
	createdAt: 'Created at',
	'card-received': 'Received',
	'card-start': 'Start',
	'card-due': 'Due',
	'card-end': 'End',
	'last-activity': 'Last activity',
	'card-spent': 'Spent time',
	overtime: 'Overtime',
	labels: 'Labels',
	description: 'Description',
	'custom-fields': 'Custom fields',
	checklists: 'Checklists',
	'export-card-subtasks': 'Subtasks',
	comments: 'Comments',
	attachments: 'Attachments',
	voting: 'Voting',
	'poker-question': 'Poker',
	date: 'Date',
	comment: 'Comment',
	stickers: 'Stickers',
	location: 'Location',
	'card-dependencies': 'Dependencies',
	sort: 'Sort',
};

export type Block =
	| { type: 'title'; text: string }
	| { type: 'section'; key: string; title: string }
	| { type: 'meta'; pairs: Array<[string, string]>; labelTitle?: string; labelDetails?: Loose[] }
	| { type: 'text'; lines: string[] }
	| { type: 'note'; text: string; progress?: { done: number; total: number } }
	| { type: 'list'; items: Array<{ text: string; marker: string; attachment?: AttachmentRow }> }
	| { type: 'rows'; rows: Array<[string, string, string]> };

export interface AttachmentRow {
	name: string;
	size: string;
	type: string;
	uploaded: string;
	uploader: string;
}

/** What an exporter hands the document for one card: the card and the rows that belong to it. */
export interface CardData {
	card: Loose;
	board?: Loose | null;
	list?: Loose | null;
	swimlane?: Loose | null;
	checklists: Loose[];
	/** The items of each checklist, by checklist id (or all the card's items, filtered by checklistId). */
	checklistItems: Loose[];
	subtasks: Loose[];
	comments: Loose[];
	attachments: Loose[];
	customFieldsById: Record<string, Loose>;
}

/** How the exporter names people, formats dates and values, and translates labels. */
export interface DocumentOptions {
	fields: readonly string[];
	userName: (id: unknown) => string;
	formatDate: (value: unknown) => string;
	customFieldValue: (definition: Loose, value: unknown) => unknown;
	translate: (key: string, fallback: string) => string;
}

/** formatExportFileSize (cardExportDocument.js:8-15). */
export function formatExportFileSize(bytes: unknown): string {
	const size = Number(bytes);
	if (!Number.isFinite(size) || size <= 0) return '0 B';
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	const index = Math.min(Math.floor(Math.log2(size) / 10), units.length - 1);
	const value = size / 1024 ** index;
	return `${index === 0 ? value : value.toFixed(1)} ${units[index]}`;
}

/** One Intl formatter per zone, built once: building one is the costly part; null: Intl refuses it. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat | null {
	let formatter = zoneFormatters.get(timeZone);
	if (formatter !== undefined) return formatter;
	try {
		formatter = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hour12: false,
		});
	} catch {
		formatter = null;
	}
	if (zoneFormatters.size < 256) zoneFormatters.set(timeZone, formatter);
	return formatter;
}

/**
 * formatDateByUserPreference (imports/lib/dateUtils.js:127-162) with the time: `YYYY-MM-DD HH:mm` (or the day and
 * month first) in the IANA zone, '' for an invalid date. A zone Intl does not know is the process's own zone.
 */
export function formatDateByUserPreference(value: unknown, format: string, timeZone: string): string {
	const date = new Date(value as string);
	if (Number.isNaN(date.getTime())) return '';
	let parts: Record<string, string> | null = null;
	const formatter = zoneFormatter(timeZone);
	if (formatter) {
		parts = {};
		for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
		if (!parts.year) parts = null;
	}
	const pad = (n: number) => String(n).padStart(2, '0');
	const year = parts ? parts.year : String(date.getFullYear());
	const month = parts ? parts.month : pad(date.getMonth() + 1);
	const day = parts ? parts.day : pad(date.getDate());
	const hours = parts ? (parts.hour === '24' ? '00' : parts.hour) : pad(date.getHours());
	const minutes = parts ? parts.minute : pad(date.getMinutes());
	const dateString =
		format === 'DD-MM-YYYY'
			? `${day}-${month}-${year}`
			: format === 'MM-DD-YYYY'
				? `${month}-${day}-${year}`
				: `${year}-${month}-${day}`;
	return `${dateString} ${hours}:${minutes}`;
}

const wanted = (fields: readonly string[], key: string) => !fields.length || fields.includes(key);

const plainLines = (text: unknown) =>
	String(text ?? '')
		.split('\n')
		.map((line) => line.replace(/\s+$/, ''));

/** cardLocations (cardDocument.js:72-84): the list, or the legacy single location. */
function cardLocations(card: Loose): Loose[] {
	if (Array.isArray(card.locations) && card.locations.length) return card.locations as Loose[];
	if (
		card.locationName ||
		card.locationAddress ||
		typeof card.locationLatitude === 'number' ||
		typeof card.locationLongitude === 'number'
	) {
		return [
			{
				name: card.locationName || '',
				address: card.locationAddress || '',
				latitude: card.locationLatitude,
				longitude: card.locationLongitude,
			},
		];
	}
	return [];
}

const some = (value: unknown) => Array.isArray(value) && value.length > 0;

/**
 * buildExportCardDocument (cardExportDocument.js:17-103) and buildCardDocument (cardDocument.js:208-362): the title,
 * the meta pairs three to a row, then a section for each part the selection names and the card has data for.
 */
export function buildCardDocument(data: CardData, options: DocumentOptions): Block[] {
	const { card } = data;
	const fields = options.fields;
	const t = (key: string) => options.translate(key, FALLBACKS[key] || key) || FALLBACKS[key] || key;
	const names = (ids: unknown) => ((ids as unknown[] | undefined) ?? []).map(options.userName).filter(Boolean);
	const labelsById = new Map(
		(((data.board?.labels as Loose[] | undefined) ?? []) as Loose[])
			.filter((label) => label && label._id)
			.map((label) => [label._id, label]),
	);
	const cardLabels = ((card.labelIds as unknown[] | undefined) ?? [])
		.map((id) => labelsById.get(id))
		.filter((label): label is Loose => !!label);

	const blocks: Block[] = [{ type: 'title', text: String(card.title || '') }];
	const pairs: Array<[string, string]> = [];
	const add = (key: string, value: unknown) => {
		if (value === undefined || value === null || value === '') return;
		pairs.push([t(key), String(value)]);
	};
	if (wanted(fields, 'board-info')) {
		add('board', data.board?.title || '');
		add('list', data.list?.title || '');
		add('swimlane', data.swimlane?.title || '');
		add('card-number', card.cardNumber);
	}
	if (wanted(fields, 'people')) {
		add('creator', options.userName(card.userId));
		add('members', names(card.members).join(', '));
		add('assignees', names(card.assignees).join(', '));
		add('requested-by', [...names(card.requesters), card.requestedBy || ''].filter(Boolean).join(', '));
		add('assigned-by', [...names(card.assigners), card.assignedBy || ''].filter(Boolean).join(', '));
	}
	if (wanted(fields, 'dates')) {
		add('createdAt', options.formatDate(card.createdAt));
		add('card-received', options.formatDate(card.receivedAt));
		add('card-start', options.formatDate(card.startAt));
		add('card-due', options.formatDate(card.dueAt));
		add('card-end', options.formatDate(card.endAt));
		add('last-activity', options.formatDate(card.dateLastActivity || card.modifiedAt));
		add('card-spent', card.spentTime === undefined || card.spentTime === null ? '' : String(card.spentTime));
		add(
			'overtime',
			card.spentTime ? (card.isOvertime ? options.translate('yes', 'Yes') : options.translate('no', 'No')) : '',
		);
	}
	if (wanted(fields, 'labels')) {
		add('labels', cardLabels.map((label) => label.name || label.color || label._id).join(', '));
	}
	if (wanted(fields, 'sort')) add('sort', card.sort);
	for (let i = 0; i < pairs.length; i += 3) {
		const slice = pairs.slice(i, i + 3);
		const block: Block = { type: 'meta', pairs: slice };
		if (slice.some((pair) => pair[0] === t('labels')) && cardLabels.length) {
			block.labelTitle = t('labels');
			block.labelDetails = cardLabels;
		}
		blocks.push(block);
	}

	const section = (key: string, titleKey: string) => blocks.push({ type: 'section', key, title: t(titleKey) });
	const customFields = ((card.customFields as Loose[] | undefined) ?? [])
		.filter((field) => field && field._id && data.customFieldsById[field._id as string])
		.map((field) => {
			const definition = data.customFieldsById[field._id as string];
			return { name: String(definition.name), value: options.customFieldValue(definition, field.value) };
		});
	const filledFields = customFields.filter(
		(field) => field.value !== undefined && field.value !== null && String(field.value).trim() !== '',
	);
	const checklists = data.checklists.map((checklist) => ({
		title: String(checklist.title || ''),
		items: data.checklistItems.filter((item) => item.checklistId === checklist._id),
	}));
	const vote = (card.vote as Loose | undefined) ?? {};
	const poker = (card.poker as Loose | undefined) ?? {};

	if (wanted(fields, 'stickers') && some(card.stickers)) {
		section('stickers', 'stickers');
		blocks.push({
			type: 'list',
			items: (card.stickers as Loose[]).map((sticker) => ({
				text: [sticker.name || '', sticker.icon || '', sticker.color || '', sticker.highlight || '']
					.filter(Boolean)
					.join(' - '),
				marker: '-',
			})),
		});
	}
	const locations = cardLocations(card);
	if (wanted(fields, 'locations') && locations.length) {
		section('locations', 'location');
		locations.forEach((location, index) => {
			blocks.push({ type: 'note', text: `${t('location')} ${index + 1}` });
			const located = (
				[
					[t('location-name'), location.name],
					[t('location-address'), location.address],
					[t('location-latitude'), location.latitude],
					[t('location-longitude'), location.longitude],
				] as Array<[string, unknown]>
			)
				.filter(([, value]) => value !== undefined && value !== null && value !== '')
				.map(([label, value]): [string, string] => [label, String(value)]);
			for (let at = 0; at < located.length; at += 3)
				blocks.push({ type: 'meta', pairs: located.slice(at, at + 3) });
		});
	}
	if (wanted(fields, 'dependencies') && some(card.cardDependencies)) {
		section('dependencies', 'card-dependencies');
		blocks.push({
			type: 'list',
			items: (card.cardDependencies as unknown[]).map((dependency) => ({
				text:
					typeof dependency === 'string'
						? dependency
						: [
								(dependency as Loose).cardId,
								(dependency as Loose).type,
								(dependency as Loose).icon,
								(dependency as Loose).color,
							]
								.filter(Boolean)
								.join(' - '),
				marker: '-',
			})),
		});
	}
	if (wanted(fields, 'description') && String(card.description || '').trim()) {
		section('description', 'description');
		blocks.push({ type: 'text', lines: plainLines(card.description) });
	}
	if (wanted(fields, 'custom-fields') && filledFields.length) {
		section('custom-fields', 'custom-fields');
		const fieldPairs = filledFields.map((field): [string, string] => [field.name, String(field.value)]);
		for (let i = 0; i < fieldPairs.length; i += 3) blocks.push({ type: 'meta', pairs: fieldPairs.slice(i, i + 3) });
	}
	if (wanted(fields, 'checklists') && checklists.some((c) => c.title.trim() || c.items.length)) {
		section('checklists', 'checklists');
		for (const checklist of checklists) {
			blocks.push({
				type: 'note',
				text: checklist.title,
				progress: {
					done: checklist.items.filter((item) => item.isFinished).length,
					total: checklist.items.length,
				},
			});
			blocks.push({
				type: 'list',
				items: checklist.items.map((item) => ({
					text: plainLines(item.title).join(' '),
					marker: item.isFinished ? '[x]' : '[ ]',
				})),
			});
		}
	}
	if (wanted(fields, 'subtasks') && some(data.subtasks)) {
		section('subtasks', 'export-card-subtasks');
		blocks.push({
			type: 'list',
			items: data.subtasks.map((subtask) => ({
				text: String(subtask.title || ''),
				marker: subtask.archived ? '[x]' : '[ ]',
			})),
		});
	}
	if (wanted(fields, 'comments') && data.comments.some((comment) => String(comment.text || '').trim())) {
		section('comments', 'comments');
		blocks.push({
			type: 'rows',
			rows: data.comments.map((comment): [string, string, string] => [
				options.formatDate(comment.createdAt),
				options.userName(comment.userId),
				plainLines(comment.text).join(' '),
			]),
		});
	}
	if (wanted(fields, 'attachments') && some(data.attachments)) {
		section('attachments', 'attachments');
		blocks.push({
			type: 'list',
			items: data.attachments.map((attachment) => {
				const meta = (attachment.meta as Loose | undefined) ?? {};
				const row: AttachmentRow = {
					name: String(attachment.name || meta.name || attachment._id),
					size: formatExportFileSize(attachment.size),
					type: String(attachment.type || ''),
					uploaded: options.formatDate(
						attachment.uploadedAt || attachment.uploadedAtOstrio || attachment.createdAt,
					),
					uploader: options.userName(attachment.userId || meta.userId),
				};
				return { text: row.size ? `${row.name} (${row.size})` : row.name, marker: '-', attachment: row };
			}),
		});
	}
	if (wanted(fields, 'voting') && vote.question) {
		section('voting', 'voting');
		blocks.push({
			type: 'meta',
			pairs: [
				[options.translate('vote-question', 'Vote question'), String(vote.question)],
				[options.translate('vote-for-it', 'For'), String(((vote.positive as unknown[]) ?? []).length)],
				[options.translate('vote-against', 'Against'), String(((vote.negative as unknown[]) ?? []).length)],
			],
		});
	}
	if (wanted(fields, 'poker') && (poker.question || poker.estimation !== undefined)) {
		section('poker', 'poker-question');
		blocks.push({
			type: 'meta',
			pairs: [
				[options.translate('poker-question', 'Poker'), poker.question ? options.translate('yes', 'Yes') : ''],
				[
					options.translate('poker-estimation', 'Estimation'),
					poker.estimation === undefined ? '' : String(poker.estimation),
				],
			],
		});
	}
	return blocks;
}
