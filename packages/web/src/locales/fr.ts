/**
 * French texts, the reference language: every key here must exist in `en.ts` (the type of
 * `en` is derived from this object, so a missing or extra key fails the type check).
 * Messages for API error codes and validation codes come from `@guichet/shared`.
 */
export const fr = {
  app: {
    name: 'Guichet',
    tagline: 'Espace client',
    titleTemplate: '{{title}} · Guichet',
    skipToContent: 'Aller au contenu',
    loading: 'Chargement…',
    backHome: 'Retour à l’accueil',
    /** The footer of every page: its links to the legal pages (names from @guichet/shared). */
    legalNav: 'Informations légales',
  },
  language: {
    label: 'Langue',
    fr: 'Français',
    en: 'English',
    frShort: 'FR',
    enShort: 'EN',
  },
  form: {
    required: 'Champ obligatoire',
    showPassword: 'Afficher',
    errorSummary: 'Corrigez le champ signalé pour continuer.',
    cancel: 'Annuler',
    close: 'Fermer',
    didYouMean: 'Vouliez-vous dire <action>{{suggestion}}</action> ?',
  },
  auth: {
    login: {
      title: 'Connexion',
      intro: 'Accédez à l’espace client de votre entreprise : courriers, factures et formalités.',
      email: 'Adresse e-mail',
      password: 'Mot de passe',
      submit: 'Se connecter',
      submitting: 'Connexion en cours…',
      forgotPassword: 'Mot de passe oublié ?',
      emailRequired: 'Saisissez votre adresse e-mail.',
      passwordRequired: 'Saisissez votre mot de passe.',
      sessionExpired: 'Votre session a expiré. Reconnectez-vous pour continuer.',
      signedIn: 'Connexion réussie.',
      noAccount: 'L’accès se fait sur invitation d’un administrateur de votre entreprise.',
      requestAccessPrompt: 'Pas encore d’accès ?',
      requestAccessLink: 'Demander l’accès',
    },
    forgot: {
      title: 'Mot de passe oublié',
      intro: 'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
      submit: 'Recevoir le lien',
      submitting: 'Envoi en cours…',
      sentTitle: 'Vérifiez votre messagerie',
      sent: 'Si un compte existe pour cette adresse, un e-mail vient de partir avec un lien pour choisir un nouveau mot de passe.',
      sentHint: 'Le message peut mettre quelques minutes à arriver ; pensez à regarder dans les courriers indésirables.',
      tryAnother: 'Essayer une autre adresse',
      backToLogin: 'Retour à la connexion',
    },
    reset: {
      title: 'Nouveau mot de passe',
      intro: 'Choisissez le nouveau mot de passe de votre compte.',
      password: 'Nouveau mot de passe',
      passwordHint: 'Au moins {{min}} caractères. Une phrase de quelques mots est facile à retenir.',
      confirm: 'Confirmez le nouveau mot de passe',
      passwordRequired: 'Choisissez un mot de passe.',
      confirmRequired: 'Saisissez à nouveau le mot de passe.',
      mismatch: 'Les deux mots de passe ne sont pas identiques.',
      submit: 'Enregistrer le mot de passe',
      submitting: 'Enregistrement…',
      doneTitle: 'Mot de passe changé',
      done: 'Votre mot de passe a bien été changé. Vous pouvez maintenant vous connecter.',
      goToLogin: 'Se connecter',
      invalidToken: 'Ce lien de réinitialisation n’est plus valable : il a déjà servi, ou il a expiré.',
      missingToken: 'Ce lien est incomplet. Ouvrez le lien reçu par e-mail en entier, ou demandez-en un nouveau.',
      askAgain: 'Demander un nouveau lien',
      checking: 'Vérification du lien…',
    },
  },
  shell: {
    mainNav: 'Navigation principale',
    home: 'Guichet (accueil)',
    /** Read after the brand name in the logo link (“Guichet (accueil)”). */
    homeSuffix: ' (accueil)',
    company: 'Entreprise',
    companies: 'Vos entreprises',
    switchCompany: 'Changer d’entreprise',
    currentCompany: 'entreprise actuelle',
    userMenu: 'Compte',
    signedInAs: 'Connecté en tant que',
    logout: 'Se déconnecter',
    loggingOut: 'Déconnexion…',
    logoutFailed: 'La déconnexion a échoué. Réessayez.',
    staffBadge: 'Opérateur',
  },
  nav: {
    mail: 'Mes courriers',
    invoices: 'Factures',
    services: 'Services',
    team: 'Mon équipe',
    settings: 'Paramètres',
    operator: 'Opérateur',
  },
  pages: {
    comingSoon: 'Bientôt disponible',
    mail: {
      title: 'Mes courriers',
      body: 'Vos courriers numérisés : consultez-les, classez-les, téléchargez-les ou demandez leur réexpédition.',
    },
    invoices: {
      title: 'Factures',
      body: 'Vos factures, et ce qui reste à payer.',
    },
    services: {
      title: 'Services',
      body: 'Vos formalités juridiques : où en est chacune, ce qu’on attend de vous, et les documents à signer ou à télécharger.',
    },
    team: {
      title: 'Mon équipe',
      body: 'Les personnes qui ont accès à l’entreprise, leur rôle, et les invitations en cours.',
    },
    settings: {
      title: 'Paramètres',
      body: 'Les réglages de l’entreprise, et l’accès de vos logiciels à Guichet.',
      company: 'Informations de l’entreprise',
      next: 'Vous pourrez bientôt modifier ici la raison sociale et l’adresse.',
    },
    noPage: {
      title: 'Aucune rubrique disponible',
      body: 'Votre accès à {{company}} ne comprend encore aucune rubrique. Demandez à un administrateur de l’entreprise de compléter votre accès.',
    },
  },
  home: {
    noCompany: {
      title: 'Aucune entreprise pour l’instant',
      body: 'Votre compte n’est rattaché à aucune entreprise.',
      next: 'Quand un administrateur vous invitera, vous recevrez un e-mail et l’entreprise apparaîtra ici.',
    },
  },
  operator: {
    title: 'Espace opérateur',
    formalities: 'ouvrir et suivre les formalités.',
  },
  errors: {
    noAccess: {
      title: 'Accès refusé',
      permission: 'Votre accès à {{company}} ne comprend pas la rubrique « {{page}} ».',
      requiredRole: 'Cette rubrique est réservée au rôle {{roles}}.',
      whoToAsk: 'Pour l’obtenir, adressez-vous à un administrateur de {{company}} : il peut modifier votre accès depuis Mon équipe.',
      company: 'Vous n’avez pas accès à cette entreprise, ou elle n’existe pas.',
      companyHint: 'Si vous devriez y avoir accès, demandez à un administrateur de cette entreprise de vous inviter.',
      suspended: 'Votre accès à {{company}} est suspendu.',
      suspendedHint: 'Pour le rétablir, adressez-vous à un administrateur de {{company}} : il peut vous réactiver depuis Mon équipe.',
      staffOnCompany:
        'En tant qu’opérateur de la domiciliation, vous n’êtes pas membre de cette entreprise : son espace client est réservé à ses membres.',
      operatorCompanies: 'Voir les entreprises dans l’espace opérateur',
      staff: 'Cette page est réservée aux opérateurs de la domiciliation.',
      generic: 'Vous n’avez pas accès à cette page.',
      yourCompanies: 'Vos entreprises',
    },
    notFound: {
      title: 'Page introuvable',
      body: 'L’adresse demandée ne correspond à aucune page. Elle a peut-être été mal saisie, ou la page a été déplacée.',
    },
    generic: {
      title: 'Une erreur est survenue',
      body: 'La page n’a pas pu s’afficher. Réessayez dans un instant ; si le problème continue, contactez-nous.',
      retry: 'Réessayer',
    },
    network: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
    newVersion: {
      title: 'Nouvelle version disponible',
      body: 'Guichet a été mis à jour. Rechargez la page pour continuer.',
      reload: 'Recharger la page',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof fr>;
