import { createHash, sign as rsaSign } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/utils';
import type { SealIdentity } from './seal-certificate';

const { asn1 } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

type Node = forge.asn1.Asn1;
const U = asn1.Class.UNIVERSAL;
const seq = (items: Node[]): Node => asn1.create(U, asn1.Type.SEQUENCE, true, items);
const set = (items: Node[]): Node => asn1.create(U, asn1.Type.SET, true, items);
const oid = (value: string): Node => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const int = (value: number): Node => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
const octets = (bytes: Buffer): Node => asn1.create(U, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
const nul = (): Node => asn1.create(U, asn1.Type.NULL, false, '');
const context = (tag: number, items: Node[]): Node => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);
const toDer = (node: Node): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (bytes: Buffer): Node => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
const algorithm = (id: string, withNull: boolean): Node => seq(withNull ? [oid(id), nul()] : [oid(id)]);
const attribute = (type: string, value: Node): Node => seq([oid(type), set([value])]);

/** The issuer Name and serialNumber of a certificate, as its own DER has them (not re-encoded). */
function issuerAndSerial(certificate: Buffer): { issuer: Node; serial: Node } {
  const tbs = (fromDer(certificate).value as Node[])[0];
  const fields = (tbs?.value ?? []) as Node[];
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, …
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  if (!serial || !issuer) throw new Error('The sealing certificate cannot be read.');
  return { issuer, serial };
}

/**
 * A CMS SignedData, detached, as PAdES (SubFilter ETSI.CAdES.detached, baseline B-B) asks for:
 * SHA-256, signed attributes content-type, message-digest and the ESS signing-certificate-v2 that
 * binds the certificate to the signature; no signing-time attribute (the signature dictionary's
 * /M carries the time). RSA PKCS#1 v1.5 by Node's crypto.
 */
export function cadesDetached(content: Buffer, seal: SealIdentity): Buffer {
  const { issuer, serial } = issuerAndSerial(seal.certificate);
  const certHash = createHash('sha256').update(seal.certificate).digest();
  const essCertIdV2 = seq([octets(certHash), seq([seq([context(4, [issuer])]), serial])]);
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ]
    // DER: the members of a SET OF are in the order of their encodings.
    .map((node) => ({ node, bytes: toDer(node) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((a) => a.node);
  // The signature covers the attributes encoded as a SET (RFC 5652 §5.4), then they go in as [0].
  const signature = rsaSign('sha256', toDer(set(attributes)), seal.privateKey);
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    algorithm(OID.sha256, false),
    context(0, attributes),
    algorithm(OID.rsaEncryption, true),
    octets(signature),
  ]);
  const signedData = seq([
    int(1),
    set([algorithm(OID.sha256, false)]),
    seq([oid(OID.data)]),
    context(0, seal.chain.map(fromDer)),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), context(0, [signedData])]));
}

/** The @signpdf signer that seals with the operator's identity. */
export class CadesSealSigner extends Signer {
  constructor(private readonly seal: SealIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetached(pdfBuffer, this.seal);
  }
}
