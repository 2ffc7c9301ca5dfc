import { cardMemberOperation } from './cardMembers';

export const addAssignee = cardMemberOperation('assignees', true);
