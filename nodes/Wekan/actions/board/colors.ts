import type { INodePropertyOptions } from 'n8n-workflow';
import { BOARD_COLORS } from './boardRef';

const NAMES: Record<string, string> = {
	cleandark: 'Clean Dark',
	cleanlight: 'Clean Light',
	clearblue: 'Clear Blue',
	exodark: 'Exo Dark',
	limegreen: 'Lime Green',
	moderatepink: 'Moderate Pink',
	moderndark: 'Modern Dark',
	strongcyan: 'Strong Cyan',
};

/** Wekan's board colors as dropdown options, sorted by name. */
export const BOARD_COLOR_OPTIONS: INodePropertyOptions[] = BOARD_COLORS.map((value) => ({
	name: NAMES[value] ?? value.charAt(0).toUpperCase() + value.slice(1),
	value,
})).sort((a, b) => a.name.localeCompare(b.name));
