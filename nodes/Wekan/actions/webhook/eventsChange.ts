/**
 * Webhook > Add Events and Remove Events: Wekan's POST and DELETE /api/boards/:boardId/integrations/:intId/activities
 * (server/models/integrations.js:156-214, since v0.35), an `$addToSet` / `$pullAll` of the listed activities. Unlike
 * Update's Events, they change the list in place, so items changing one webhook's events need not know its others.
 */
import type { IDataObject } from 'n8n-workflow';
import { WEBHOOK_EVENT_OPTIONS } from '../../../shared/activityTypes';
import { boardLocator } from '../../../shared/locators';
import type { WekanOperation } from '../operation';
import { fetchWebhook, oneWebhookWrites, webhookEvents, webhookIdOf, webhookParameter, webhookPath } from './webhookRef';

export function eventsOperation(add: boolean): WekanOperation {
	const verb = add ? 'Add' : 'Remove';
	return {
		value: add ? 'addEvents' : 'removeEvents',
		name: `${verb} Events`,
		action: `${verb} events of a webhook`,
		description: add
			? 'Make a webhook also receive some events, keeping those it has. Needs a board admin.'
			: 'Stop a webhook receiving some events, keeping the others. Needs a board admin.',
		properties: [
			boardLocator(),
			webhookParameter,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENT_OPTIONS,
				default: [],
				required: true,
				description: add ? 'The activities to add' : 'The activities to remove; those the webhook does not have are ignored',
			},
		],
		writes: oneWebhookWrites,
		async run(item) {
			const boardId = item.locatorId('boardId', 'Board');
			const webhookId = webhookIdOf(item);
			const events = webhookEvents(item, item.raw('events', []));
			// Wekan answers an unknown webhook with an empty 200 after a write that matched nothing: found first.
			const before = await fetchWebhook(item, boardId, webhookId);
			const current = Array.isArray(before.activities) ? before.activities.map(String) : [];
			// Wekan delivers every activity to a webhook that has "all" (server/models/activities.js:409-413), so
			// adding or removing single events would change nothing it receives.
			if (current.includes('all') && !events.includes('all')) {
				throw item.fail(
					`Webhook ${webhookId} receives all events, so ${add ? 'adding' : 'removing'} single events changes nothing`,
					add
						? 'It already gets them. To make it receive only some events, use Webhook > Update with those Events.'
						: 'To make it receive only some events, use Webhook > Update with the Events to keep.',
				);
			}
			const answer = await item.request<IDataObject>({
				method: add ? 'POST' : 'DELETE',
				path: `${webhookPath(boardId, webhookId)}/activities`,
				body: { activities: events },
				// A set operation: sending it twice changes nothing more.
				idempotent: true,
				permission: 'board-admin',
				notFound: `No webhook ${webhookId} on board ${boardId}`,
			});
			const now = Array.isArray(answer.activities) ? answer.activities.map(String) : [];
			const missed = events.filter((event) => now.includes(event) !== add);
			if (missed.length) {
				throw item.fail(`Wekan did not ${add ? 'add' : 'remove'} ${missed.join(', ')} on webhook ${webhookId}`, 'Read the webhook to see its current events.');
			}
			return { ...before, activities: now };
		},
	};
}
