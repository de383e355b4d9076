/**
 * Serves `aoi/fixAction` and `aoi/fixContent`: a reviewer's verdict, an apply or an undo run through the
 * executor and its approval gate (under `aoi.fixes.reviewPolicy`), then the folder diagnosed again; and the two
 * sides of a fix for the diff editor. The server changes a file only here, and only as the gate allows.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { applyPatch } from 'diff';
import { ResponseError, type CancellationToken } from 'vscode-languageserver';
import { FixRefusedError } from '../agents/executor/executor';
import { folderFile } from '../agents/executor/folder-file';
import { sha256 } from '../agents/executor/hashes';
import { BadInputError, oneLine } from '../errors';
import { FixWorkflow } from '../fixes';
import { AoiErrorCode, resolveSettings, type FixActionParams, type FixActionResult, type FixContentParams, type FixContentResult, type RawSettings } from '../protocol';
import type { DiagnoseHandler } from './diagnose-handler';
import type { Recording } from './recording';
import type { ExecutorEvent } from '../agents/executor/executor';

/** Handles fix requests for one connection. */
export class FixHandler {
  constructor(
    private readonly diagnoser: DiagnoseHandler,
    private readonly settings: () => Promise<RawSettings>,
    private readonly log: (message: string) => void,
    private readonly recording: Recording,
  ) {}

  /** `aoi/fixAction`. */
  async action(params: FixActionParams, token: CancellationToken): Promise<FixActionResult | ResponseError<void>> {
    const folder = folderOf(params.folderUri);
    if (folder instanceof ResponseError) return folder;
    if (typeof params.by !== 'string' || params.by.trim() === '') return new ResponseError(AoiErrorCode.BadInput, 'a fix action needs the name of who takes it');
    const settings = resolveSettings(await this.settings());
    const events: ExecutorEvent[] = [];
    const workflow = new FixWorkflow(folder, { policy: settings.fixes.reviewPolicy, diagnose: { settings }, onEvent: (e) => void events.push(e) });
    try {
      const shown = await workflow.get(params.id);
      if (shown.hash !== params.hash) throw new FixRefusedError('approval-mismatch', `fix ${params.id} is not the change you reviewed (its hash is ${shown.hash.slice(0, 12)}…, you saw ${params.hash.slice(0, 12)}…): review it again`);
      const by = params.by.trim();
      if (params.action === 'save') await workflow.save(params.id, by);
      else if (params.action === 'approve') await workflow.approve(params.id, by, params.comment);
      else if (params.action === 'reject') await workflow.reject(params.id, by, params.comment ?? '');
      else if (params.action === 'apply') await workflow.apply(params.id, by);
      else if (params.action === 'undo') await workflow.undo(params.id, by);
      else return new ResponseError(AoiErrorCode.BadInput, `unknown fix action: ${String(params.action)}`);
      this.log(`fix ${params.id} in ${folder}: ${params.action} by ${by}`);
    } catch (err) {
      if (err instanceof FixRefusedError) {
        this.log(`fix ${params.id} in ${folder}: ${params.action} refused (${err.code}): ${err.message}`);
        return new ResponseError(AoiErrorCode.FixRefused, err.message);
      }
      if (err instanceof BadInputError) return new ResponseError(AoiErrorCode.BadInput, oneLine(err));
      throw err;
    }
    const current = (await workflow.current()).hypotheses;
    for (const e of events) await this.recording.executor(params.folderUri, folder, e, current);
    const result = await this.diagnoser.diagnoseFolder(params.folderUri, token);
    if (result instanceof ResponseError) return result;
    const fix = result.diagnosis.fixes.find((f) => f.id === params.id) ?? (await workflow.get(params.id));
    return { fix, result };
  }

  /** `aoi/fixContent`: the file now, and as the fix's diff would leave it. */
  async content(params: FixContentParams): Promise<FixContentResult | ResponseError<void>> {
    const folder = folderOf(params.folderUri);
    if (folder instanceof ResponseError) return folder;
    try {
      const fix = await new FixWorkflow(folder).get(params.id);
      if (fix.kind !== 'edit') return new ResponseError(AoiErrorCode.BadInput, `fix ${params.id} is a command, not a file change`);
      const target = folderFile(folder, fix.file);
      if ('error' in target) return new ResponseError(AoiErrorCode.BadInput, target.error);
      const original = await readFile(target.path, 'utf8').catch(() => '');
      const stale = sha256(original) === fix.baseHash ? undefined : `${fix.file} changed since fix ${fix.id} was proposed`;
      const patched = applyPatch(original, fix.diff);
      return { file: fix.file, original, proposed: patched === false ? original : patched, ...(stale || patched === false ? { stale: stale ?? 'the diff no longer applies' } : {}) };
    } catch (err) {
      if (err instanceof FixRefusedError || err instanceof BadInputError) return new ResponseError(AoiErrorCode.BadInput, oneLine(err));
      throw err;
    }
  }
}

function folderOf(uri: string): string | ResponseError<void> {
  try {
    return fileURLToPath(uri);
  } catch {
    return new ResponseError(AoiErrorCode.BadInput, `not a file URI: ${uri}`);
  }
}
