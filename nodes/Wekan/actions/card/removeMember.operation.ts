import { cardMemberOperation } from './cardMembers';

export const removeMember = cardMemberOperation('members', false);
