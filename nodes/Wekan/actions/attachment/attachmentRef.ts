/**
 * What the attachment operations share. Wekan's /api/attachment routes (server/routes/attachmentApi.js) are its
 * own handlers, outside the REST API's usual checks: they answer `{success: false, error}` with a real status, and
 * they accept the Bearer token of the other routes only since v9.31 (attachmentApi.js:98-102, 164).
 */
import type { IDataObject, INodeProperties, NodeApiError } from 'n8n-workflow';
import type { WekanRequest } from '../../../shared/transport';
import type { ItemContext } from '../itemContext';

export const attachmentIdParameter: INodeProperties = {
	displayName: 'Attachment ID',
	name: 'attachmentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'a2B3c4D5e6F7g8H9j',
	description: 'The attachment\'s ID, e.g. the attachmentId from Attachment > Get Many',
};

export function attachmentIdOf(item: ItemContext): string {
	return item.checkId(item.raw('attachmentId', ''), 'Attachment ID');
}

/**
 * A request to an /api/attachment route. Before v9.31 these routes took only X-User-Id and X-Auth-Token headers
 * and answered a Bearer token with 401 "Missing X-User-Id or X-Auth-Token headers" however often n8n logged in
 * again: that is said plainly instead of blaming the credential.
 */
export async function attachmentRequest(item: ItemContext, request: WekanRequest): Promise<IDataObject> {
	try {
		return await item.request<IDataObject>(request);
	} catch (error) {
		if ((error as NodeApiError).httpCode === '401' && /X-User-Id/.test((error as Error).message)) {
			throw item.fail(
				'This Wekan\'s attachment routes do not accept n8n\'s login',
				'Wekan before v9.31 answers /api/attachment/... only to X-User-Id and X-Auth-Token headers, not to the Bearer token its other routes take. Attachments need Wekan v9.31 or later.',
			);
		}
		// Already an n8n error made by the transport (or the pipeline's cancellation): passed on as it is.
		throw error instanceof Error ? error : item.fail(String(error));
	}
}
