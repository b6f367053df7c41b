import { inject } from 'vitest';
export const url = inject('databaseUrl');
