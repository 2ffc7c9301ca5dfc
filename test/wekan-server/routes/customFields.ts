import type { Router } from '../http';
import type { Wekan } from '../server';

export function registerCustomFieldRoutes(_router: Router, _wekan: Wekan): void {}
