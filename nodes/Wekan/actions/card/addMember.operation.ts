import { cardMemberOperation } from './cardMembers';

export const addMember = cardMemberOperation('members', true);
