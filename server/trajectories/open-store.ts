/**
 * Opens a trajectory store with the redactor the settings ask for: the built-in secret kinds, the user's extra
 * patterns, optional masking of e-mail and IP addresses. Every front opens stores through here, so nothing is
 * ever recorded unredacted.
 */
import { resolve } from 'node:path';
import { Redactor } from './redaction/redactor';
import { TrajectoryStore, type StoreOptions } from './store';

/** How records are redacted. */
export interface RedactionOptions {
  extraPatterns?: readonly string[];
  maskEmails?: boolean;
  maskIps?: boolean;
}

/** The store at `path` (created on the first write), redacting as `redaction` says. */
export function openStore(path: string, redaction: RedactionOptions = {}, options: StoreOptions = {}): TrajectoryStore {
  return new TrajectoryStore(resolve(path), new Redactor(redaction), options);
}
