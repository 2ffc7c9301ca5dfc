/** How many cards Wekan's bulk card routes take at once. */
export const MAX_BULK_CARDS = 500;
