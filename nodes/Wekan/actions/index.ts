/** Every resource of the Wekan node; each folder holds one resource's operations. */
import type { WekanResource } from './operation';
import { attachment } from './attachment';
import { board } from './board';
import { boardMember } from './boardMember';
import { card } from './card';
import { checklist } from './checklist';
import { checklistItem } from './checklistItem';
import { comment } from './comment';
import { customField } from './customField';
import { label } from './label';
import { list } from './list';
import { rule } from './rule';
import { cardDependency } from './cardDependency';
import { swimlane } from './swimlane';
import { user } from './user';
import { webhook } from './webhook';

/** Resources without operations yet are left out of the node. */
export const resources: WekanResource[] = [
	attachment,
	board,
	boardMember,
	card,
	checklist,
	checklistItem,
	comment,
	customField,
	label,
	list,
	rule,
	cardDependency,
	swimlane,
	user,
	webhook,
].filter((r) => r.operations.length > 0);
