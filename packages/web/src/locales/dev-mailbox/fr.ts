/** Texts of the development mailbox page (`devMailbox` namespace, loaded with that page only). */
export const devMailboxFr = {
  title: 'Boîte de développement',
  intro:
    'Les e-mails que Guichet aurait envoyés (aucun serveur SMTP n’est configuré), du plus récent au plus ancien. Les liens fonctionnent.',
  unavailable:
    'La boîte de développement n’est pas disponible : elle n’existe qu’en développement, quand aucun serveur SMTP n’est configuré.',
  failed: 'Les e-mails n’ont pas pu être chargés. Vérifiez que l’API tourne, puis actualisez.',
  filter: 'Destinataire',
  apply: 'Filtrer',
  refresh: 'Actualiser',
  count_one: '{{count}} e-mail',
  count_other: '{{count}} e-mails',
  countFor_one: '{{count}} e-mail pour {{to}}',
  countFor_other: '{{count}} e-mails pour {{to}}',
  to: 'À : {{to}}',
  htmlTitle: 'Contenu de l’e-mail « {{subject}} »',
  text: 'Version texte',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type DevMailboxMessages = Widen<typeof devMailboxFr>;
