import { Foundation1763800000000 } from './1763800000000-foundation';
import { Team1763850000000 } from './1763850000000-team';
import { Mail1763900000000 } from './1763900000000-mail';

/** Every migration, in order. New ones are appended here. */
export const migrations = [Foundation1763800000000, Team1763850000000, Mail1763900000000];
