/**
 * Sends the browser to a signed file URL. The API answers with `Content-Disposition: attachment`,
 * so the file downloads and the page stays where it is. (A module of its own so tests can watch it.)
 */
export function openFileUrl(url: string): void {
  window.location.assign(url);
}
