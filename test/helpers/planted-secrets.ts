/**
 * The planted-secret corpus: for every secret kind of the redactor, random values of the kind's shape planted
 * in the places incident material holds them (log lines, probe output, env/YAML/JSON/INI/nginx files,
 * Kubernetes manifests, command lines, unified diffs). Shared by the redaction tests and the trajectory
 * store's end-to-end secret scan: after redaction, no `value` (nor any 8-character piece of it) may remain.
 */
import { ALPHA, draw, drawMixed, pemLines, randomBase64, randomJwt, randomPassword, randomUuid, seeded, type Rng } from './planted-secret-shapes';

/** One planted secret: its kind id, the value as it is written in `context`, and the text holding it. */
export interface PlantedSecret {
  kind: string;
  value: string;
  context: string;
}

/** A context: the text holding `v`; or the text and `v` as written there (PEM bodies, indented blocks). */
type Context = (v: string, r: Rng) => string | [text: string, written: string];

/** How to make values of one kind and where to plant them. */
export interface Planter {
  kind: string;
  make: (r: Rng) => string;
  contexts: readonly Context[];
}

const TS = '2024-05-14T09:12:44.318Z';
const pem = (label: string, first = 'MII', bytes = 600): Planter => ({
  kind: label.startsWith('RSA') ? 'rsa-private-key' : label.startsWith('EC') ? 'ec-private-key' : label.startsWith('OPENSSH') ? 'openssh-private-key' : label.startsWith('PGP') ? 'pgp-private-key' : 'private-key',
  make: (r) => pemLines(r, bytes, first).join('\n'),
  contexts: [
    (v) => [`-----BEGIN ${label}-----\n${v}\n-----END ${label}-----\n`, v],
    (v) => {
      const written = v.split('\n').join('\n+');
      return [`diff --git a/deploy/tls.pem b/deploy/tls.pem\n--- a/deploy/tls.pem\n+++ b/deploy/tls.pem\n@@ -0,0 +1,30 @@\n+-----BEGIN ${label}-----\n+${written}\n+-----END ${label}-----\n`, written];
    },
    (v) => {
      const written = v.split('\n').join('\n    ');
      return [`tls:\n  key: |\n    -----BEGIN ${label}-----\n    ${written}\n    -----END ${label}-----\n  cert: /etc/tls/tls.crt\n`, written];
    },
  ],
});
const secretManifest = (v: string): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\n  namespace: shop\ntype: Opaque\ndata:\n  username: b3JkZXJz\n  password: ${v}\n`;

/** Every planter: one per secret kind, two or more contexts each. */
export const PLANTERS: readonly Planter[] = [
  { kind: 'github-token', make: (r) => `gh${'pousr'[Math.floor(r() * 5)]}_${draw(r, ALPHA.alnum, 36)}`, contexts: [(v) => `GITHUB_TOKEN=${v}`, (v) => `$ git clone https://x-access-token:${v}@github.com/acme/shop.git`, (v) => `{"auth":{"github":{"token":"${v}"}}}`] },
  { kind: 'github-token', make: (r) => `github_pat_${draw(r, ALPHA.alnum, 22)}_${draw(r, ALPHA.alnum, 59)}`, contexts: [(v) => `  GH_TOKEN: ${v}`, (v) => `${TS} INFO ci: using token ${v} for api.github.com`] },
  { kind: 'gitlab-token', make: (r) => `glpat-${draw(r, ALPHA.base64url, 20)}`, contexts: [(v) => `curl --header "PRIVATE-TOKEN: ${v}" https://gitlab.example.com/api/v4/projects`, (v) => `gitlab:\n  url: https://gitlab.example.com\n  registration: ${v}\n`] },
  { kind: 'npm-token', make: (r) => `npm_${draw(r, ALPHA.alnum, 36)}`, contexts: [(v) => `//registry.npmjs.org/:_authToken=${v}`, (v) => `npm notice publishing with ${v} (automation)`] },
  { kind: 'pypi-token', make: (r) => `pypi-AgEIcHlwaS5vcmc${draw(r, ALPHA.base64url, 70)}`, contexts: [(v) => `[pypi]\nusername = __token__\npassword = ${v}\n`, (v) => `twine upload dist/* -u __token__ -p ${v}`] },
  { kind: 'docker-hub-pat', make: (r) => `dckr_pat_${draw(r, ALPHA.base64url, 27)}`, contexts: [(v) => `echo ${v} | docker login -u acme --password-stdin`, (v) => `DOCKERHUB_PAT=${v}`] },
  { kind: 'huggingface-token', make: (r) => `hf_${drawMixed(r, ALPHA.alnum, 34)}`, contexts: [(v) => `HF_TOKEN=${v}`, (v) => `$ huggingface-cli login --token ${v} --add-to-git-credential`] },
  { kind: 'terraform-cloud-token', make: (r) => `${draw(r, ALPHA.alnum, 14)}.atlasv1.${draw(r, ALPHA.base64url, 67)}`, contexts: [(v) => `credentials "app.terraform.io" {\n  token = "${v}"\n}\n`, (v) => `TF_TOKEN_app_terraform_io=${v} terraform plan`] },
  { kind: 'vault-token', make: (r) => `hvs.${draw(r, ALPHA.base64url, 90)}`, contexts: [(v) => `export VAULT_TOKEN=${v}`, (v) => `${TS} vault request: X-Vault-Token: ${v}`] },
  { kind: 'vault-token', make: (r) => `s.${drawMixed(r, ALPHA.alnum, 24)}`, contexts: [(v) => `vault login ${v}`, (v) => `level=debug msg="renewed lease" client=${v}`] },
  { kind: 'heroku-api-key', make: randomUuid, contexts: [(v) => `HEROKU_API_KEY=${v}`, (v) => `deploy:\n  heroku_api_key: "${v}"\n`] },
  { kind: 'slack-token', make: (r) => `xoxb-${draw(r, '0123456789', 12)}-${draw(r, '0123456789', 13)}-${draw(r, ALPHA.alnum, 24)}`, contexts: [(v) => `SLACK_BOT_TOKEN=${v}`, (v) => `${TS} WARN notifier: slack post failed channel=#ops using ${v}`] },
  { kind: 'slack-webhook', make: (r) => `T${draw(r, ALPHA.upperDigits, 8)}/B${draw(r, ALPHA.upperDigits, 10)}/${draw(r, ALPHA.alnum, 24)}`, contexts: [(v) => `ALERT_WEBHOOK=https://hooks.slack.com/services/${v}`, (v) => `{"receivers":[{"slack_configs":[{"api_url":"https://hooks.slack.com/services/${v}"}]}]}`] },
  { kind: 'stripe-key', make: (r) => `${['sk_live_', 'rk_live_', 'sk_test_'][Math.floor(r() * 3)]}${drawMixed(r, ALPHA.alnum, 24)}`, contexts: [(v) => `STRIPE_KEY=${v}`, (v) => `${TS} ERROR payments: stripe request failed key=${v} status=401`] },
  { kind: 'twilio-api-key', make: (r) => `SK${draw(r, ALPHA.hex, 32)}`, contexts: [(v) => `sms:\n  api_key_sid: ${v}\n`, (v) => `twilio api:core:messages:create --api-key ${v}`] },
  { kind: 'twilio-auth-token', make: (r) => draw(r, ALPHA.hex, 32), contexts: [(v) => `TWILIO_AUTH_TOKEN=${v}`, (v) => `curl -X POST https://api.twilio.com/2010-04-01/Accounts -u AC0123456789abcdef0123456789abcdef:${v}`] },
  { kind: 'twilio-account-sid', make: (r) => `AC${draw(r, ALPHA.hex, 32)}`, contexts: [(v) => `TWILIO_ACCOUNT_SID=${v}`, (v) => `${TS} INFO twilio client ready account=${v}`] },
  { kind: 'sendgrid-api-key', make: (r) => `SG.${draw(r, ALPHA.base64url, 22)}.${draw(r, ALPHA.base64url, 43)}`, contexts: [(v) => `SENDGRID_API_KEY=${v}`, (v) => `> Authorization: Bearer ${v}`] },
  { kind: 'mailgun-api-key', make: (r) => `key-${draw(r, ALPHA.hex, 32)}`, contexts: [(v) => `MAILGUN_KEY=${v}`, (v) => `curl -s --user 'api:${v}' https://api.mailgun.net/v3/mg.example.com/messages`] },
  { kind: 'google-oauth-client-secret', make: (r) => `GOCSPX-${draw(r, ALPHA.base64url, 28)}`, contexts: [(v) => `{"web":{"client_id":"123-abc.apps.googleusercontent.com","client_secret":"${v}"}}`, (v) => `GOOGLE_CLIENT_SECRET=${v}`] },
  { kind: 'anthropic-api-key', make: (r) => `sk-ant-api03-${draw(r, ALPHA.base64url, 93)}AA`, contexts: [(v) => `ANTHROPIC_API_KEY=${v}`, (v) => `-H "x-api-key: ${v}" -H "anthropic-version: 2023-06-01"`] },
  { kind: 'openai-api-key', make: (r) => `sk-proj-${drawMixed(r, ALPHA.alnum, 48)}`, contexts: [(v) => `OPENAI_API_KEY="${v}"`, (v) => `> Authorization: Bearer ${v}`] },
  { kind: 'datadog-api-key', make: (r) => draw(r, ALPHA.hex, 32), contexts: [(v) => `DD_API_KEY=${v}`, (v) => `curl -X POST "https://api.datadoghq.com/api/v2/series" -H "DD-API-KEY: ${v}"`] },
  { kind: 'datadog-app-key', make: (r) => draw(r, ALPHA.hex, 40), contexts: [(v) => `DD_APP_KEY=${v}`, (v) => `{"headers":{"DD-APPLICATION-KEY":"${v}"}}`] },
  { kind: 'shopify-token', make: (r) => `shp${['at', 'ss', 'ca'][Math.floor(r() * 3)]}_${draw(r, ALPHA.hex, 32)}`, contexts: [(v) => `X-Shopify-Access-Token: ${v}`, (v) => `SHOPIFY_ADMIN=${v}`] },
  { kind: 'square-token', make: (r) => `EAAA${draw(r, ALPHA.base64url, 60)}`, contexts: [(v) => `SQUARE_ACCESS_TOKEN=${v}`, (v) => `${TS} square: GET /v2/locations auth=${v}`] },
  { kind: 'aws-access-key-id', make: (r) => `${['AKIA', 'ASIA'][Math.floor(r() * 2)]}${draw(r, ALPHA.upperDigits, 16)}`, contexts: [(v) => `AWS_ACCESS_KEY_ID=${v}`, (v) => `[default]\naws_access_key_id = ${v}\nregion = eu-west-1\n`] },
  { kind: 'aws-secret-key', make: (r) => drawMixed(r, ALPHA.base64, 40), contexts: [(v) => `AWS_SECRET_ACCESS_KEY=${v}`, (v) => `[default]\naws_secret_access_key = ${v}\n`, (v) => `{"Credentials":{"AccessKeyId":"ASIAXXXX","SecretAccessKey":"${v}","Expiration":"${TS}"}}`] },
  { kind: 'aws-session-token', make: (r) => `IQoJb3JpZ2luX2Vj${drawMixed(r, ALPHA.base64, 300)}`, contexts: [(v) => `export AWS_SESSION_TOKEN="${v}"`, (v) => `{"Credentials":{"SessionToken":"${v}"}}`] },
  { kind: 'url-signature', make: (r) => draw(r, ALPHA.hex, 64), contexts: [(v) => `GET https://acme.s3.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-Signature=${v} 403`, (v) => `https://storage.googleapis.com/acme/x.tgz?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=${v}`] },
  { kind: 'gcp-api-key', make: (r) => `AIza${draw(r, ALPHA.base64url, 35)}`, contexts: [(v) => `GET https://maps.googleapis.com/maps/api/geocode/json?address=Main+St&key=${v} 200`, (v) => `GOOGLE_MAPS=${v}`] },
  { kind: 'google-oauth-token', make: (r) => `ya29.${draw(r, ALPHA.base64url, 120)}`, contexts: [(v) => `> Authorization: Bearer ${v}`, (v) => `gcloud auth print-access-token\n${v}\n`] },
  { kind: 'azure-storage-key', make: (r) => randomBase64(r, 64), contexts: [(v) => `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${v};EndpointSuffix=core.windows.net`, (v) => `AZURE_STORAGE_KEY="${v}"`] },
  { kind: 'azure-shared-access-key', make: (r) => randomBase64(r, 32), contexts: [(v) => `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${v}`, (v) => `{"iothub":{"SharedAccessKey":"${v}"}}`] },
  { kind: 'sas-signature', make: (r) => encodeURIComponent(randomBase64(r, 32)), contexts: [(v) => `PUT https://acme.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=rw&se=2024-06-01T00:00:00Z&spr=https&sig=${v} 403`, (v) => `BACKUP_SAS="sv=2022-11-02&sr=c&sp=rl&sig=${v}"`] },
  { kind: 'digitalocean-token', make: (r) => `dop_v1_${draw(r, ALPHA.hex, 64)}`, contexts: [(v) => `DIGITALOCEAN_ACCESS_TOKEN=${v}`, (v) => `doctl auth init --access-token ${v}`] },
  {
    kind: 'gcp-private-key',
    make: (r) => pemLines(r, 900, 'MIIE').join('\\n'),
    contexts: [
      (v) => `{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "4f1c2d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${v}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "svc@acme-prod.iam.gserviceaccount.com"\n}\n`,
      (v) => `${TS} DEBUG loaded credentials {"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\n${v}\\n-----END PRIVATE KEY-----\\n"}`,
    ],
  },
  pem('RSA PRIVATE KEY'),
  pem('EC PRIVATE KEY', 'MHc', 120),
  pem('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjE', 400),
  pem('PGP PRIVATE KEY BLOCK', 'lQOYBF', 700),
  pem('PRIVATE KEY'),
  pem('ENCRYPTED PRIVATE KEY'),
  {
    kind: 'kubernetes-secret',
    make: (r) => Buffer.from(randomPassword(r)).toString('base64'),
    contexts: [
      secretManifest,
      (v) => `$ kubectl get secret orders-db -o yaml\napiVersion: v1\ndata:\n  password: ${v}\n  username: b3JkZXJz\nkind: Secret\nmetadata:\n  name: orders-db\ntype: Opaque\n`,
      (v) => `diff --git a/k8s/secret.yaml b/k8s/secret.yaml\n--- a/k8s/secret.yaml\n+++ b/k8s/secret.yaml\n@@ -5,3 +5,3 @@\n kind: Secret\n data:\n-  token: b2xkLXZhbHVl\n+  token: ${v}\n`,
      (v) => `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"api"},"data":{"api.token":"${v}","mode":"cHJvZA=="}}`,
    ],
  },
  { kind: 'bearer-token', make: (r) => drawMixed(r, ALPHA.base64url, 40), contexts: [(v) => `> Authorization: Bearer ${v}`, (v) => `proxy_set_header Authorization "Bearer ${v}";`] },
  {
    kind: 'basic-auth',
    make: (r) => Buffer.from(`deploy:${randomPassword(r)}`).toString('base64'),
    contexts: [(v) => `  Authorization: Basic ${v}`, (v) => `{"auths":{"registry.example.com":{"auth":"${v}"}}}`, (v) => `proxy_set_header Authorization "Basic ${v}";`],
  },
  { kind: 'jwt', make: randomJwt, contexts: [(v) => `${TS} INFO auth: issued id_token=${v} user=42`, (v) => `GET /api/orders?jwt=${v} HTTP/1.1`] },
  { kind: 'cookie', make: (r) => draw(r, ALPHA.alnum, 32), contexts: [(v) => `> Cookie: sessionid=${v}; theme=dark`, (v) => `< Set-Cookie: JSESSIONID=${v}; Path=/; Secure; HttpOnly`] },
  {
    kind: 'password',
    make: randomPassword,
    contexts: [
      (v) => `DATABASE_URL=postgres://orders:${v}@db.shop.svc:5432/orders?sslmode=require`,
      (v) => `spring.datasource.url=jdbc:mysql://db:3306/shop?user=app&password=${v}&useSSL=false`,
      (v) => `${TS} FATAL could not connect: host=db port=5432 user=app password=${v} dbname=orders`,
      (v) => `DB_PASSWORD=${v}`,
      (v) => `database:\n  host: db\n  password: ${v}\n`,
      (v) => `{"db":{"user":"app","password":"${v}"}}`,
      (v) => `[client]\nuser = app\npassword = ${v}\n`,
      (v) => `level=error msg="login failed" user=bob password=${v} attempt=3`,
      (v) => `$ ./migrate --host db --password ${v} --dry-run`,
      (v) => `$ mysql -h db -u root -p${v} shop`,
      (v) => `$ redis-cli -h cache -p 6379 -a ${v} INFO memory`,
      (v) => `# redis.conf\nbind 0.0.0.0\nrequirepass ${v}\n`,
      (v) => `env:\n  - name: DB_PASSWORD\n    value: "${v}"\n`,
      (v) => `--- a/.env\n+++ b/.env\n@@ -1,2 +1,2 @@\n DB_USER=app\n-DB_PASSWORD=changeme\n+DB_PASSWORD=${v}\n`,
      (v) => `ENV MYSQL_ROOT_PASSWORD ${v}`,
      (v) => `machine api.example.com login deploy password ${v}`,
      (v) => `Server=db;Database=shop;User Id=sa;Password=${v};`,
    ],
  },
  { kind: 'client-secret', make: (r) => drawMixed(r, ALPHA.base64url, 40), contexts: [(v) => `POST /oauth/token grant_type=client_credentials&client_id=orders&client_secret=${v}`, (v) => `oidc:\n  clientSecret: ${v}\n`] },
  { kind: 'secret', make: (r) => drawMixed(r, ALPHA.alnum, 48), contexts: [(v) => `JWT_SECRET=${v}`, (v) => `app:\n  secret_key: "${v}"\n`, (v) => `<webhookSecret>${v}</webhookSecret>`] },
  { kind: 'token', make: (r) => drawMixed(r, ALPHA.alnum, 32), contexts: [(v) => `${TS} DEBUG oauth response access_token=${v}&expires_in=3600`, (v) => `{"refresh_token": "${v}"}`, (v) => `> X-Auth-Token: ${v}`] },
  { kind: 'api-key', make: (r) => drawMixed(r, ALPHA.alnum, 32), contexts: [(v) => `api_key: ${v}`, (v) => `> X-API-Key: ${v}`, (v) => `GET /v1/quotes?apikey=${v} 200 12ms`] },
  { kind: 'high-entropy', make: (r) => drawMixed(r, ALPHA.base64url, 40), contexts: [(v) => `signing:\n  key: ${v}\n`, (v) => `level=info msg="webhook verified" x-hub-signature=${v}`, (v) => `CREDENTIALS=${v}`] },
];

/** Renders planter `p`'s context `c` with a fresh value from `r`. */
export function plant(p: Planter, c: number, r: Rng): PlantedSecret {
  const value = p.make(r);
  const out = p.contexts[c]!(value, r);
  return typeof out === 'string' ? { kind: p.kind, value, context: out } : { kind: p.kind, value: out[1], context: out[0] };
}

/** The corpus: every context of every planter, each with a fresh random value (same corpus for the same seed). */
export function plantedSecrets(seed = 20240514): PlantedSecret[] {
  const r = seeded(seed);
  return PLANTERS.flatMap((p) => p.contexts.map((_, c) => plant(p, c, r)));
}
