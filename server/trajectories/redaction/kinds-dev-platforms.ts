/**
 * Secret kinds of developer platforms: source hosting (GitHub, GitLab), package registries (npm, PyPI, Docker
 * Hub), model hubs (Hugging Face), infrastructure tools (Terraform Cloud, Vault) and Heroku. Most carry a
 * prefix that names them; Heroku API keys are plain UUIDs and are found by the name they are assigned to.
 */
import { assignedKind } from './assignments';
import { hasMixedClasses, regexKind, type SecretKind } from './secret-kind';

/** GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and fine-grained PATs. */
export const githubToken = regexKind(
  'github-token',
  'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_ followed by 36 characters, or github_pat_ fine-grained tokens).',
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/dg,
);

/** GitLab personal, deploy, runner, pipeline-trigger, CI-job, feed and agent tokens. */
export const gitlabToken = regexKind(
  'gitlab-token',
  'GitLab token (glpat-, gldt-, glrt-, glptt-, glcbt-, glft-, glsoat-, glagent- followed by 20 or more characters).',
  /(?<![\w-])gl(?:pat|dt|rt|ptt|cbt|ft|soat|agent|imt|oas)-[A-Za-z0-9_-]{20,}/dg,
);

/** npm access tokens. */
export const npmToken = regexKind('npm-token', 'npm access token (npm_ followed by 36 characters).', /(?<![\w-])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg);

/** PyPI API tokens (macaroons). */
export const pypiToken = regexKind('pypi-token', 'PyPI API token (pypi- followed by a long macaroon).', /(?<![\w-])pypi-[A-Za-z0-9_-]{50,}/dg);

/** Docker Hub personal and organisation access tokens. */
export const dockerHubPat = regexKind(
  'docker-hub-pat',
  'Docker Hub access token (dckr_pat_ or dckr_oat_ followed by 20 or more characters).',
  /(?<![\w-])dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,}/dg,
);

/** Hugging Face user and organisation tokens. */
export const huggingfaceToken = regexKind(
  'huggingface-token',
  'Hugging Face token (hf_ or api_org_ followed by 30 or more letters and digits of mixed case).',
  /(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z0-9]{30,}(?![A-Za-z0-9_])/dg,
  0,
  (v) => hasMixedClasses(v.replace(/^(?:hf|api_org)_/, '')),
);

/** Terraform Cloud / Enterprise API tokens. */
export const terraformCloudToken = regexKind(
  'terraform-cloud-token',
  'Terraform Cloud or Enterprise API token (14 characters, .atlasv1., then 60 or more characters).',
  /(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}/dg,
);

/** HashiCorp Vault service, batch and recovery tokens, and legacy `s.` service tokens. */
export const vaultToken = regexKind(
  'vault-token',
  'HashiCorp Vault token (hvs., hvb., hvr. followed by 24 or more characters, or a legacy s. token of 24 mixed characters).',
  /(?<![\w.-])(?:hv[sbr]\.[A-Za-z0-9_-]{24,}|s\.[A-Za-z0-9]{24}(?![\w.-]))/dg,
  0,
  (v) => /^hv/.test(v) || hasMixedClasses(v.slice(2)),
);

/** Heroku API keys, by name: `HEROKU_API_KEY=`, `heroku_token:`. */
export const herokuApiKey = assignedKind('heroku-api-key', 'Heroku API key, the value of a name such as HEROKU_API_KEY or heroku_token (a UUID).');

/** The developer-platform kinds. */
export const DEV_PLATFORM_KINDS: readonly SecretKind[] = [
  githubToken,
  gitlabToken,
  npmToken,
  pypiToken,
  dockerHubPat,
  huggingfaceToken,
  terraformCloudToken,
  vaultToken,
  herokuApiKey,
];
