/**
 * The one typed shape of AOI's settings, with their defaults. package.json `contributes.configuration`
 * must match these (a unit test checks it): `probes.timeoutSeconds` here is `aoi.probes.timeoutSeconds` there.
 */

/** AOI's settings (section `aoi`). */
export interface AoiSettings {
  /** Files larger than this many MiB are skipped with a note. Default 1024. */
  maxFileSizeMB: number;
  /** At most this many files of a folder are read; the rest are skipped with a note. Default 5000. */
  maxFiles: number;
  probes: ProbeSettings;
  fixes: FixSettings;
  trajectories: TrajectorySettings;
  redaction: RedactionSettings;
  guidance: GuidanceSettings;
  model: ModelSettings;
}

/** Settings of the observer model (server/model/). */
export interface ModelSettings {
  /** A model folder or manifest; `""` (default) for the bundled model, `none` for the expert rules alone. */
  path: string;
  /** `auto` (default: WebGPU, then CUDA, then the CPU), `webgpu`, `cuda` or `cpu`. */
  executionProvider: 'auto' | 'webgpu' | 'cuda' | 'cpu';
}

/** Settings of the trajectory recording in the editor. */
export interface TrajectorySettings {
  /** Record every diagnosis, probe, fix and verdict of the editor. Default true. */
  enabled: boolean;
  /** `workspace` (default): `.aoi/trajectories/` of each folder; `global`: the extension's global storage. */
  location: 'workspace' | 'global';
  /** The oldest sessions are removed when a store holds more than this many MiB. Default 512. */
  maxStoreMB: number;
}

/** Settings of the redaction applied before anything is recorded. */
export interface RedactionSettings {
  /** Extra regular expressions (JavaScript syntax) whose matches are redacted as `<secret:custom>`. Default []. */
  extraPatterns: string[];
  /** Also mask e-mail addresses. Default false. */
  maskEmails: boolean;
  /** Also mask IPv4 and IPv6 addresses. Default false. */
  maskIps: boolean;
}

/** Settings of team guidance (the Evolver's entries) at diagnosis time. */
export interface GuidanceSettings {
  /** Apply the guidance of the trajectory store to diagnoses; off gives the rules' ranking alone. Default true. */
  enabled: boolean;
}

/** Settings of fixes reviewed and applied from the editor. */
export interface FixSettings {
  /**
   * Who may approve a fix: `self-approval-allowed` (default, a single engineer) or `distinct-reviewer` (teams:
   * the approver must differ from the person who saved the fix for review).
   */
  reviewPolicy: 'self-approval-allowed' | 'distinct-reviewer';
  /** The name recorded with verdicts; empty for the operating system's user name. Default "". */
  reviewer: string;
}

/** Settings of probes run from the editor. */
export interface ProbeSettings {
  /**
   * Allowlist entries beyond the built-in read-only policy: `{tool, subcommands?, flags?}`. They widen only reads
   * the policy does not know; writes, shells and secret reads stay refused. Validated by the policy.
   */
  extraAllowed: unknown[];
  /** A probe is killed after this many seconds. Default 15. */
  timeoutSeconds: number;
}

/** Defaults of every setting. */
export const DEFAULT_SETTINGS: Readonly<AoiSettings> = {
  maxFileSizeMB: 1024,
  maxFiles: 5000,
  probes: { extraAllowed: [], timeoutSeconds: 15 },
  fixes: { reviewPolicy: 'self-approval-allowed', reviewer: '' },
  trajectories: { enabled: true, location: 'workspace', maxStoreMB: 512 },
  redaction: { extraPatterns: [], maskEmails: false, maskIps: false },
  guidance: { enabled: true },
  model: { path: '', executionProvider: 'auto' },
};

/** Raw values as the client sends them (section `aoi`, nested by dots). */
export type RawSettings = Partial<Record<keyof AoiSettings, unknown>>;

/** Merges user values over the defaults, ignoring values of the wrong type. */
export function resolveSettings(values: RawSettings | undefined): AoiSettings {
  const out: AoiSettings = {
    ...DEFAULT_SETTINGS,
    probes: { ...DEFAULT_SETTINGS.probes },
    fixes: { ...DEFAULT_SETTINGS.fixes },
    trajectories: { ...DEFAULT_SETTINGS.trajectories },
    redaction: { ...DEFAULT_SETTINGS.redaction, extraPatterns: [] },
    guidance: { ...DEFAULT_SETTINGS.guidance },
    model: { ...DEFAULT_SETTINGS.model },
  };
  const v = values ?? {};
  if (typeof v.maxFileSizeMB === 'number' && v.maxFileSizeMB > 0) out.maxFileSizeMB = v.maxFileSizeMB;
  if (typeof v.maxFiles === 'number' && v.maxFiles > 0) out.maxFiles = Math.floor(v.maxFiles);
  const probes = (typeof v.probes === 'object' && v.probes !== null ? v.probes : {}) as Partial<Record<keyof ProbeSettings, unknown>>;
  if (Array.isArray(probes.extraAllowed)) out.probes.extraAllowed = probes.extraAllowed;
  if (typeof probes.timeoutSeconds === 'number' && probes.timeoutSeconds > 0) out.probes.timeoutSeconds = Math.min(600, probes.timeoutSeconds);
  const fixes = (typeof v.fixes === 'object' && v.fixes !== null ? v.fixes : {}) as Partial<Record<keyof FixSettings, unknown>>;
  if (fixes.reviewPolicy === 'distinct-reviewer' || fixes.reviewPolicy === 'self-approval-allowed') out.fixes.reviewPolicy = fixes.reviewPolicy;
  if (typeof fixes.reviewer === 'string') out.fixes.reviewer = fixes.reviewer.trim();
  const t = section<TrajectorySettings>(v.trajectories);
  if (typeof t.enabled === 'boolean') out.trajectories.enabled = t.enabled;
  if (t.location === 'workspace' || t.location === 'global') out.trajectories.location = t.location;
  if (typeof t.maxStoreMB === 'number' && t.maxStoreMB > 0) out.trajectories.maxStoreMB = t.maxStoreMB;
  const r = section<RedactionSettings>(v.redaction);
  if (Array.isArray(r.extraPatterns)) out.redaction.extraPatterns = r.extraPatterns.filter((p): p is string => typeof p === 'string');
  if (typeof r.maskEmails === 'boolean') out.redaction.maskEmails = r.maskEmails;
  if (typeof r.maskIps === 'boolean') out.redaction.maskIps = r.maskIps;
  const g = section<GuidanceSettings>(v.guidance);
  if (typeof g.enabled === 'boolean') out.guidance.enabled = g.enabled;
  const m = section<ModelSettings>(v.model);
  if (typeof m.path === 'string') out.model.path = m.path.trim();
  if (m.executionProvider === 'auto' || m.executionProvider === 'webgpu' || m.executionProvider === 'cuda' || m.executionProvider === 'cpu') out.model.executionProvider = m.executionProvider;
  return out;
}

/** A nested section of the raw values, as an object of unknowns. */
function section<T>(value: unknown): Partial<Record<keyof T, unknown>> {
  return (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof T, unknown>>;
}
