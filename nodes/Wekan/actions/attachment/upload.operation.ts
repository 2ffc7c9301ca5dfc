import { cardIdOf, cardParameters } from '../cardScope';
import { readsOnly, type WekanOperation } from '../operation';

/**
 * Wekan's upload route (POST /api/attachment/upload, since v8.01) checks the card, the board and the user, then
 * stores the file with `Attachments.insertAsync` (`Attachments.insert` before v8.43): server/routes/attachmentApi.js:
 * 307 at v11.07. ostrio:files, Wekan's file package (3.0.1; 2.3.3 before v8.43), defines insert and insertAsync only
 * in the browser (client.js:254-306; server.js has writeAsync, loadAsync and addFile), so on the server the call
 * throws a TypeError that the route answers with HTTP 500, after its checks: no Wekan release can store a file sent
 * this way. The request is not sent, so that no file travels for nothing and the reason is clear.
 */
const CANNOT_UPLOAD =
	'Wekan\'s REST upload route (POST /api/attachment/upload, since v8.01) calls a function its file package only has in the browser, so it answers every upload with HTTP 500 "Attachments.insertAsync is not a function" (Attachments.insert before v8.43); no Wekan release up to v11.07 can store a file sent through the REST API. Attach the file in Wekan\'s web UI, or put a link to it in a comment or the card\'s description (Comment > Create, Card > Update).';

export const upload: WekanOperation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload an attachment to a card',
	description: 'Not possible over Wekan\'s REST API up to v11.07: the node explains why and sends nothing',
	properties: [
		...cardParameters(),
		{
			displayName: CANNOT_UPLOAD,
			name: 'uploadNotice',
			type: 'notice',
			default: '',
		},
	],
	// Nothing is ever sent.
	writes: readsOnly,
	async run(item) {
		// The card is still checked, so that a wrong one is reported as such, as by every other operation.
		cardIdOf(item);
		throw item.fail('Wekan cannot store attachments sent through its REST API', CANNOT_UPLOAD);
	},
};
