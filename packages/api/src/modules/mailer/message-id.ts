/**
 * The Message-ID of an outbox email, known as soon as it is queued: its outbox id at the domain of
 * MAIL_FROM. The SMTP transport sends it as is, so what a record (e.g. a signature's evidence)
 * names is the header the recipient's server receives.
 */
export function messageIdFor(outboxId: string, mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address.includes('@') ? address.slice(address.lastIndexOf('@') + 1).trim() : '';
  return `<${outboxId}@${/^[A-Za-z0-9.-]+$/.test(domain) ? domain : 'guichet.localhost'}>`;
}
