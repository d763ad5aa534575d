import { loadEnv } from '../env';

const SECRET = 'k'.repeat(43);

describe('configuration: process role and secrets', () => {
  it('runs everything by default; PROCESS_ROLE chooses api or worker, and nothing else', () => {
    expect(loadEnv({}).PROCESS_ROLE).toBe('all');
    expect(loadEnv({ PROCESS_ROLE: 'api' }).PROCESS_ROLE).toBe('api');
    expect(loadEnv({ PROCESS_ROLE: 'worker' }).PROCESS_ROLE).toBe('worker');
    expect(() => loadEnv({ PROCESS_ROLE: 'workers' })).toThrow(/PROCESS_ROLE: PROCESS_ROLE must be all, api or worker/);
  });

  it('refuses to start in production without FILE_URL_SECRET, naming it', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/Invalid configuration:\n {2}FILE_URL_SECRET: required in production/);
    expect(() => loadEnv({ NODE_ENV: 'production', FILE_URL_SECRET: 'short' })).toThrow(
      /FILE_URL_SECRET: FILE_URL_SECRET must be at least 32 characters/,
    );
    expect(loadEnv({ NODE_ENV: 'production', FILE_URL_SECRET: SECRET }).fileUrlSecret).toBe(SECRET);
  });

  it('makes a random key at each start in development and tests, as before', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const one = loadEnv({ NODE_ENV }).fileUrlSecret;
      const other = loadEnv({ NODE_ENV }).fileUrlSecret;
      expect(one).toMatch(/^[\w-]{43}$/);
      expect(other).not.toBe(one);
      expect(loadEnv({ NODE_ENV, FILE_URL_SECRET: SECRET }).fileUrlSecret).toBe(SECRET);
    }
  });

  it('waits 10 minutes for another instance’s migrations unless told otherwise', () => {
    expect(loadEnv({}).MIGRATION_LOCK_TIMEOUT_SECONDS).toBe(600);
    expect(loadEnv({ MIGRATION_LOCK_TIMEOUT_SECONDS: '30' }).MIGRATION_LOCK_TIMEOUT_SECONDS).toBe(30);
    expect(() => loadEnv({ MIGRATION_LOCK_TIMEOUT_SECONDS: '0' })).toThrow(/MIGRATION_LOCK_TIMEOUT_SECONDS/);
  });
});

describe('configuration: file storage', () => {
  const S3 = { FILE_STORAGE: 's3', S3_BUCKET: 'guichet-files' };

  it('keeps files in FILES_DIR (default DATA_DIR/files) unless FILE_STORAGE=s3', () => {
    expect(loadEnv({ DATA_DIR: '/srv/guichet' }).fileStorage).toEqual({ kind: 'local', dir: '/srv/guichet/files' });
    expect(loadEnv({ FILE_STORAGE: 'local', FILES_DIR: '/mnt/files', S3_BUCKET: 'ignored' }).fileStorage).toEqual({
      kind: 'local',
      dir: '/mnt/files',
    });
    expect(() => loadEnv({ FILE_STORAGE: 'S3' })).toThrow(/FILE_STORAGE: FILE_STORAGE must be local or s3/);
  });

  it('refuses to start on S3 without S3_BUCKET, naming it', () => {
    expect(() => loadEnv({ FILE_STORAGE: 's3' })).toThrow(
      /^Invalid configuration:\n {2}S3_BUCKET: required with FILE_STORAGE=s3 \(the bucket the files are stored in\)$/,
    );
    expect(() => loadEnv({ FILE_STORAGE: 's3', S3_BUCKET: '' })).toThrow(/S3_BUCKET: required with FILE_STORAGE=s3/);
    expect(() => loadEnv({ FILE_STORAGE: 's3', S3_BUCKET: 'Guichet_Files' })).toThrow(
      /S3_BUCKET: S3_BUCKET: 3 to 63 lower-case letters, digits, dots and hyphens/,
    );
  });

  it('has AWS defaults: region us-east-1, virtual-hosted style, SDK credentials, checksums when supported, 30 s, 3 attempts', () => {
    expect(loadEnv(S3).fileStorage).toEqual({
      kind: 's3',
      bucket: 'guichet-files',
      region: 'us-east-1',
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
      prefix: '',
      checksums: 'when_supported',
      requestTimeoutMs: 30_000,
      maxAttempts: 3,
    });
  });

  it('reads every S3 setting for an S3-compatible server', () => {
    expect(
      loadEnv({
        ...S3,
        S3_REGION: 'fr-par',
        S3_ENDPOINT: 'https://s3.fr-par.scw.cloud/',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'SCWXXXXXXXXXXXXXXXXX',
        S3_SECRET_ACCESS_KEY: 'secret-key',
        S3_PREFIX: 'guichet/production/',
        S3_CHECKSUMS: 'when_required',
        S3_REQUEST_TIMEOUT_MS: '5000',
        S3_MAX_ATTEMPTS: '5',
      }).fileStorage,
    ).toEqual({
      kind: 's3',
      bucket: 'guichet-files',
      region: 'fr-par',
      endpoint: 'https://s3.fr-par.scw.cloud',
      forcePathStyle: true,
      credentials: { accessKeyId: 'SCWXXXXXXXXXXXXXXXXX', secretAccessKey: 'secret-key' },
      prefix: 'guichet/production/',
      checksums: 'when_required',
      requestTimeoutMs: 5000,
      maxAttempts: 5,
    });
    // Empty values are as good as absent.
    expect(loadEnv({ ...S3, S3_ENDPOINT: '', S3_PREFIX: '', S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '' }).fileStorage).toMatchObject({
      endpoint: undefined,
      prefix: '',
      credentials: undefined,
    });
  });

  it('refuses malformed S3 settings with a message naming each', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ S3_ENDPOINT: 's3.fr-par.scw.cloud' }, /S3_ENDPOINT: S3_ENDPOINT must be http\(s\):\/\/host\[:port\], without a path/],
      [{ S3_ENDPOINT: 'https://s3.example.com/bucket' }, /S3_ENDPOINT: S3_ENDPOINT must be/],
      [{ S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE: S3_FORCE_PATH_STYLE must be true or false/],
      [{ S3_CHECKSUMS: 'never' }, /S3_CHECKSUMS: S3_CHECKSUMS must be when_supported or when_required/],
      [{ S3_PREFIX: '../other' }, /S3_PREFIX: S3_PREFIX: segments of letters/],
      [{ S3_PREFIX: 'a//b' }, /S3_PREFIX: S3_PREFIX: segments of letters/],
      [{ S3_REGION: 'EU West' }, /S3_REGION: S3_REGION: e\.g\. eu-west-3 or fr-par/],
      [{ S3_REQUEST_TIMEOUT_MS: '10' }, /S3_REQUEST_TIMEOUT_MS/],
      [{ S3_REQUEST_TIMEOUT_MS: 'soon' }, /S3_REQUEST_TIMEOUT_MS/],
      [{ S3_MAX_ATTEMPTS: '0' }, /S3_MAX_ATTEMPTS/],
      [{ S3_ACCESS_KEY_ID: 'AKIA' }, /S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither/],
      [{ S3_SECRET_ACCESS_KEY: 'secret' }, /S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither/],
    ];
    for (const [settings, message] of cases) expect(() => loadEnv({ ...S3, ...settings })).toThrow(message);
  });
});

