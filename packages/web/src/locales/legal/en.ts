import type { LegalMessages } from './fr';

/** English texts of the legal pages: same keys as `fr.ts`. The French version is the reference. */
export const legalEn: LegalMessages = {
  lastUpdated: 'Last updated: {{date}}',
  loading: 'Loading the legal information…',
  loadFailed: 'The legal information could not be shown',
  notice: {
    intro:
      'This notice is published under article 6 of the French law no. 2004-575 of 21 June 2004 on confidence in the digital economy (LCEN).',
    publisher: {
      title: 'Publisher',
      intro: 'Guichet, the online client space offered at this address, is published by:',
      name: 'Company name',
      form: 'Legal form and share capital',
      formValue: '{{form}} with a share capital of {{capital}}',
      office: 'Registered office',
      registration: 'Registration',
      registrationValue: 'RCS {{city}} {{siren}}',
      siret: 'SIRET of the registered office',
      vat: 'Intra-community VAT number',
      phone: 'Phone',
      email: 'Email',
    },
    director: {
      title: 'Director of publication',
      body: '{{name}}',
    },
    domiciliation: {
      title: 'Domiciliation business',
      body: '{{company}} is a domiciliation company approved by the prefecture (approval no. {{approval}}, article L123-11-3 of the French Commercial Code). It provides its clients with the address of their registered office and, through Guichet, access to their scanned mail, their invoices and the follow-up of their formalities.',
    },
    host: {
      title: 'Hosting',
      intro: 'The service is hosted by:',
      name: 'Hosting provider',
      address: 'Address',
      phone: 'Phone',
    },
    contact: {
      title: 'Contact us',
      body: 'For any question about the service or this notice, write to <email>{{email}}</email> or call <phone>{{phone}}</phone>. For any question about your personal data, write to <dpo>{{dpo}}</dpo>.',
    },
    intellectualProperty: {
      title: 'Intellectual property',
      body: 'The Guichet service, its texts, its layout and its graphic elements belong to {{company}} or its licensors. Any reproduction or representation, in whole or in part, without written permission is forbidden, save for the exceptions of the French Intellectual Property Code. The documents uploaded to or read in the client space (scanned mail, invoices, formality documents) remain the property of their owners.',
    },
    cookies: {
      title: 'Cookies',
      body: 'Guichet uses a single cookie, which is strictly necessary: the session cookie, which keeps you signed in and ends with your session (when you sign out or after a period of inactivity). The language you choose is kept in your browser’s local storage. No audience measurement, advertising or social network cookie is set; such strictly necessary trackers need no consent (article 82 of the French Data Protection Act).',
    },
    seeAlso: {
      title: 'Personal data and terms of use',
      body: 'The personal data Guichet processes are described in the <privacy>privacy notice</privacy>. The use of the service is governed by the <terms>terms of use</terms>.',
    },
  },
  terms: {
    intro:
      'These terms of use govern the use of Guichet, the online client space of {{company}}, a {{form}} with a share capital of {{capital}}, registered with the RCS of {{city}} under number {{siren}} (“the operator”). Anyone who uses Guichet — a member of a client company, an invited person, a signer — or who reaches it with an API token accepts them.',
    service: {
      title: '1. The service',
      body: 'Guichet is the client space of the operator’s domiciliation business. Each domiciled company (“the client”) reads and downloads its scanned mail there and asks for it to be forwarded, reads its invoices, follows and answers its legal formalities, signs electronically the documents that need it, and may connect its own tools to Guichet through the API.',
      contract:
        'The domiciliation service itself (registered office address, receipt and keeping of mail, prices, term) is governed by the domiciliation contract signed between the operator and the client. Where they differ, that contract prevails over these terms.',
    },
    accounts: {
      title: '2. Accounts and invitations',
      personal:
        'An account is personal: it belongs to one person, identified by their email address. Generic department addresses (contact@, info@…) are not accepted for an account.',
      invitations:
        'Access to a company’s space is by invitation. The first administrator is invited by the operator; the company’s administrators then invite their collaborators and choose an access level for each: Administrator, Mail management, Billing or Formalities management. They may change, suspend or withdraw an access at any time, with immediate effect. An invitation link works once and expires after 7 days.',
      requests:
        'Someone who has no access yet may ask for it from the sign-in page; only the company’s administrators decide whether to grant it.',
      password:
        'Never share your password, not even with a colleague: invite them, so that they have their own account and the access that suits them. Choose a long password that you use nowhere else. The operator will never ask you for your password or for a signature code.',
      compromised:
        'If you think someone else has used your account, change your password and tell the operator at once at <email>{{email}}</email>.',
      client:
        'The client makes sure that the accesses it opens match the people who should have them, and promptly withdraws those of people who leave the company.',
    },
    apiTokens: {
      title: '3. API tokens',
      intro:
        'An administrator may create API tokens to connect Guichet to the company’s tools (accounting software, ERP…). A token acts for one company only, with only the permissions chosen when it was created; it can neither manage the team, nor create other tokens, nor sign. Whoever uses a token undertakes to:',
      secret:
        'keep it secret, like a password: in a secrets vault or the tool’s protected configuration, never in source code, an email or a shared document;',
      leastPrivilege: 'give it only the permissions the tool needs, an expiry date and, where possible, the list of allowed IP addresses;',
      revoke:
        'revoke at once a token that was exposed or is no longer needed (rotation issues a new one without interrupting the integration);',
      limits:
        'respect the request and query cost limits without trying to get around them (for example by multiplying tokens), and reach only the data of the token’s company.',
      responsibility:
        'The company answers for the use of its tokens. The tokens a member created are revoked when that member is removed from the company. The operator may suspend or revoke a token that is misused or threatens the security of the service; it informs the company’s administrators.',
    },
    use: {
      title: '4. Acceptable use',
      lawful: 'Use Guichet for your company’s needs and within the law.',
      security:
        'Do not try to reach data your access does not open, to disrupt the service, to test its security without the operator’s written consent, or to upload malicious files.',
      accuracy:
        'The information and documents you provide, in particular for formalities, must be accurate and up to date: the law requires the operator to verify its clients’ identity.',
      breach:
        'In case of a breach, the operator may suspend the access concerned; it informs the company’s administrators, beforehand except in an emergency.',
    },
    availability: {
      title: '5. Availability',
      body: 'The operator strives to keep Guichet available at all times, without guaranteeing uninterrupted availability. The service may be interrupted for maintenance, updates or incidents; planned interruptions are announced in advance where possible. Mail received during an interruption is kept and appears in the client space as soon as the service is back. For an urgent need, contact the operator at <email>{{email}}</email> or on <phone>{{phone}}</phone>.',
    },
    liability: {
      title: '6. Liability',
      operator:
        'The operator uses reasonable means to keep Guichet working and secure (an obligation of means). Its liability for the domiciliation service is governed by the domiciliation contract.',
      exclusions:
        'The operator is not liable for damage resulting from a use contrary to these terms, from a user disclosing their password or an API token, from inaccurate information provided by the client, or from an interruption due to force majeure or to a network outside its control.',
      client: 'The client answers for the accesses it opens and for the actions taken with its company’s accounts and tokens.',
    },
    data: {
      title: '7. Personal data',
      body: 'The operator processes the personal data the service needs as data controller. The <privacy>privacy notice</privacy> says which data, why, for how long, where, who sees them and how to exercise your rights.',
    },
    ownership: {
      title: '8. Ownership',
      body: 'The client’s documents remain its own. The operator grants each user a personal, non-exclusive right to use Guichet, for their company’s needs and for as long as that company is a client.',
    },
    changes: {
      title: '9. Changes to these terms',
      body: 'The operator may change these terms, in particular to follow changes in the service or in the law; the date of the last update is at the top of this page. Any significant change is announced by email to the administrators of the client companies at least 30 days before it takes effect. Using Guichet after that date means accepting it; if you do not accept the new terms, stop using Guichet (the domiciliation contract says how to end it).',
    },
    law: {
      title: '10. Applicable law',
      body: 'These terms are governed by French law. In a dispute about their interpretation or performance, the parties first seek an amicable solution; failing that, the dispute is brought before the competent French courts.',
    },
    contact: {
      title: '11. Contact',
      body: 'For any question about these terms: <email>{{email}}</email>.',
    },
  },
  privacy: {
    intro:
      'This notice explains which personal data Guichet processes, why, how long they are kept, where, who can see them, and how to exercise your rights. It concerns the members of client companies, invited people, signers, people who ask for access and the operator’s staff.',
    controller: {
      title: '1. Data controller',
      body: '{{company}}, registered with the RCS of {{city}} under number {{siren}}, whose registered office is at {{address}}, is the data controller. It runs Guichet for its client companies and their members. For any question about your data: <dpo>{{dpo}}</dpo>.',
    },
    records: {
      title: '2. What is processed, why, and who sees it',
      data: 'Data',
      whom: 'People concerned',
      why: 'Purpose (legal basis)',
      who: 'Who can see it',
      items: {
        accounts: {
          title: 'Accounts',
          data: 'First and last name, email, phone (optional), language, password hash (argon2id).',
          whom: 'Members of client companies, the operator’s staff.',
          why: 'Running the client space (performance of the contract).',
          who: 'You; your company’s administrators (name, email, access level); the operator’s staff.',
        },
        memberships: {
          title: 'Access to companies',
          data: 'Company, access level, subjects you are the contact for.',
          whom: 'Members of client companies.',
          why: 'Controlling who may reach what (performance of the contract).',
          who: 'The company’s administrators; the operator’s staff.',
        },
        sessions: {
          title: 'Sign-in sessions',
          data: 'Time, IP address, device.',
          whom: 'Members, the operator’s staff.',
          why: 'Security of the accounts (legitimate interest).',
          who: 'Nobody reads them in Guichet: they serve the sign-in checks.',
        },
        journal: {
          title: 'Activity journal',
          data: 'Who did what, when, from which IP address.',
          whom: 'Members, the operator’s staff, API tokens.',
          why: 'Accountability and security (legitimate interest); the anti-money-laundering duties of the domiciliation business.',
          who: 'The company’s administrators; the operator’s staff.',
        },
        mail: {
          title: 'Scanned mail',
          data: 'Images or PDF of the letters, sender, recipient line.',
          whom: 'The company, and the people named on the letters.',
          why: 'The domiciliation service itself (performance of the contract; article R123-168 of the French Commercial Code).',
          who: 'Members with the Mail management or Administrator access; the operator’s staff.',
        },
        invoices: {
          title: 'Invoices and payments',
          data: 'Invoices, credit notes, payments, and the buyer’s contact.',
          whom: 'The client company.',
          why: 'Accounting and tax law (legal obligation).',
          who: 'Members with the Billing or Administrator access; the operator’s staff.',
        },
        formalities: {
          title: 'Formalities',
          data: 'Answers, uploaded documents, identity documents.',
          whom: 'The company’s legal representative and its members.',
          why: 'The formality asked for (performance of the contract); identifying the client against money laundering (legal obligation, article L561-5 of the French Monetary and Financial Code).',
          who: 'Members with the Formalities management or Administrator access; the operator’s staff.',
        },
        signatures: {
          title: 'Electronic signatures',
          data: 'Signer’s name and email, evidence trail (events, IP address, device, consent text), the sealed PDF.',
          whom: 'The signer.',
          why: 'Proof of the signed act (legal obligation and legitimate interest; articles 1366 and 1367 of the French Civil Code).',
          who: 'The signer; the company’s administrators; the operator’s staff.',
        },
        emails: {
          title: 'Emails sent',
          data: 'Address, subject, content.',
          whom: 'The recipients.',
          why: 'Sending the notifications, and being able to prove what was sent.',
          who: 'Nobody in Guichet; only the technical administrators of the database.',
        },
        requests: {
          title: 'Public requests',
          data: 'Password-reset requests and access requests: email, name, IP address.',
          whom: 'The person making the request.',
          why: 'Carrying them out; limiting abuse (legitimate interest).',
          who: 'The administrators of the company concerned (access requests); nobody else.',
        },
      },
      noSale: 'Your data are neither sold nor used for advertising.',
    },
    retention: {
      title: '3. How long data are kept',
      intro:
        'An automatic process deletes, every day, what has passed its retention period. The periods follow French law and the CNIL’s guidance.',
      what: 'Data',
      howLong: 'Period',
      items: {
        sessions: {
          what: 'Sessions (IP address and device of a sign-in)',
          howLong_zero: 'deleted as soon as they end',
          howLong_one: '{{count}} day after they end',
          howLong_other: '{{count}} days after they end',
          why: 'Time to look into a suspicious sign-in reported late.',
        },
        resetLinks: {
          what: 'Password-reset links',
          howLong_zero: 'deleted as soon as they expire or are used',
          howLong_one: '{{count}} day after they expire or are used',
          howLong_other: '{{count}} days after they expire or are used',
          why: 'Enough to answer an “I did not ask for this”.',
        },
        journalIp: {
          what: 'IP addresses in the activity journal',
          howLong_one: '{{count}} month (the entry stays, without its IP address)',
          howLong_other: '{{count}} months (the entry stays, without its IP address)',
          why: 'The CNIL’s recommendation on logs; the entries stay as the company’s record of who did what.',
        },
        sentEmails: {
          what: 'Emails sent, with their content',
          howLong_one: '{{count}} day after sending',
          howLong_other: '{{count}} days after sending',
          why: 'Enough to answer an “I never got the email”; the links inside have long expired.',
        },
        failedRequests: {
          what: 'Public requests whose processing failed for good',
          howLong_one: '{{count}} day',
          howLong_other: '{{count}} days',
          why: 'Only useful to understand the failure.',
        },
        accessRequests: {
          what: 'Access requests, once approved or refused',
          howLong_one: '{{count}} month after the decision',
          howLong_other: '{{count}} months after the decision',
          why: 'Time for the administrators to see who asked; after that, the name and email of someone who never joined serve no purpose.',
        },
        invoices: {
          what: 'Invoices and credit notes',
          howLong: '10 years from the end of the financial year',
          why: 'Article L123-22 of the French Commercial Code.',
        },
        signatures: {
          what: 'Signature evidence and sealed PDFs',
          howLong: 'the life of the signed act, then 5 years',
          why: 'The limitation period of civil actions (article 2224 of the French Civil Code).',
        },
        identity: {
          what: 'Identity documents and the client’s due-diligence file',
          howLong: '5 years after the end of the business relationship',
          why: 'Article L561-12 of the French Monetary and Financial Code.',
        },
        scans: {
          what: 'Scanned mail',
          howLong: 'as the domiciliation contract says, after it ends',
          why: 'The domiciliation contract.',
        },
      },
      pending:
        'Scanned mail, identity documents and formality files are deleted only once the company’s contract has ended: while it is a client, they are kept, which the law allows.',
    },
    location: {
      title: '4. Where the data are',
      body: 'In the service’s database and file storage, at the hosting provider named in the <notice>legal notice</notice>, in the European Union. Backups follow the same retention periods as their source, plus their rotation period. The hosting provider and the email delivery provider act as the operator’s processors.',
    },
    neverStored: {
      title: '5. What is never stored',
      body: 'Neither your password in clear (only an argon2id hash), nor API and session tokens in clear (only their SHA-256 hash), nor signature codes in clear (only an HMAC). The technical logs hold no secret, token, password, cookie or signed link.',
    },
    cookies: {
      title: '6. Cookies',
      body: 'A single cookie, strictly necessary: the session cookie, which keeps you signed in. The language you choose is kept in your browser’s local storage. No audience measurement or advertising tracker.',
    },
    rights: {
      title: '7. Your rights',
      list: 'You have the following rights over your data:',
      access: 'access: to know which data about you are processed, and to get a copy;',
      rectification: 'rectification: to have inaccurate or incomplete data corrected;',
      erasure: 'erasure: to have your data deleted, except those the law requires to keep;',
      restriction: 'restriction: to have the use of your data frozen while a dispute is looked into;',
      portability:
        'portability: to receive the data you provided in a common, machine-readable format, or to have them sent to another provider;',
      objection: 'objection: to object, on grounds relating to your situation, to processing based on legitimate interest;',
      postMortem: 'to set out instructions about what becomes of your data after your death.',
      how: 'To exercise them, write to <dpo>{{dpo}}</dpo>, preferably from your account’s address. We answer within one month, which may be extended by two months for a complex request; if we have a doubt about your identity, we may ask you to prove it.',
      limits:
        'The data the law requires to keep (invoices, signature evidence, identity documents) cannot be erased before the end of their legal period: they are then kept for no other use.',
      complaint:
        'If, after contacting us, you consider that your rights are not respected, you may lodge a complaint with the CNIL (Commission nationale de l’informatique et des libertés, the French data protection authority), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France, <cnil>www.cnil.fr</cnil>.',
    },
  },
};
