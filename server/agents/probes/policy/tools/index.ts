/** The tools that have a module of their own, by name. A tool not here is refused unless a settings entry names it. */
import type { ToolCheck } from '../decision';
import { checkCurl } from './curl';
import { checkDig, checkGetent, checkHost, checkNslookup } from './dns';
import { checkDocker } from './docker';
import { checkCat, checkGrep, checkHead, checkLs, checkStat, checkTail, checkWc } from './file-readers';
import { checkFind } from './find';
import { checkDf, checkFree, checkNetstat, checkNginx, checkPing, checkPs, checkSs, checkUptime } from './host-state';
import { checkJournalctl } from './journalctl';
import { checkKubectl } from './kubectl';
import { checkOpenssl } from './openssl';
import { checkPgIsReady, checkPsql } from './psql';
import { checkRedisCli } from './redis-cli';
import { checkSed } from './sed';
import { checkSystemctl } from './systemctl';
import { checkWget } from './wget';

/** Each known tool's check. */
export const TOOL_CHECKS: Readonly<Record<string, ToolCheck>> = {
  kubectl: checkKubectl,
  curl: checkCurl,
  wget: checkWget,
  'redis-cli': checkRedisCli,
  psql: checkPsql,
  pg_isready: checkPgIsReady,
  nginx: checkNginx,
  ss: checkSs,
  netstat: checkNetstat,
  ping: checkPing,
  ps: checkPs,
  df: checkDf,
  free: checkFree,
  uptime: checkUptime,
  getent: checkGetent,
  dig: checkDig,
  nslookup: checkNslookup,
  host: checkHost,
  openssl: checkOpenssl,
  tail: checkTail,
  head: checkHead,
  grep: checkGrep,
  wc: checkWc,
  cat: checkCat,
  ls: checkLs,
  stat: checkStat,
  journalctl: checkJournalctl,
  docker: checkDocker,
  find: checkFind,
  sed: checkSed,
  systemctl: checkSystemctl,
};