describe('configuration: legal notice', () => {
  it('has the demo operator’s publication director, contacts, approval and host by default', () => {
    expect(loadEnv({}).legal).toEqual({
      publicationDirector: 'Claire Fontaine',
      contactEmail: 'contact@domicile-pro.fr',
      contactPhone: '+33 1 99 00 12 34',
      dpoEmail: 'dpo@domicile-pro.fr',
      domiciliationApproval: '2021-00420',
      host: { name: 'Exemple Hébergement SAS', address: '12 rue de l’Exemple, 69002 Lyon, France', phone: '+33 1 99 00 56 78' },
    });
  });

  it('reads every LEGAL_* setting, trimmed, phones in international form whatever the way they are written', () => {
    expect(
      loadEnv({
        LEGAL_PUBLICATION_DIRECTOR: '  Marc Durand, directeur général ',
        LEGAL_CONTACT_EMAIL: 'bonjour@exemple-domiciliation.fr',
        LEGAL_CONTACT_PHONE: '04 72 00 00 00',
        LEGAL_DPO_EMAIL: 'rgpd@exemple-domiciliation.fr',
        LEGAL_DOMICILIATION_APPROVAL: ' 69-2019-117 ',
        LEGAL_HOST_NAME: 'OVH SAS',
        LEGAL_HOST_ADDRESS: '2 rue Kellermann, 59100 Roubaix, France',
        LEGAL_HOST_PHONE: '+33 9 72 10 10 07',
      }).legal,
    ).toEqual({
      publicationDirector: 'Marc Durand, directeur général',
      contactEmail: 'bonjour@exemple-domiciliation.fr',
      contactPhone: '+33 4 72 00 00 00',
      dpoEmail: 'rgpd@exemple-domiciliation.fr',
      domiciliationApproval: '69-2019-117',
      host: { name: 'OVH SAS', address: '2 rue Kellermann, 59100 Roubaix, France', phone: '+33 9 72 10 10 07' },
    });
  });

  it('refuses empty, malformed or overlong LEGAL_* settings with a message naming each', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ LEGAL_PUBLICATION_DIRECTOR: '   ' }, /LEGAL_PUBLICATION_DIRECTOR: /],
      [{ LEGAL_PUBLICATION_DIRECTOR: 'x'.repeat(201) }, /LEGAL_PUBLICATION_DIRECTOR: /],
      [{ LEGAL_CONTACT_EMAIL: 'contact' }, /LEGAL_CONTACT_EMAIL: LEGAL_CONTACT_EMAIL: an email address/],
      [{ LEGAL_DPO_EMAIL: 'dpo@' }, /LEGAL_DPO_EMAIL: LEGAL_DPO_EMAIL: an email address/],
      [{ LEGAL_CONTACT_PHONE: '12' }, /LEGAL_CONTACT_PHONE: LEGAL_CONTACT_PHONE: a phone number, e\.g\. 01 99 00 12 34/],
      [{ LEGAL_CONTACT_PHONE: '' }, /LEGAL_CONTACT_PHONE: LEGAL_CONTACT_PHONE: a phone number/],
      [{ LEGAL_HOST_PHONE: 'call us' }, /LEGAL_HOST_PHONE: LEGAL_HOST_PHONE: a phone number/],
      [{ LEGAL_DOMICILIATION_APPROVAL: '' }, /LEGAL_DOMICILIATION_APPROVAL: /],
      [{ LEGAL_HOST_NAME: '' }, /LEGAL_HOST_NAME: /],
      [{ LEGAL_HOST_ADDRESS: 'x'.repeat(301) }, /LEGAL_HOST_ADDRESS: /],
    ];
    for (const [settings, message] of cases) expect(() => loadEnv(settings)).toThrow(message);
  });
});
