import { Foundation1763800000000 } from './1763800000000-foundation';

/** Every migration, in order. New ones are appended here. */
export const migrations = [Foundation1763800000000];
