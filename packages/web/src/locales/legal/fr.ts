/**
 * Texts of the legal pages (`legal` namespace, loaded with those pages only): mentions légales,
 * conditions générales d’utilisation, politique de confidentialité. The operator's identity and
 * the retention periods come from the API (`legalNotice`), never from here. The privacy notice
 * follows docs/privacy.md: a change there is a change here (and the date below).
 * Tags such as `<privacy>…</privacy>` become links. French punctuation (; : ? ! « ») is bound to its
 * word by a no-break space, so that a narrow screen never starts a line with it.
 */
export const legalFr = {
  lastUpdated: 'Dernière mise à jour : {{date}}',
  loading: 'Chargement des informations légales…',
  loadFailed: 'Impossible d’afficher les informations légales',
  notice: {
    intro:
      'Ces mentions sont publiées en application de l’article 6 de la loi n° 2004-575 du 21 juin 2004 pour la confiance dans l’économie numérique (LCEN).',
    publisher: {
      title: 'Éditeur du service',
      intro: 'Guichet, l’espace client en ligne proposé à cette adresse, est édité par :',
      name: 'Dénomination sociale',
      form: 'Forme juridique et capital',
      formValue: '{{form}} au capital de {{capital}}',
      office: 'Siège social',
      registration: 'Immatriculation',
      registrationValue: 'RCS {{city}} {{siren}}',
      siret: 'SIRET du siège',
      vat: 'N° de TVA intracommunautaire',
      phone: 'Téléphone',
      email: 'E-mail',
    },
    director: {
      title: 'Directeur de la publication',
      body: '{{name}}',
    },
    domiciliation: {
      title: 'Activité de domiciliation',
      body: '{{company}} est une entreprise de domiciliation agréée par la préfecture (agrément n° {{approval}}, article L123-11-3 du Code de commerce). Elle fournit à ses clients l’adresse de leur siège social et, par Guichet, l’accès à leur courrier numérisé, à leurs factures et au suivi de leurs formalités.',
    },
    host: {
      title: 'Hébergement',
      intro: 'Le service est hébergé par :',
      name: 'Hébergeur',
      address: 'Adresse',
      phone: 'Téléphone',
    },
    contact: {
      title: 'Nous contacter',
      body: 'Pour toute question sur le service ou sur ces mentions, écrivez à <email>{{email}}</email> ou appelez le <phone>{{phone}}</phone>. Pour toute question sur vos données personnelles, écrivez à <dpo>{{dpo}}</dpo>.',
    },
    intellectualProperty: {
      title: 'Propriété intellectuelle',
      body: 'Le service Guichet, ses textes, sa présentation et ses éléments graphiques appartiennent à {{company}} ou à ses concédants. Toute reproduction ou représentation, totale ou partielle, sans autorisation écrite est interdite, hors les exceptions prévues par le Code de la propriété intellectuelle. Les documents déposés ou consultés dans l’espace client (courriers numérisés, factures, pièces des formalités) restent la propriété de leurs titulaires.',
    },
    cookies: {
      title: 'Cookies',
      body: 'Guichet n’utilise qu’un cookie, strictement nécessaire : le cookie de session, qui vous garde connecté et prend fin avec votre session (à la déconnexion ou après une période d’inactivité). La langue que vous choisissez est gardée dans le stockage local de votre navigateur. Aucun cookie de mesure d’audience, de publicité ou de réseau social n’est déposé ; ces traceurs strictement nécessaires ne demandent pas de consentement (article 82 de la loi Informatique et Libertés).',
    },
    seeAlso: {
      title: 'Données personnelles et conditions d’utilisation',
      body: 'Les données personnelles que traite Guichet sont décrites dans la <privacy>politique de confidentialité</privacy>. L’utilisation du service est encadrée par les <terms>conditions générales d’utilisation</terms>.',
    },
  },
  terms: {
    intro:
      'Les présentes conditions générales d’utilisation (CGU) encadrent l’utilisation de Guichet, l’espace client en ligne de {{company}}, {{form}} au capital de {{capital}}, immatriculée au RCS de {{city}} sous le numéro {{siren}} (« l’opérateur »). Toute personne qui utilise Guichet — membre d’une entreprise cliente, personne invitée, signataire — ou qui y accède par un jeton d’API les accepte.',
    service: {
      title: '1. Le service',
      body: 'Guichet est l’espace client de l’activité de domiciliation de l’opérateur. Chaque entreprise domiciliée (« le client ») y consulte et télécharge son courrier numérisé et en demande la réexpédition, consulte ses factures, suit ses formalités juridiques et y répond, signe électroniquement les documents qui le demandent, et peut relier ses propres outils à Guichet par l’API.',
      contract:
        'Le service de domiciliation lui-même (adresse du siège, réception et conservation du courrier, tarifs, durée) est régi par le contrat de domiciliation signé entre l’opérateur et le client. En cas de contradiction, ce contrat prévaut sur les présentes CGU.',
    },
    accounts: {
      title: '2. Comptes et invitations',
      personal:
        'Un compte est personnel : il correspond à une seule personne, identifiée par son adresse e-mail. Les adresses de service génériques (contact@, compta@…) ne sont pas acceptées pour un compte.',
      invitations:
        'L’accès à l’espace d’une entreprise s’ouvre sur invitation. Le premier administrateur est invité par l’opérateur ; les administrateurs de l’entreprise invitent ensuite leurs collaborateurs et choisissent pour chacun un niveau d’accès : Administrateur, Gestion de courrier, Facturation ou Gestion de formalité. Ils peuvent modifier, suspendre ou retirer un accès à tout moment, avec effet immédiat. Un lien d’invitation ne sert qu’une fois et expire au bout de 7 jours.',
      requests:
        'Une personne qui n’a pas encore d’accès peut le demander depuis la page de connexion ; seuls les administrateurs de l’entreprise décident d’y donner suite.',
      password:
        'Ne partagez jamais votre mot de passe, pas même avec un collègue : invitez-le, pour qu’il ait son propre compte et l’accès qui lui convient. Choisissez un mot de passe long, que vous n’utilisez nulle part ailleurs. L’opérateur ne vous demandera jamais votre mot de passe, ni un code de signature.',
      compromised:
        'Si vous pensez que quelqu’un d’autre a utilisé votre compte, changez votre mot de passe et prévenez l’opérateur sans attendre à <email>{{email}}</email>.',
      client:
        'Le client veille à ce que les accès ouverts correspondent aux personnes qui doivent en disposer, et retire sans tarder ceux des personnes qui quittent l’entreprise.',
    },
    apiTokens: {
      title: '3. Jetons d’API',
      intro:
        'Un administrateur peut créer des jetons d’API pour relier Guichet aux outils de l’entreprise (logiciel comptable, ERP…). Un jeton agit pour une seule entreprise, avec les seules permissions choisies à sa création ; il ne peut ni gérer l’équipe, ni créer d’autres jetons, ni signer. Qui utilise un jeton s’engage à :',
      secret:
        'le garder secret, comme un mot de passe : dans un coffre de secrets ou la configuration protégée de l’outil, jamais dans un code source, un e-mail ou un document partagé ;',
      leastPrivilege:
        'ne lui donner que les permissions dont l’outil a besoin, une date d’expiration et, si possible, la liste des adresses IP autorisées ;',
      revoke: 'révoquer sans attendre un jeton exposé ou devenu inutile (la rotation en émet un nouveau sans interrompre l’intégration) ;',
      limits:
        'respecter les limites de requêtes et de coût des requêtes, sans chercher à les contourner (par exemple en multipliant les jetons), et n’accéder qu’aux données de l’entreprise du jeton.',
      responsibility:
        'L’entreprise répond de l’usage fait de ses jetons. Les jetons créés par un membre sont révoqués quand il est retiré de l’entreprise. L’opérateur peut suspendre ou révoquer un jeton utilisé de façon abusive ou qui menace la sécurité du service ; il en informe les administrateurs de l’entreprise.',
    },
    use: {
      title: '4. Bon usage',
      lawful: 'Utilisez Guichet pour les besoins de votre entreprise et dans le respect de la loi.',
      security:
        'Ne tentez pas d’accéder à des données que votre accès ne vous ouvre pas, de perturber le service, d’en éprouver la sécurité sans l’accord écrit de l’opérateur, ni d’y déposer des fichiers malveillants.',
      accuracy:
        'Les informations et les pièces que vous fournissez, notamment pour les formalités, doivent être exactes et à jour : la loi impose à l’opérateur de vérifier l’identité de ses clients.',
      breach:
        'En cas de manquement, l’opérateur peut suspendre l’accès concerné ; il en informe les administrateurs de l’entreprise, au préalable sauf urgence.',
    },
    availability: {
      title: '5. Disponibilité',
      body: 'L’opérateur s’efforce de rendre Guichet accessible en permanence, sans garantir une disponibilité ininterrompue. Le service peut être interrompu pour maintenance, mise à jour ou incident ; les interruptions prévues sont annoncées à l’avance quand c’est possible. Le courrier reçu pendant une interruption est conservé et apparaît dans l’espace client dès le retour du service. Pour un besoin urgent, contactez l’opérateur à <email>{{email}}</email> ou au <phone>{{phone}}</phone>.',
    },
    liability: {
      title: '6. Responsabilité',
      operator:
        'L’opérateur met en œuvre des moyens raisonnables pour assurer le bon fonctionnement et la sécurité de Guichet (obligation de moyens). Sa responsabilité au titre du service de domiciliation est régie par le contrat de domiciliation.',
      exclusions:
        'L’opérateur ne répond pas des dommages qui résultent d’une utilisation contraire aux présentes CGU, de la divulgation par un utilisateur de son mot de passe ou d’un jeton d’API, d’une information inexacte fournie par le client, ni d’une interruption due à un cas de force majeure ou à un réseau qu’il ne maîtrise pas.',
      client: 'Le client répond des accès qu’il ouvre et des actions faites avec les comptes et les jetons de son entreprise.',
    },
    data: {
      title: '7. Données personnelles',
      body: 'L’opérateur traite les données personnelles nécessaires au service en tant que responsable de traitement. La <privacy>politique de confidentialité</privacy> dit lesquelles, pourquoi, combien de temps, où, qui y accède et comment exercer vos droits.',
    },
    ownership: {
      title: '8. Propriété',
      body: 'Les documents du client restent les siens. L’opérateur accorde à chaque utilisateur un droit d’utiliser Guichet, personnel et non exclusif, pour les besoins de son entreprise et tant que celle-ci est cliente.',
    },
    changes: {
      title: '9. Modification des conditions',
      body: 'L’opérateur peut faire évoluer les présentes CGU, notamment pour suivre l’évolution du service ou de la loi ; la date de dernière mise à jour figure en haut de cette page. Toute modification importante est annoncée par e-mail aux administrateurs des entreprises clientes au moins 30 jours avant d’entrer en vigueur. Continuer à utiliser Guichet après cette date vaut acceptation ; si vous n’acceptez pas les nouvelles conditions, cessez de l’utiliser (le contrat de domiciliation dit comment y mettre fin).',
    },
    law: {
      title: '10. Droit applicable',
      body: 'Les présentes CGU sont soumises au droit français. En cas de différend sur leur interprétation ou leur exécution, les parties recherchent d’abord une solution amiable ; à défaut, le litige est porté devant les juridictions françaises compétentes.',
    },
    contact: {
      title: '11. Contact',
      body: 'Pour toute question sur ces conditions : <email>{{email}}</email>.',
    },
  },
  privacy: {
    intro:
      'Cette politique explique quelles données personnelles Guichet traite, pourquoi, combien de temps elles sont conservées, où, qui peut les voir, et comment exercer vos droits. Elle concerne les membres des entreprises clientes, les personnes invitées, les signataires, les personnes qui demandent un accès et le personnel de l’opérateur.',
    controller: {
      title: '1. Responsable de traitement',
      body: '{{company}}, immatriculée au RCS de {{city}} sous le numéro {{siren}}, dont le siège est {{address}}, est le responsable de traitement. Elle exploite Guichet pour ses entreprises clientes et leurs membres. Pour toute question sur vos données : <dpo>{{dpo}}</dpo>.',
    },
    records: {
      title: '2. Données traitées, pourquoi et qui les voit',
      data: 'Données',
      whom: 'Personnes concernées',
      why: 'Finalité (base légale)',
      who: 'Qui y a accès',
      items: {
        accounts: {
          title: 'Comptes',
          data: 'Nom, prénom, e-mail, téléphone (facultatif), langue, empreinte du mot de passe (argon2id).',
          whom: 'Membres des entreprises clientes, personnel de l’opérateur.',
          why: 'Faire fonctionner l’espace client (exécution du contrat).',
          who: 'Vous-même ; les administrateurs de votre entreprise (nom, e-mail, niveau d’accès) ; le personnel de l’opérateur.',
        },
        memberships: {
          title: 'Accès aux entreprises',
          data: 'Entreprise, niveau d’accès, sujets pour lesquels vous êtes la personne à prévenir.',
          whom: 'Membres des entreprises clientes.',
          why: 'Contrôler qui accède à quoi (exécution du contrat).',
          who: 'Les administrateurs de l’entreprise ; le personnel de l’opérateur.',
        },
        sessions: {
          title: 'Sessions de connexion',
          data: 'Date, adresse IP, appareil.',
          whom: 'Membres, personnel de l’opérateur.',
          why: 'Sécurité des comptes (intérêt légitime).',
          who: 'Personne ne les consulte dans Guichet : elles servent aux contrôles de connexion.',
        },
        journal: {
          title: 'Journal d’activité',
          data: 'Qui a fait quoi, quand, depuis quelle adresse IP.',
          whom: 'Membres, personnel de l’opérateur, jetons d’API.',
          why: 'Traçabilité et sécurité (intérêt légitime) ; obligations de vigilance de l’activité de domiciliation contre le blanchiment.',
          who: 'Les administrateurs de l’entreprise ; le personnel de l’opérateur.',
        },
        mail: {
          title: 'Courrier numérisé',
          data: 'Images ou PDF des lettres, expéditeur, ligne du destinataire.',
          whom: 'L’entreprise et les personnes nommées sur les lettres.',
          why: 'Le service de domiciliation lui-même (exécution du contrat ; article R123-168 du Code de commerce).',
          who: 'Les membres ayant l’accès Gestion de courrier ou Administrateur ; le personnel de l’opérateur.',
        },
        invoices: {
          title: 'Factures et paiements',
          data: 'Factures, avoirs, paiements, et le contact de l’acheteur.',
          whom: 'L’entreprise cliente.',
          why: 'Comptabilité et obligations fiscales (obligation légale).',
          who: 'Les membres ayant l’accès Facturation ou Administrateur ; le personnel de l’opérateur.',
        },
        formalities: {
          title: 'Formalités',
          data: 'Réponses, documents déposés, pièces d’identité.',
          whom: 'Le représentant légal de l’entreprise et ses membres.',
          why: 'La formalité demandée (exécution du contrat) ; l’identification du client au titre de la lutte contre le blanchiment (obligation légale, article L561-5 du Code monétaire et financier).',
          who: 'Les membres ayant l’accès Gestion de formalité ou Administrateur ; le personnel de l’opérateur.',
        },
        signatures: {
          title: 'Signatures électroniques',
          data: 'Nom et e-mail du signataire, dossier de preuve (événements, adresse IP, appareil, texte du consentement), PDF scellé.',
          whom: 'Le signataire.',
          why: 'La preuve de l’acte signé (obligation légale et intérêt légitime ; articles 1366 et 1367 du Code civil).',
          who: 'Le signataire ; les administrateurs de l’entreprise ; le personnel de l’opérateur.',
        },
        emails: {
          title: 'E-mails envoyés',
          data: 'Adresse, objet, contenu.',
          whom: 'Les destinataires.',
          why: 'Envoyer les notifications et pouvoir prouver ce qui a été envoyé.',
          who: 'Personne dans Guichet ; seuls les administrateurs techniques de la base de données.',
        },
        requests: {
          title: 'Demandes publiques',
          data: 'Demandes de réinitialisation du mot de passe et demandes d’accès : e-mail, nom, adresse IP.',
          whom: 'La personne qui fait la demande.',
          why: 'Y donner suite ; limiter les abus (intérêt légitime).',
          who: 'Les administrateurs de l’entreprise concernée (demandes d’accès) ; personne d’autre.',
        },
      },
      noSale: 'Vos données ne sont ni vendues, ni utilisées à des fins publicitaires.',
    },
    retention: {
      title: '3. Durées de conservation',
      intro:
        'Un traitement automatique supprime chaque jour ce qui a dépassé sa durée de conservation. Les durées suivent le droit français et les recommandations de la CNIL.',
      what: 'Données',
      howLong: 'Durée',
      items: {
        sessions: {
          what: 'Sessions (adresse IP et appareil d’une connexion)',
          howLong_zero: 'supprimées dès leur fin',
          howLong_one: '{{count}} jour après leur fin',
          howLong_other: '{{count}} jours après leur fin',
          why: 'Le temps d’examiner une connexion suspecte signalée tardivement.',
        },
        resetLinks: {
          what: 'Liens de réinitialisation du mot de passe',
          howLong_zero: 'supprimés dès leur expiration ou leur utilisation',
          howLong_one: '{{count}} jour après leur expiration ou leur utilisation',
          howLong_other: '{{count}} jours après leur expiration ou leur utilisation',
          why: 'De quoi répondre à un « je n’ai rien demandé ».',
        },
        journalIp: {
          what: 'Adresses IP du journal d’activité',
          howLong_one: '{{count}} mois (l’entrée reste, sans son adresse IP)',
          howLong_other: '{{count}} mois (l’entrée reste, sans son adresse IP)',
          why: 'La recommandation de la CNIL sur les journaux ; les entrées restent la trace, pour l’entreprise, de qui a fait quoi.',
        },
        sentEmails: {
          what: 'E-mails envoyés, avec leur contenu',
          howLong_one: '{{count}} jour après l’envoi',
          howLong_other: '{{count}} jours après l’envoi',
          why: 'De quoi répondre à un « je n’ai jamais reçu l’e-mail » ; leurs liens ont expiré depuis longtemps.',
        },
        failedRequests: {
          what: 'Demandes publiques dont le traitement a définitivement échoué',
          howLong_one: '{{count}} jour',
          howLong_other: '{{count}} jours',
          why: 'Seulement utiles pour comprendre l’échec.',
        },
        accessRequests: {
          what: 'Demandes d’accès, une fois approuvées ou refusées',
          howLong_one: '{{count}} mois après la décision',
          howLong_other: '{{count}} mois après la décision',
          why: 'Le temps, pour les administrateurs, de savoir qui a demandé ; ensuite, le nom et l’e-mail d’une personne qui n’a pas rejoint l’entreprise ne servent plus.',
        },
        invoices: {
          what: 'Factures et avoirs',
          howLong: '10 ans à compter de la clôture de l’exercice',
          why: 'Article L123-22 du Code de commerce.',
        },
        signatures: {
          what: 'Dossiers de preuve des signatures et PDF scellés',
          howLong: 'la durée de vie de l’acte signé, puis 5 ans',
          why: 'Le délai de prescription des actions civiles (article 2224 du Code civil).',
        },
        identity: {
          what: 'Pièces d’identité et dossier de vigilance du client',
          howLong: '5 ans après la fin de la relation d’affaires',
          why: 'Article L561-12 du Code monétaire et financier.',
        },
        scans: {
          what: 'Courrier numérisé',
          howLong: 'selon le contrat de domiciliation, après sa fin',
          why: 'Le contrat de domiciliation.',
        },
      },
      pending:
        'Les courriers numérisés, les pièces d’identité et les dossiers de formalité ne sont supprimés qu’une fois le contrat de l’entreprise terminé : tant qu’elle est cliente, ils sont conservés, ce que la loi permet.',
    },
    location: {
      title: '4. Où sont les données',
      body: 'Dans la base de données et le stockage de fichiers du service, chez l’hébergeur nommé dans les <notice>mentions légales</notice>, dans l’Union européenne. Les sauvegardes suivent les mêmes durées de conservation que leur source, plus la durée de leur rotation. L’hébergeur et le prestataire d’envoi des e-mails agissent comme sous-traitants de l’opérateur.',
    },
    neverStored: {
      title: '5. Ce qui n’est jamais conservé',
      body: 'Ni votre mot de passe en clair (seulement une empreinte argon2id), ni les jetons d’API et de session en clair (seulement leur empreinte SHA-256), ni les codes de signature en clair (seulement un HMAC). Les journaux techniques ne contiennent ni secret, ni jeton, ni mot de passe, ni cookie, ni lien signé.',
    },
    cookies: {
      title: '6. Cookies',
      body: 'Un seul cookie, strictement nécessaire : le cookie de session, qui vous garde connecté. La langue choisie est gardée dans le stockage local de votre navigateur. Aucun traceur de mesure d’audience ou de publicité.',
    },
    rights: {
      title: '7. Vos droits',
      list: 'Vous disposez, sur vos données, des droits suivants :',
      access: 'd’accès : savoir quelles données vous concernant sont traitées, et en obtenir une copie ;',
      rectification: 'de rectification : faire corriger des données inexactes ou incomplètes ;',
      erasure: 'd’effacement : faire supprimer vos données, sauf celles que la loi oblige à conserver ;',
      restriction: 'de limitation : faire geler l’usage de vos données le temps d’examiner une contestation ;',
      portability:
        'à la portabilité : recevoir les données que vous avez fournies dans un format courant et lisible par machine, ou les faire transmettre à un autre prestataire ;',
      objection: 'd’opposition : vous opposer, pour des raisons tenant à votre situation, aux traitements fondés sur l’intérêt légitime ;',
      postMortem: 'de définir des directives sur le sort de vos données après votre décès.',
      how: 'Pour les exercer, écrivez à <dpo>{{dpo}}</dpo>, de préférence depuis l’adresse de votre compte. Nous répondons dans un délai d’un mois, prolongeable de deux mois pour une demande complexe ; en cas de doute sur votre identité, nous pouvons vous demander d’en justifier.',
      limits:
        'Les données que la loi oblige à conserver (factures, preuves de signature, pièces d’identité) ne peuvent être effacées avant la fin de leur durée légale : elles sont alors conservées sans autre usage.',
      complaint:
        'Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (Commission nationale de l’informatique et des libertés), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, <cnil>www.cnil.fr</cnil>.',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type LegalMessages = Widen<typeof legalFr>;
