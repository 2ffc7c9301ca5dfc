/**
 * Acting "as a user in the Wekan web UI": writes that go through Meteor methods, so they record activities with
 * a userId and fire outgoing webhooks, unlike most REST writes (wekan-api.md §4.5).
 */
import type { Wekan } from './server';

export class WekanUi {
	constructor(private readonly wekan: Wekan) {}
}
