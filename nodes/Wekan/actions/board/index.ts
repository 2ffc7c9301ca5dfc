import type { WekanResource } from '../operation';
import { copy } from './copy.operation';
import { countCards } from './countCards.operation';
import { create } from './create.operation';
import { deleteBoard } from './delete.operation';
import { exportBoard } from './export.operation';
import { get } from './get.operation';
import { getCardSettings } from './getCardSettings.operation';
import { getMany } from './getMany.operation';
import { importBoard } from './import.operation';
import { rename } from './rename.operation';
import { updateCardSettings } from './updateCardSettings.operation';

export const board: WekanResource = {
	value: 'board',
	name: 'Board',
	operations: [create, get, getMany, rename, copy, deleteBoard, countCards, getCardSettings, updateCardSettings, exportBoard, importBoard],
};
