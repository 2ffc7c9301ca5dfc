import type { Router } from '../http';
import type { Wekan } from '../server';

export function registerListRoutes(_router: Router, _wekan: Wekan): void {}
