/**
 * Secret kinds of hosted services: chat (Slack), payments (Stripe, Square, Shopify), messaging (Twilio,
 * SendGrid, Mailgun), identity (Google OAuth client secrets), AI APIs (OpenAI, Anthropic) and monitoring
 * (Datadog). Prefixed keys are found by shape; Twilio auth tokens and Datadog keys, plain hex, by the name
 * they are assigned to or the line they sit on.
 */
import { assignedKind, assignedSpans } from './assignments';
import { hasMixedClasses, lineAround, regexKind, regexSpans, type SecretKind } from './secret-kind';

/** Slack bot, user, app-level, configuration and legacy tokens. */
export const slackToken = regexKind(
  'slack-token',
  'Slack token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xoxe- or xapp- followed by dash-separated parts).',
  /(?<![\w-])(?:xox[abposre](?:\.[A-Za-z0-9]+)?|xapp)-[A-Za-z0-9-]{10,250}/dg,
);

/** Slack incoming-webhook and workflow URLs: the path after `hooks.slack.com/services/` is the secret. */
export const slackWebhook = regexKind(
  'slack-webhook',
  'Slack incoming webhook or workflow trigger URL (the path after hooks.slack.com/services/, /workflows/ or /triggers/).',
  /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_/-]{16,})/dg,
  1,
);

/** Stripe secret and restricted keys (live and test), and webhook signing secrets. */
export const stripeKey = regexKind(
  'stripe-key',
  'Stripe secret or restricted key (sk_live_, rk_live_, sk_test_, rk_test_) or webhook secret (whsec_).',
  /(?<![\w-])(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{24,})(?![A-Za-z0-9])/dg,
);

/** Twilio API key SIDs: `SK` and 32 hex digits. */
export const twilioApiKey = regexKind('twilio-api-key', 'Twilio API key SID (SK followed by 32 hex digits).', /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/dg);

/** Twilio account SIDs: `AC` and 32 hex digits, on a line that mentions Twilio. */
export const twilioAccountSid = regexKind(
  'twilio-account-sid',
  'Twilio account SID (AC followed by 32 hex digits) on a line that mentions Twilio.',
  /(?<![A-Za-z0-9])AC[0-9a-f]{32}(?![A-Za-z0-9])/dg,
  0,
  (_v, m) => /twilio/i.test(lineAround(m.input, m.index)),
);

const TWILIO_PAIR = /(?<![A-Za-z0-9])(?:AC|SK)[0-9a-f]{32}:([0-9a-f]{32})(?![A-Za-z0-9])/dg;

/** Twilio auth tokens: by name (`TWILIO_AUTH_TOKEN=`) or as the password after an account or key SID. */
export const twilioAuthToken: SecretKind = {
  id: 'twilio-auth-token',
  description: 'Twilio auth token or API key secret: 32 hex digits after a name such as TWILIO_AUTH_TOKEN, or after AC.../SK...: as a password.',
  detect: (text) => [...assignedSpans(text, 'twilio-auth-token'), ...regexSpans(text, TWILIO_PAIR, 1)],
};

/** SendGrid API keys. */
export const sendgridApiKey = regexKind(
  'sendgrid-api-key',
  'SendGrid API key (SG. followed by 22 and 43 characters separated by a dot).',
  /(?<![\w-])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}(?![\w-])/dg,
);

/** Mailgun private API keys. */
export const mailgunApiKey = regexKind('mailgun-api-key', 'Mailgun API key (key- followed by 32 hex digits).', /(?<![\w-])key-[0-9a-f]{32}(?![A-Za-z0-9])/dg);

/** Google OAuth client secrets. */
export const googleOauthClientSecret = regexKind(
  'google-oauth-client-secret',
  'Google OAuth client secret (GOCSPX- followed by 28 characters).',
  /(?<![\w-])GOCSPX-[A-Za-z0-9_-]{24,40}(?![\w-])/dg,
);

/** Anthropic API keys. */
export const anthropicApiKey = regexKind('anthropic-api-key', 'Anthropic API key (sk-ant- followed by 32 or more characters).', /(?<![\w-])sk-ant-[A-Za-z0-9_-]{32,}/dg);

/** OpenAI-style API keys: `sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-` and a mixed-case tail. */
export const openaiApiKey = regexKind(
  'openai-api-key',
  'OpenAI-style API key (sk-, sk-proj-, sk-svcacct- or sk-admin- followed by 32 or more characters of mixed case and digits).',
  /(?<![\w-])sk-(?!ant-)[A-Za-z0-9_-]{32,}/dg,
  0,
  (v) => hasMixedClasses(v.slice(3)),
);

/** Datadog API keys, by name: `DD_API_KEY=`, `DD-API-KEY:`, `datadog_api_key`. */
export const datadogApiKey = assignedKind('datadog-api-key', 'Datadog API key, the value of a name such as DD_API_KEY, DD-API-KEY or datadog_api_key (32 hex digits).');

/** Datadog application keys, by name: `DD_APP_KEY=`, `DD-APPLICATION-KEY:`. */
export const datadogAppKey = assignedKind('datadog-app-key', 'Datadog application key, the value of a name such as DD_APP_KEY or DD-APPLICATION-KEY (40 hex digits).');

/** Shopify admin, custom-app, partner and shared-secret tokens. */
export const shopifyToken = regexKind(
  'shopify-token',
  'Shopify access token or shared secret (shpat_, shpss_, shpca_, shppa_ followed by 32 hex digits).',
  /(?<![\w-])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/dg,
);

/** Square access tokens and OAuth secrets. */
export const squareToken = regexKind(
  'square-token',
  'Square access token (EAAA followed by 60 characters, sq0atp-) or OAuth secret (sq0csp-).',
  /(?<![\w-])(?:EAAA[A-Za-z0-9_-]{60,80}|sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,43})(?![\w-])/dg,
);

/** The hosted-service kinds. Anthropic comes before OpenAI: both start with `sk-`. */
export const SAAS_KINDS: readonly SecretKind[] = [
  slackToken,
  slackWebhook,
  stripeKey,
  twilioApiKey,
  twilioAuthToken,
  twilioAccountSid,
  sendgridApiKey,
  mailgunApiKey,
  googleOauthClientSecret,
  anthropicApiKey,
  openaiApiKey,
  datadogApiKey,
  datadogAppKey,
  shopifyToken,
  squareToken,
];
