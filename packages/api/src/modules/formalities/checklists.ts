import type { RequestKind } from './information-request.entity';
import type { FormalityType } from './transitions';

export interface ChecklistItem {
  kind: RequestKind;
  question: string;
  required: boolean;
  choices?: readonly string[];
}

/** What a new formality asks the client for, by type: the operator adds or changes requests afterwards. */
export const CHECKLISTS: Readonly<Record<FormalityType, readonly ChecklistItem[]>> = {
  TRANSFERT_SIEGE: [
    { kind: 'FILE', question: 'Procès-verbal de la décision de transfert du siège', required: true },
    { kind: 'FILE', question: 'Statuts mis à jour, certifiés conformes', required: true },
    { kind: 'FILE', question: 'Contrat de domiciliation', required: true },
    { kind: 'FILE', question: 'Pouvoir signé pour la formalité', required: true },
    { kind: 'DATE', question: 'Date d’effet du transfert', required: true },
  ],
  MODIFICATION_STATUTS: [
    { kind: 'FILE', question: 'Procès-verbal de l’assemblée ayant modifié les statuts', required: true },
    { kind: 'FILE', question: 'Statuts mis à jour, certifiés conformes', required: true },
    { kind: 'TEXT', question: 'Articles modifiés et nature de la modification', required: true },
  ],
  CHANGEMENT_DIRIGEANT: [
    { kind: 'FILE', question: 'Procès-verbal de nomination du nouveau dirigeant', required: true },
    { kind: 'FILE', question: 'Pièce d’identité du nouveau dirigeant', required: true },
    { kind: 'FILE', question: 'Déclaration de non-condamnation et de filiation', required: true },
    { kind: 'DATE', question: 'Date de prise de fonctions', required: true },
  ],
  AUGMENTATION_CAPITAL: [
    { kind: 'FILE', question: 'Procès-verbal de la décision d’augmentation de capital', required: true },
    { kind: 'FILE', question: 'Certificat du dépositaire des fonds', required: true },
    { kind: 'NUMBER', question: 'Nouveau montant du capital social (en euros)', required: true },
    {
      kind: 'CHOICE',
      question: 'Mode d’augmentation',
      required: true,
      choices: ['Apport en numéraire', 'Apport en nature', 'Incorporation de réserves'],
    },
  ],
  DISSOLUTION: [
    { kind: 'FILE', question: 'Procès-verbal de dissolution anticipée', required: true },
    { kind: 'TEXT', question: 'Nom et adresse du liquidateur', required: true },
    { kind: 'DATE', question: 'Date d’effet de la dissolution', required: true },
  ],
  OTHER: [],
};
