/**
 * Every secret kind the redactor knows, in priority order. Where the spans of two kinds overlap the redactor
 * replaces their union with one placeholder named by the kind listed first here, so the order runs from the
 * most telling name to the least: vendor tokens by prefix, private keys, Kubernetes Secret values, cloud keys
 * named by context, HTTP credentials, then the generic password/secret/token/api-key assignments and last the
 * high-entropy catch-all.
 */
import { CLOUD_KINDS } from './kinds-cloud';
import { CREDENTIAL_KINDS } from './kinds-credentials';
import { DEV_PLATFORM_KINDS } from './kinds-dev-platforms';
import { HTTP_KINDS } from './kinds-http';
import { kubernetesSecret } from './kubernetes-secret';
import { PRIVATE_KEY_KINDS } from './private-keys';
import { SAAS_KINDS } from './kinds-saas';
import type { SecretKind } from './secret-kind';

export type { SecretKind, Span } from './secret-kind';

/** All secret kinds, highest priority first. Ids are unique and kebab-case. */
export const SECRET_KINDS: readonly SecretKind[] = [
  ...DEV_PLATFORM_KINDS,
  ...SAAS_KINDS,
  ...CLOUD_KINDS,
  ...PRIVATE_KEY_KINDS,
  kubernetesSecret,
  ...HTTP_KINDS,
  ...CREDENTIAL_KINDS,
];

/** The ids of `SECRET_KINDS`, in the same order. */
export const SECRET_KIND_IDS: readonly string[] = SECRET_KINDS.map((k) => k.id);

/** The kind with id `id`, or undefined. */
export function secretKind(id: string): SecretKind | undefined {
  return SECRET_KINDS.find((k) => k.id === id);
}
