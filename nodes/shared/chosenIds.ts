/**
 * Reading, inside a dropdown or list search, the ids chosen in the node's other parameters: a resource locator
 * (from the list, by ID, or a pasted Wekan URL) or a plain parameter.
 */
import type { ILoadOptionsFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parseWekanUrl, WEKAN_ID } from './wekanUrl';

/** The id in parameter `name`, if a valid one is set; a pasted URL gives its board or card id. */
export function chosenIdIn(this: ILoadOptionsFunctions, name: string, part: 'board' | 'card' = 'board'): string | undefined {
	const value = this.getCurrentNodeParameter(name) as INodeParameterResourceLocator | string | undefined;
	const locator = typeof value === 'object' && value !== null ? value : { mode: 'id', value };
	const raw = String(locator.value ?? '').trim();
	let id: string | undefined = raw;
	if (locator.mode === 'url') {
		const parsed = parseWekanUrl(raw);
		// The editor may already have extracted the id from the URL.
		if (parsed) id = part === 'card' ? parsed.cardId : parsed.boardId;
	}
	return id && WEKAN_ID.test(id) ? id : undefined;
}

/** The id in parameter `name`, or an error asking to choose the `what` first. */
export function requireChosenId(
	this: ILoadOptionsFunctions,
	name: string,
	what: 'board' | 'card' | 'checklist' | 'custom field' = 'board',
	part: 'board' | 'card' = what === 'card' ? 'card' : 'board',
): string {
	const id = chosenIdIn.call(this, name, part);
	if (!id) throw chooseFirst.call(this, what);
	return id;
}

export function chooseFirst(this: ILoadOptionsFunctions, what: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), `Choose a ${what} first`, {
		description: `This list shows what belongs to the ${what} chosen above.`,
	});
}
