/**
 * The one typed shape of AOI's settings, with their defaults. package.json `contributes.configuration`
 * must match these (a unit test checks it).
 */

/** AOI's settings (section `aoi`). */
export interface AoiSettings {
  /** Files larger than this many MiB are skipped with a note. Default 1024. */
  maxFileSizeMB: number;
  /** At most this many files of a folder are read; the rest are skipped with a note. Default 5000. */
  maxFiles: number;
}

/** Defaults of every setting. */
export const DEFAULT_SETTINGS: Readonly<AoiSettings> = {
  maxFileSizeMB: 1024,
  maxFiles: 5000,
};

/** Merges user values over the defaults, ignoring values of the wrong type. */
export function resolveSettings(values: Partial<Record<keyof AoiSettings, unknown>> | undefined): AoiSettings {
  const out: AoiSettings = { ...DEFAULT_SETTINGS };
  const v = values ?? {};
  if (typeof v.maxFileSizeMB === 'number' && v.maxFileSizeMB > 0) out.maxFileSizeMB = v.maxFileSizeMB;
  if (typeof v.maxFiles === 'number' && v.maxFiles > 0) out.maxFiles = Math.floor(v.maxFiles);
  return out;
}
