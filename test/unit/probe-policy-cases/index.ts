/**
 * The probe policy's table, by tool family (see case.ts for the shape of a row).
 */
import type { PolicyCase } from './case';
import { KUBECTL } from './kubectl';
import { CURL, WGET } from './http';
import { REDIS, PSQL } from './datastores';
import { HOST_STATE, DNS, OPENSSL, FILES, SERVICES } from './host';
import { REFUSED_TOOLS, BYPASSES } from './refusals';

export type { PolicyCase } from './case';

/** Every case. */
export const CASES: readonly PolicyCase[] = [...KUBECTL, ...CURL, ...WGET, ...REDIS, ...PSQL, ...HOST_STATE, ...DNS, ...OPENSSL, ...FILES, ...SERVICES, ...REFUSED_TOOLS, ...BYPASSES];
