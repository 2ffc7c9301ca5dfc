import { eventsOperation } from './eventsChange';

export const addEvents = eventsOperation(true);
