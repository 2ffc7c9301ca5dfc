import type { INodePropertyOptions } from 'n8n-workflow';
import { BOARD_COLOR_SINCE, BOARD_COLORS } from './boardRef';

const NAMES: Record<string, string> = {
	appleglasspastel: 'Apple Glass Pastel',
	cleandark: 'Clean Dark',
	cleanlight: 'Clean Light',
	clearblue: 'Clear Blue',
	cleargreen: 'Clear Green',
	clearorange: 'Clear Orange',
	clearpink: 'Clear Pink',
	clearpurple: 'Clear Purple',
	clearred: 'Clear Red',
	exodark: 'Exo Dark',
	limegreen: 'Lime Green',
	moderatepink: 'Moderate Pink',
	moderndark: 'Modern Dark',
	strongcyan: 'Strong Cyan',
};

/** Wekan's board colors as dropdown options, sorted by name; a color added late says which Wekan it needs. */
export const BOARD_COLOR_OPTIONS: INodePropertyOptions[] = BOARD_COLORS.map((value) => {
	const option: INodePropertyOptions = { name: NAMES[value] ?? value.charAt(0).toUpperCase() + value.slice(1), value };
	if (BOARD_COLOR_SINCE[value]) option.description = `Needs Wekan ${BOARD_COLOR_SINCE[value]} or later`;
	return option;
}).sort((a, b) => a.name.localeCompare(b.name));
