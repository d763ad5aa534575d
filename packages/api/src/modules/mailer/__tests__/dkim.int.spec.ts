import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { authenticate } from 'mailauth';
import { SMTPServer } from 'smtp-server';
import { loadEnv } from '../../../config/env';
import { smtpTransport } from '../transports';

/**
 * DKIM signing, checked the way a receiving server checks it: a real SMTP peer on loopback keeps the
 * raw message, and mailauth verifies its DKIM-Signature against the public key a DNS TXT record
 * `<selector>._domainkey.<domain>` would publish (answered here by the resolver the test gives it).
 */

const DOMAIN = 'domicile-pro.fr';
const SELECTOR = 'guichet2026';

describe('DKIM signing of sent emails', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicB64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-dkim-'));
  const keyFile = path.join(dir, 'dkim.pem');
  fs.writeFileSync(keyFile, pem);

  let server: SMTPServer;
  let port: number;
  const received: Buffer[] = [];
  const waiters: (() => void)[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          waiters.splice(0).forEach((w) => w());
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const resolver = async (name: string, type: string): Promise<string[][]> => {
    if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) return [[`v=DKIM1; k=rsa; p=${publicB64}`]];
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
  };
  const verify = async (raw: Buffer) => {
    const result = await authenticate(raw, { ip: '127.0.0.1', helo: 'guichet.test', sender: `no-reply@${DOMAIN}`, resolver });
    return result.dkim.results.map((r) => ({
      result: r.status.result,
      ...(r.status.comment ? { comment: r.status.comment } : {}),
      domain: r.signingDomain,
      selector: r.selector,
    }));
  };

  async function sendOne(dkimEnv: Record<string, string>): Promise<Buffer> {
    const env = loadEnv({ NODE_ENV: 'test', ...dkimEnv });
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, `Domicile Pro <no-reply@${DOMAIN}>`, env.dkim);
    const before = received.length;
    const arrived = new Promise<void>((resolve) => waiters.push(resolve));
    await transport.send({
      id: '01a0b0c0-0000-7000-8000-000000000001',
      to: 'alice.martin@demo-sas.fr',
      subject: 'Vous avez reçu un courrier',
      text: 'Un courrier de l’URSSAF est arrivé pour Demo SAS.',
      html: '<p>Un courrier de l’URSSAF est arrivé pour <b>Demo SAS</b>.</p>',
    });
    if (received.length === before) await arrived;
    return received[received.length - 1] as Buffer;
  }

  it('signs with the configured domain and selector, and a receiver finds the signature valid', async () => {
    const raw = await sendOne({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_PATH: keyFile });
    expect(raw.toString()).toMatch(/^DKIM-Signature: /m);
    expect(await verify(raw)).toEqual([{ result: 'pass', domain: DOMAIN, selector: SELECTOR }]);
  });

  it('a message changed on the way fails the check', async () => {
    const raw = await sendOne({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_PATH: keyFile });
    const tampered = Buffer.from(raw.toString().replace('Demo SAS', 'Autre SARL'));
    expect(tampered.equals(raw)).toBe(false);
    // The body no longer matches the signed body hash: not "pass" (mailauth says "neutral", with why).
    const [check] = await verify(tampered);
    expect(check?.result).not.toBe('pass');
    expect(check?.comment).toMatch(/body hash did not verify/);
  });

  it('without DKIM settings, messages go out unsigned', async () => {
    const raw = await sendOne({});
    expect(raw.toString()).not.toMatch(/^DKIM-Signature: /m);
    expect((await verify(raw))[0]?.result).toBe('none');
  });

  it('refuses half a configuration and a file that is not a key, saying which', () => {
    expect(() => loadEnv({ NODE_ENV: 'test', DKIM_DOMAIN: DOMAIN })).toThrow(/set all three/);
    const notKey = path.join(dir, 'not-a-key.pem');
    fs.writeFileSync(notKey, 'hello');
    expect(() => loadEnv({ NODE_ENV: 'test', DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_PATH: notKey })).toThrow(
      /DKIM_PRIVATE_KEY_PATH: .* is not a PEM private key/,
    );
    expect(() =>
      loadEnv({ NODE_ENV: 'test', DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_PATH: path.join(dir, 'missing.pem') }),
    ).toThrow(/no file at/);
    expect(() =>
      loadEnv({ NODE_ENV: 'test', DKIM_DOMAIN: 'not a domain', DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_PATH: keyFile }),
    ).toThrow(/DKIM_DOMAIN: a domain name/);
  });
});
