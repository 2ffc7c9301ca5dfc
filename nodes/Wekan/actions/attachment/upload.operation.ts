import type { IDataObject } from 'n8n-workflow';
import { cardIdOf, cardParameters, cardScope } from '../cardScope';
import type { WekanOperation } from '../operation';

export const upload: WekanOperation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload an attachment to a card',
	description: 'Attach a file from an input binary property to a card (the board must allow attachments)',
	properties: [
		...cardParameters(),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to upload',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: 'The name the file gets in Wekan; by default the binary data\'s file name',
				},
			],
		},
	],
	async run(item) {
		const cardId = cardIdOf(item);
		const property = item.string('binaryPropertyName', 'Input Binary Field').trim();
		const options = item.collection('options');
		const binary = item.fn.helpers.assertBinaryData(item.itemIndex, property);
		const buffer = await item.fn.helpers.getBinaryDataBuffer(item.itemIndex, property);
		if (buffer.length === 0) throw item.fail(`The file in "${property}" is empty`, 'Wekan does not store empty attachments.');
		const fileName = String(options.fileName ?? '').trim() || binary.fileName || `${property}.${binary.fileExtension ?? 'bin'}`;
		// Uploads must name the card's actual board, swimlane and list, so they come from the card itself.
		const scope = await cardScope(item, cardId);
		const { card } = scope;
		const result = await item.request<IDataObject>({
			method: 'POST',
			path: '/api/attachment/upload',
			body: {
				boardId: scope.boardId,
				swimlaneId: String(card.swimlaneId),
				listId: String(card.listId),
				cardId,
				fileName,
				fileType: binary.mimeType || 'application/octet-stream',
				fileData: buffer.toString('base64'),
			},
			// Wekan's upload handler reads the raw request stream, which a JSON-typed body never reaches.
			bodyAsText: true,
			permission: 'board-write',
			notFound: `No card ${cardId}`,
		});
		return {
			attachmentId: result.attachmentId,
			fileName: result.fileName,
			fileSize: result.fileSize,
			fileType: binary.mimeType || 'application/octet-stream',
			storageBackend: result.storageBackend,
			boardId: scope.boardId,
			swimlaneId: card.swimlaneId,
			listId: card.listId,
			cardId,
		};
	},
};
