import { cardMemberOperation } from './cardMembers';

export const removeAssignee = cardMemberOperation('assignees', false);
