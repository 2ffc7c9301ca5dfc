/** What the recipes (demo/recipes.ts and the modules it gathers) share: their context and their steps. */
import type { INodeExecutionData } from 'n8n-workflow';
import type { EngineHarness } from '../test/engine/harness';
import type { CardDoc } from '../test/wekan-server/schemas/cards';
import { ensure, type CheckContext } from './checks';
import { reportRun } from './runs';

export interface RecipeContext extends Omit<CheckContext, 'result'> {
	engine: EngineHarness;
	/** The report so far. */
	lines: string[];
}

export type Recipe = (ctx: RecipeContext) => Promise<void>;

/** The name of the workflow's node of the given type. */
export function triggerName(ctx: RecipeContext, type: string): string {
	const node = ctx.workflow.nodes.find((n) => n.type === type);
	ensure(node, `the workflow has no ${type} node`);
	return node.name;
}

/** A card as Wekan holds it now. */
export function card(ctx: RecipeContext, cardId: string): CardDoc {
	const found = ctx.wekan.db.cards.findOne(cardId);
	ensure(found, `card ${cardId} is gone`);
	return found;
}

/** Runs the nodes after the trigger on the items it emitted; returns the report line, or throws if the run failed. */
export async function runFromTrigger(ctx: RecipeContext, trigger: string, items: INodeExecutionData[]): Promise<string> {
	return reportRun(ctx.workflow, await ctx.engine.runFromTrigger(ctx.workflow, trigger, items));
}
