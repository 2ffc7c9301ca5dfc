import { archiveOperation } from './archiveState';

export const archive = archiveOperation(true);
