import { eventHash, GENESIS_HASH, verifyChain, type HashedFields } from '../evidence';
import { codeHash, codeMatches, maskEmail, newCode, newVerificationReference, normaliseCode } from '../otp';
import type { SignatureEventEntity } from '../signature-request.entity';

const REQUEST = '01900000-0000-7000-8000-000000000001';

function chain(length: number): SignatureEventEntity[] {
  const events: SignatureEventEntity[] = [];
  let previous = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const fields: HashedFields = {
      requestId: REQUEST,
      seq,
      kind: seq === 1 ? 'REQUEST_CREATED' : 'CODE_SENT',
      at: new Date(Date.UTC(2026, 11, 7, 10, 0, seq)),
      ip: '203.0.113.7',
      userAgent: 'Firefox',
      userId: null,
      userName: 'David Bernard',
      companyId: '01900000-0000-7000-8000-000000000002',
      detail: `step ${seq}`,
      previousHash: previous,
    };
    const hash = eventHash(fields);
    events.push({ id: `e${seq}`, ...fields, hash });
    previous = hash;
  }
  return events;
}

describe('evidence chain', () => {
  it('verifies an intact chain and gives its final hash', () => {
    const events = chain(4);
    expect(verifyChain(events)).toEqual({ intact: true, finalHash: events[3]?.hash, brokenAtSeq: null, problem: null });
    expect(verifyChain([])).toEqual({ intact: true, finalHash: GENESIS_HASH, brokenAtSeq: null, problem: null });
  });

  it('says where it breaks: a changed field, a relinked event, a missing one', () => {
    const changed = chain(4).map((e) => (e.seq === 3 ? { ...e, ip: '198.51.100.1' } : e));
    expect(verifyChain(changed)).toMatchObject({
      intact: false,
      brokenAtSeq: 3,
      problem: expect.stringMatching(/does not match its hash/),
    });
    // Rehashing the changed event does not help: the next one no longer points to it.
    const rehashed = changed.map((e) => (e.seq === 3 ? { ...e, hash: eventHash(e) } : e));
    expect(verifyChain(rehashed)).toMatchObject({ intact: false, brokenAtSeq: 4, problem: expect.stringMatching(/previous hash/) });
    const missing = chain(4).filter((e) => e.seq !== 2);
    expect(verifyChain(missing)).toMatchObject({ intact: false, brokenAtSeq: 3, problem: expect.stringMatching(/missing/) });
  });
});

describe('one-time codes', () => {
  it('draws 6 digits, stores an HMAC bound to the request, and compares it', () => {
    const code = newCode();
    expect(code).toMatch(/^\d{6}$/);
    const stored = codeHash('secret', REQUEST, code);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(codeMatches('secret', REQUEST, code, stored)).toBe(true);
    expect(codeMatches('other secret', REQUEST, code, stored)).toBe(false);
    expect(codeMatches('secret', '01900000-0000-7000-8000-000000000009', code, stored)).toBe(false);
  });

  it('reads the code as typed, masks the address and makes references', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('12345')).toBeNull();
    expect(normaliseCode('12345a')).toBeNull();
    expect(maskEmail('david.bernard@demo-sas.fr')).toBe('d***@demo-sas.fr');
    expect(newVerificationReference()).toMatch(/^GCH(-[2-9A-HJKMNP-Z]{4}){3}$/);
  });
});
