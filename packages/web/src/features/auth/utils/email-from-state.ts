/** The address typed on the previous auth page, passed in router state (never in the URL). */
export function emailFromState(state: unknown): string {
  if (state && typeof state === 'object' && 'email' in state && typeof state.email === 'string') {
    return state.email;
  }
  return '';
}
