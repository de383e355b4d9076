/**
 * Secret kinds of the cloud providers: AWS, Google Cloud, Azure and DigitalOcean. Keys with a fixed prefix are
 * found by shape anywhere; keys without one (the AWS secret access key, an Azure account key) are found by the
 * name they are assigned to.
 */
import { assignedKind, assignedSpans } from './assignments';
import { regexKind, regexSpans, type SecretKind, type Span } from './secret-kind';

/** AWS access key ids: a four-letter kind prefix and 16 upper-case letters or digits. */
export const awsAccessKeyId = regexKind(
  'aws-access-key-id',
  'AWS access key id (AKIA..., ASIA... and the other IAM prefixes, 20 characters).',
  /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Za-z0-9])/dg,
);

/** AWS secret access keys, by name: `AWS_SECRET_ACCESS_KEY=`, `aws_secret_access_key =`, `"SecretAccessKey":`. */
export const awsSecretKey = assignedKind('aws-secret-key', 'AWS secret access key, the value of a name such as AWS_SECRET_ACCESS_KEY or SecretAccessKey.');

const AMZ_TOKEN_PARAM = /[?&]X-Amz-Security-Token=([A-Za-z0-9%+/=_-]{16,})/dg;

/** AWS session tokens, by name (`AWS_SESSION_TOKEN`, `"SessionToken":`, `x-amz-security-token:`) or URL parameter. */
export const awsSessionToken: SecretKind = {
  id: 'aws-session-token',
  description: 'AWS temporary session token: AWS_SESSION_TOKEN, SessionToken, x-amz-security-token, or X-Amz-Security-Token= in a presigned URL.',
  detect: (text) => {
    const out: Span[] = assignedSpans(text, 'aws-session-token');
    if (text.includes('X-Amz-Security-Token=')) out.push(...regexSpans(text, AMZ_TOKEN_PARAM, 1));
    return out;
  },
};

/** Signatures of presigned URLs (AWS SigV4, Google Cloud Storage). */
export const urlSignature = regexKind(
  'url-signature',
  'Signature of a presigned URL: X-Amz-Signature=, X-Goog-Signature= or Signature= query parameters.',
  /[?&](?:X-Amz-Signature|X-Goog-Signature|Signature)=([A-Za-z0-9%+/=_-]{16,})/dg,
  1,
);

/** Google API keys: `AIza` and 35 base64url characters. */
export const gcpApiKey = regexKind('gcp-api-key', 'Google Cloud API key (AIza followed by 35 characters).', /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/dg);

/** Google OAuth access tokens: `ya29.` and a long base64url tail. */
export const googleOauthToken = regexKind('google-oauth-token', 'Google OAuth 2.0 access token (ya29. followed by a long token).', /(?<![\w.-])ya29\.[0-9A-Za-z_-]{20,}/dg);

/** Azure storage account keys: `AccountKey=` in a connection string, or an `AZURE_STORAGE_KEY`-like name. */
export const azureStorageKey = assignedKind('azure-storage-key', 'Azure storage account key: AccountKey= in a connection string or a name such as AZURE_STORAGE_ACCOUNT_KEY.');

/** Azure Service Bus / Event Hubs / IoT Hub shared access keys: `SharedAccessKey=`. */
export const azureSharedAccessKey = assignedKind('azure-shared-access-key', 'Azure Service Bus, Event Hubs or IoT Hub shared access key (SharedAccessKey= in a connection string).');

/** Azure SAS token signatures: the `sig=` parameter of a shared access signature. */
export const sasSignature = regexKind(
  'sas-signature',
  'Signature of an Azure shared access signature (sig= in a SAS URL or token).',
  /(?<![\w-])sig=([A-Za-z0-9%+/=_-]{16,})/dg,
  1,
);

/** DigitalOcean personal, OAuth and refresh tokens. */
export const digitalOceanToken = regexKind(
  'digitalocean-token',
  'DigitalOcean token (dop_v1_, doo_v1_ or dor_v1_ followed by 64 hex digits).',
  /(?<![\w-])do[opr]_v1_[a-f0-9]{64}(?![\w-])/dg,
);

/** The cloud kinds, most specific first. */
export const CLOUD_KINDS: readonly SecretKind[] = [
  awsAccessKeyId,
  awsSecretKey,
  awsSessionToken,
  urlSignature,
  gcpApiKey,
  googleOauthToken,
  azureStorageKey,
  azureSharedAccessKey,
  sasSignature,
  digitalOceanToken,
];
