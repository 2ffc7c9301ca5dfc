/**
 * The resource locators for Wekan objects: pick from a searchable list, type an id, or paste a Wekan URL.
 */
import type { INodeProperties } from 'n8n-workflow';
import { BOARD_URL_REGEX, CARD_URL_REGEX } from './wekanUrl';

const ID_VALIDATION = [
	{
		type: 'regex' as const,
		properties: { regex: '[A-Za-z0-9_-]{1,64}', errorMessage: 'Not a Wekan ID (letters, digits, _ and -)' },
	},
];

export function boardLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Board',
		name: 'boardId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The board, picked from your boards, by ID, or by pasting its Wekan URL',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBoards', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://wekan.example.com/b/a2B3c4D5e6F7g8H9j/my-board',
				validation: [
					{
						type: 'regex',
						properties: { regex: BOARD_URL_REGEX, errorMessage: 'Not a Wekan board URL (…/b/<boardId>/<name>)' },
					},
				],
				extractValue: { type: 'regex', regex: BOARD_URL_REGEX },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'a2B3c4D5e6F7g8H9j',
				validation: ID_VALIDATION,
			},
		],
		...overrides,
	};
}

/** A locator for an object that belongs to the board chosen in `boardId` (a list or a swimlane). */
function boardChildLocator(
	kind: 'List' | 'Swimlane',
	searchListMethod: string,
	overrides: Partial<INodeProperties>,
): INodeProperties {
	return {
		displayName: kind,
		name: `${kind.toLowerCase()}Id`,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${kind.toLowerCase()}, picked from the board's ${kind.toLowerCase()}s or by ID`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'a2B3c4D5e6F7g8H9j',
				validation: ID_VALIDATION,
			},
		],
		...overrides,
	};
}

export const listLocator = (overrides: Partial<INodeProperties> = {}) => boardChildLocator('List', 'searchLists', overrides);

export const swimlaneLocator = (overrides: Partial<INodeProperties> = {}) =>
	boardChildLocator('Swimlane', 'searchSwimlanes', overrides);

export function cardLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Card',
		name: 'cardId',
		type: 'resourceLocator',
		default: { mode: 'url', value: '' },
		required: true,
		description: 'The card: paste its Wekan URL, give its ID, or pick it from a board',
		modes: [
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://wekan.example.com/b/a2B3c4D5e6F7g8H9j/my-board/k2L3m4N5p6Q7r8S9t',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: CARD_URL_REGEX,
							errorMessage: 'Not a Wekan card URL (…/b/<boardId>/<board-name>/<cardId>)',
						},
					},
				],
				extractValue: { type: 'regex', regex: CARD_URL_REGEX },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'k2L3m4N5p6Q7r8S9t',
				validation: ID_VALIDATION,
			},
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCards', searchable: true },
			},
		],
		...overrides,
	};
}

export function userLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The user, picked from the list (site admins only), by ID or by username',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'a2B3c4D5e6F7g8H9j',
				validation: ID_VALIDATION,
			},
			{
				displayName: 'Username',
				name: 'username',
				type: 'string',
				placeholder: 'e.g. jane',
			},
		],
		...overrides,
	};
}
