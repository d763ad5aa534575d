import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/**
 * The operator's sealing identity: the private key that seals signed PDFs and its certificate
 * (with the chain when the configured PKCS#12 holds one). From configuration (SEAL_P12_PATH and
 * SEAL_P12_PASSPHRASE) in production; otherwise a self-signed development seal, made on first
 * start and kept in the data directory so that restarts reuse it.
 */
export interface SealIdentity {
  privateKey: KeyObject;
  /** The sealing certificate, DER. */
  certificate: Buffer;
  /** Every certificate to embed: the sealing one first, then the rest of the chain. */
  chain: Buffer[];
  /** The certificate's subject, one line ("CN=…, O=…"). */
  subject: string;
  /** SHA-256 of the sealing certificate, hex (shown in the docs and logs). */
  fingerprint: string;
  /** A self-signed development seal, not a certificate from configuration. */
  development: boolean;
}

export interface SealOptions {
  p12Path?: string | undefined;
  passphrase?: string | undefined;
  dataDir: string;
  /** The operator's legal name, the O of the development certificate. */
  organisation: string;
  log: (message: string) => void;
}

/** The development seal lives here, under DATA_DIR. */
export const DEVELOPMENT_SEAL_FILE = path.join('seal', 'development-seal.p12');
/** Protects the development file only: its key seals nothing that anyone should trust. */
const DEVELOPMENT_PASSPHRASE = 'guichet-development-seal';

const der = (cert: forge.pki.Certificate): Buffer => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');

/** node-forge reads a UTF8String's value as its UTF-8 bytes in a binary string. */
function readable(a: forge.pki.CertificateField): string {
  const value = String(a.value);
  if ((a.valueTagClass as number | undefined) !== (forge.asn1.Type.UTF8 as number)) return value;
  try {
    return forge.util.decodeUtf8(value);
  } catch {
    return value;
  }
}

const describe = (attrs: forge.pki.CertificateField[]): string =>
  attrs
    .map((a) => `${a.shortName ?? a.name ?? a.type}=${readable(a)}`)
    .reverse()
    .join(', ');

/** Reads a PKCS#12 (RSA key): the key and the certificate that matches it, then the other certificates. */
export function identityFromP12(p12: Buffer, passphrase: string, development: boolean): SealIdentity {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  } catch (error) {
    throw new Error(
      `The sealing PKCS#12 cannot be read (wrong passphrase or not a PKCS#12): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const oids = forge.pki.oids as Record<string, string>;
  const bags = (type: string): forge.pkcs12.Bag[] => parsed.getBags({ bagType: type })[type] ?? [];
  const keyBag = bags(oids.pkcs8ShroudedKeyBag ?? '')[0] ?? bags(oids.keyBag ?? '')[0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('The sealing PKCS#12 holds no RSA private key.');
  const certs = bags(oids.certBag ?? '')
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => Boolean(c));
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
  });
  if (!own) throw new Error('The sealing PKCS#12 holds no certificate for its private key.');
  const certificate = der(own);
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificate,
    chain: [certificate, ...certs.filter((c) => c !== own).map(der)],
    subject: describe(own.subject.attributes),
    fingerprint: createHash('sha256').update(certificate).digest('hex'),
    development,
  };
}

/** A self-signed seal certificate (RSA 3072, SHA-256, 5 years) for development, as a PKCS#12. */
export function makeDevelopmentP12(organisation: string, now: Date = new Date()): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial of 16 random bytes.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 86_400_000);
  // Tagged UTF8String, node-forge encodes the value (untagged, it would write it as Latin-1).
  const utf8 = (value: string): forge.pki.CertificateField => ({
    value,
    valueTagClass: forge.asn1.Type.UTF8 as number as forge.asn1.Class,
  });
  const name: forge.pki.CertificateField[] = [
    { name: 'commonName', ...utf8('Guichet — cachet de développement') },
    { name: 'organizationName', ...utf8(organisation) },
    { name: 'countryName', value: 'FR' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], DEVELOPMENT_PASSPHRASE, {
    algorithm: 'aes256',
    friendlyName: 'Guichet development seal',
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/**
 * The seal to use: the configured PKCS#12, or the development one under DATA_DIR (made now if
 * it is not there yet; written atomically, so two processes starting together keep one of theirs).
 */
export function loadSeal(options: SealOptions): SealIdentity {
  if (options.p12Path) {
    const identity = identityFromP12(fs.readFileSync(options.p12Path), options.passphrase ?? '', false);
    options.log(`seal: ${identity.subject} (SHA-256 ${identity.fingerprint.slice(0, 16)}…) from ${options.p12Path}`);
    return identity;
  }
  const file = path.join(options.dataDir, DEVELOPMENT_SEAL_FILE);
  let made = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temp, makeDevelopmentP12(options.organisation), { mode: 0o600 });
    fs.renameSync(temp, file);
    made = true;
  }
  const identity = identityFromP12(fs.readFileSync(file), DEVELOPMENT_PASSPHRASE, true);
  options.log(
    `seal: DEVELOPMENT seal (self-signed, not trusted by PDF readers) ${made ? 'made and kept' : 'reused'} in ${file}; ` +
      'set SEAL_P12_PATH and SEAL_P12_PASSPHRASE to seal with a real certificate',
  );
  return identity;
}
