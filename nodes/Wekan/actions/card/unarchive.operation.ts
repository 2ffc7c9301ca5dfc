import { archiveOperation } from './archiveState';

export const unarchive = archiveOperation(false);
