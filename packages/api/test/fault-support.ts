import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { privateEngineMissing } from './private-engines';

/**
 * What the fault tests share: when they run (MariaDB, the programs of private engines), a wait on a
 * condition with a deadline, and an SMTP peer on loopback that records what it receives.
 */

export const ON_MYSQL = process.env.GUICHET_TEST_DB !== undefined && process.env.GUICHET_TEST_DB !== 'sqlite';

/**
 * `describe` when this test can run here, else `describe.skip` with the reason printed. Fault tests
 * run several processes on one database: MariaDB only. A private engine whose programs are missing
 * skips the test, unless the run requires that engine (REQUIRE_MYSQL=1, REQUIRE_REDIS=1, as CI
 * sets): then the test runs and its set-up fails, saying what is missing.
 */
export function describeFault(tag: string, engines: ('mariadb' | 'redis')[] = []): jest.Describe {
  // Written directly: Jest does not show the console of a file whose tests are all skipped.
  const say = (line: string): void => void process.stdout.write(`\n${line}\n`);
  if (!ON_MYSQL) {
    say(
      `[${tag}] skipped: fault tests run several processes on one database, MySQL/MariaDB only; the run is on SQLite. ` +
        'REQUIRE_MYSQL=1 makes a missing server a failure.',
    );
    return describe.skip;
  }
  for (const engine of engines) {
    const missing = privateEngineMissing(engine);
    if (!missing) continue;
    const required = engine === 'mariadb' ? process.env.REQUIRE_MYSQL === '1' : process.env.REQUIRE_REDIS === '1';
    if (required) return describe;
    say(
      `[${tag}] skipped: it starts a private ${engine === 'mariadb' ? 'MariaDB' : 'Redis'} server and ${missing}. ` +
        `${engine === 'mariadb' ? 'REQUIRE_MYSQL=1' : 'REQUIRE_REDIS=1'} makes this a failure.`,
    );
    return describe.skip;
  }
  return describe;
}

export { until } from './until';

export interface ReceivedMessage {
  messageId: string;
  /** The name the sending process gave in EHLO (SMTP_URL's `name`). */
  sender: string;
  to: string;
  /** Set once the peer has answered 250 (accepted). */
  accepted: boolean;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMessage[];
  /** Called on every event (a message transmitted, a message accepted). */
  onChange(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * An SMTP peer on loopback that keeps each message's Message-ID and its sender's EHLO name as soon as
 * the message is transmitted, then answers after `beforeAccept` (a little delay, so that sends overlap
 * and a worker can be caught with a message in hand).
 */
export async function startSmtpPeer(beforeAccept: (message: ReceivedMessage) => Promise<void>): Promise<SmtpPeer> {
  const received: ReceivedMessage[] = [];
  const listeners: (() => void)[] = [];
  const changed = (): void => {
    for (const l of listeners) l();
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const message: ReceivedMessage = {
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '',
          sender: session.hostNameAppearsAs,
          to: session.envelope.rcptTo[0]?.address ?? '',
          accepted: false,
        };
        received.push(message);
        changed();
        void beforeAccept(message).then(() => {
          message.accepted = true;
          callback();
          changed();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    onChange: (l) => listeners.push(l),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
