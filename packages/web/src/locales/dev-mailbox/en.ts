import type { DevMailboxMessages } from './fr';

/** English texts of the development mailbox page: same keys as `fr.ts`. */
export const devMailboxEn: DevMailboxMessages = {
  title: 'Development mailbox',
  intro: 'The emails Guichet would have sent (no SMTP server is configured), newest first. Links work.',
  unavailable: 'The development mailbox is not available: it only exists in development, when no SMTP server is configured.',
  failed: 'The emails could not be loaded. Check that the API is running, then refresh.',
  filter: 'Recipient',
  apply: 'Filter',
  refresh: 'Refresh',
  count_one: '{{count}} email',
  count_other: '{{count}} emails',
  countFor_one: '{{count}} email for {{to}}',
  countFor_other: '{{count}} emails for {{to}}',
  to: 'To: {{to}}',
  htmlTitle: 'Content of the email “{{subject}}”',
  text: 'Plain-text version',
};
