import { eventsOperation } from './eventsChange';

export const removeEvents = eventsOperation(false);
