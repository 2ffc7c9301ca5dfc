/** Reading back what a create or copy made, without ever repeating the write. */
import type { ItemContext } from './itemContext';

/**
 * Runs the read that follows a successful create. Wekan's create answers carry only an id, so the document is
 * read back; when that read fails the object exists anyway, and the error says so to prevent a second create.
 */
export async function readBack<T>(item: ItemContext, what: string, read: () => Promise<T>): Promise<T> {
	item.writesDone();
	try {
		return await read();
	} catch (error) {
		throw item.fail(
			`${what} was created, but reading it back failed: ${(error as Error).message}`,
			'It exists in Wekan. Do not run this item again, or it will be created twice.',
		);
	}
}
