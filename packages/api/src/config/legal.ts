import { z } from 'zod';
import { formatPhone, validatePhone } from '@guichet/shared';

/**
 * What the legal pages print besides the seller's identity (SELLER_*, seller.ts), read by `env.ts`
 * from `LEGAL_*`: the director of publication, the contacts, the domiciliation approval and the
 * hosting provider (the LCEN, art. 6 III, asks for them). The defaults describe the fictitious
 * "Domicile Pro SAS" of the demo, with phone numbers from the range reserved for fiction
 * (01 99 00 xx xx); a real deployment sets its own.
 */
const text = (max: number, fallback: string) => z.string().trim().min(1).max(max).default(fallback);

/** A phone number as written by a person (national French or international), kept in international form. */
const phone = (name: string, fallback: string) =>
  z
    .string()
    .transform((raw, ctx) => {
      const check = validatePhone(raw);
      if (!check.ok || check.phone === null) {
        ctx.addIssue({ code: 'custom', message: `${name}: a phone number, e.g. 01 99 00 12 34 or +33 1 99 00 12 34` });
        return z.NEVER;
      }
      return formatPhone(check.phone, null);
    })
    .default(fallback);

export const LEGAL_ENV_FIELDS = {
  /** "Directeur de la publication": the person answerable for what the site publishes (name, and title if wished). */
  LEGAL_PUBLICATION_DIRECTOR: text(200, 'Claire Fontaine'),
  /** Where anyone writes to the operator about the site. */
  LEGAL_CONTACT_EMAIL: z.email('LEGAL_CONTACT_EMAIL: an email address').default('contact@domicile-pro.fr'),
  LEGAL_CONTACT_PHONE: phone('LEGAL_CONTACT_PHONE', '+33 1 99 00 12 34'),
  /** Where people exercise their data-protection rights (the data-protection officer, or whoever answers for it). */
  LEGAL_DPO_EMAIL: z.email('LEGAL_DPO_EMAIL: an email address').default('dpo@domicile-pro.fr'),
  /** Number of the prefectoral approval of a domiciliation company (Code de commerce, L123-11-3), as issued. */
  LEGAL_DOMICILIATION_APPROVAL: text(100, '2021-00420'),
  /** The hosting provider ("hébergeur"): name, postal address on one line, phone. */
  LEGAL_HOST_NAME: text(200, 'Exemple Hébergement SAS'),
  LEGAL_HOST_ADDRESS: text(300, '12 rue de l’Exemple, 69002 Lyon, France'),
  LEGAL_HOST_PHONE: phone('LEGAL_HOST_PHONE', '+33 1 99 00 56 78'),
};

type LegalFields = z.infer<z.ZodObject<typeof LEGAL_ENV_FIELDS>>;

export interface LegalIdentity {
  publicationDirector: string;
  contactEmail: string;
  /** International form, e.g. `+33 1 99 00 12 34`. */
  contactPhone: string;
  dpoEmail: string;
  domiciliationApproval: string;
  host: { name: string; address: string; phone: string };
}

export function legalIdentityOf(env: LegalFields): LegalIdentity {
  return {
    publicationDirector: env.LEGAL_PUBLICATION_DIRECTOR,
    contactEmail: env.LEGAL_CONTACT_EMAIL,
    contactPhone: env.LEGAL_CONTACT_PHONE,
    dpoEmail: env.LEGAL_DPO_EMAIL,
    domiciliationApproval: env.LEGAL_DOMICILIATION_APPROVAL,
    host: { name: env.LEGAL_HOST_NAME, address: env.LEGAL_HOST_ADDRESS, phone: env.LEGAL_HOST_PHONE },
  };
}
