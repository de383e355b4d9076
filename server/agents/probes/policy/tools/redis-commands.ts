/**
 * Redis commands by what they do. The read list holds commands that report on the server and key metadata;
 * the refused lists hold every command that writes, changes the server, runs code or reveals passwords. A
 * command in neither (GET, HGETALL, KEYS, SUBSCRIBE, module commands, ...) is unlisted: a settings entry may
 * allow it. Names are upper case; the check compares without regard to case.
 */

/** Commands allowed with any arguments (`true`), or only with the listed subcommands. */
export const READ: Record<string, true | readonly string[]> = {
  PING: true, ECHO: true, INFO: true, DBSIZE: true, ROLE: true, LASTSAVE: true, TIME: true, TYPE: true, TTL: true, PTTL: true, EXPIRETIME: true, PEXPIRETIME: true,
  EXISTS: true, STRLEN: true, LLEN: true, HLEN: true, SCARD: true, ZCARD: true, XLEN: true, SCAN: true, LOLWUT: true,
  COMMAND: ['COUNT', 'INFO', 'DOCS', 'LIST', 'GETKEYS'],
  CONFIG: ['GET'],
  CLIENT: ['LIST', 'INFO', 'GETNAME', 'ID', 'TRACKINGINFO', 'GETREDIR'],
  SLOWLOG: ['GET', 'LEN'],
  MEMORY: ['STATS', 'USAGE', 'DOCTOR', 'MALLOC-STATS'],
  LATENCY: ['LATEST', 'HISTORY', 'DOCTOR', 'GRAPH', 'HISTOGRAM'],
  ACL: ['WHOAMI', 'LOG', 'USERS', 'CAT'],
  CLUSTER: ['INFO', 'NODES', 'SLOTS', 'SHARDS', 'MYID', 'MYSHARDID', 'KEYSLOT', 'COUNTKEYSINSLOT', 'LINKS'],
  OBJECT: ['ENCODING', 'FREQ', 'IDLETIME', 'REFCOUNT'],
  XINFO: ['STREAM', 'GROUPS', 'CONSUMERS'],
};

/** Commands that change data, by one reason. */
const DATA_WRITES = `APPEND BITFIELD BITOP BLMOVE BLMPOP BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX BZPOPMIN COPY DECR DECRBY DEL EXPIRE EXPIREAT GEOADD GEORADIUS
  GEORADIUSBYMEMBER GEOSEARCHSTORE GETDEL GETEX GETSET HDEL HGETDEL HGETEX HSETEX HEXPIRE HEXPIREAT HPEXPIRE HPEXPIREAT HPERSIST HINCRBY HINCRBYFLOAT HMSET HSET
  HSETNX INCR INCRBY INCRBYFLOAT LINSERT LMOVE LMPOP LPOP LPUSH LPUSHX LREM LSET LTRIM MOVE MSET MSETNX PERSIST PEXPIRE PEXPIREAT PFADD PFMERGE PFCOUNT PSETEX RENAME
  RENAMENX RESTORE RESTORE-ASKING RPOP RPOPLPUSH RPUSH RPUSHX SADD SDIFFSTORE SET SETBIT SETEX SETNX SETRANGE SINTERSTORE SMOVE SORT SPOP SREM SUNIONSTORE SWAPDB
  UNLINK XACK XADD XAUTOCLAIM XCLAIM XDEL XGROUP XREADGROUP XSETID XTRIM ZADD ZDIFFSTORE ZINCRBY ZINTERSTORE ZMPOP ZPOPMAX ZPOPMIN ZRANGESTORE ZREM ZREMRANGEBYLEX
  ZREMRANGEBYRANK ZREMRANGEBYSCORE ZUNIONSTORE FLUSHALL FLUSHDB`;

/** Commands refused whatever their arguments, with the reason. */
export const REFUSED: Record<string, string> = {
  ...Object.fromEntries(DATA_WRITES.split(/\s+/).map((c) => [c, 'writes or deletes data'])),
  FLUSHALL: 'deletes every key of every database',
  FLUSHDB: 'deletes every key of the database',
  SHUTDOWN: 'stops the server',
  DEBUG: 'can crash, block or change the server',
  EVAL: 'runs a Lua script', EVALSHA: 'runs a Lua script', EVAL_RO: 'runs a Lua script', EVALSHA_RO: 'runs a Lua script',
  FCALL: 'runs a server function', FCALL_RO: 'runs a server function',
  SCRIPT: 'loads, kills or flushes scripts', FUNCTION: 'loads, deletes or restores functions', MODULE: 'loads code into the server',
  MIGRATE: 'moves keys to another server',
  SAVE: 'writes the dataset to disk', BGSAVE: 'writes the dataset to disk', BGREWRITEAOF: 'rewrites the append-only file',
  REPLICAOF: 'changes replication', SLAVEOF: 'changes replication', FAILOVER: 'starts a failover', SYNC: 'starts a replication stream', PSYNC: 'starts a replication stream',
  REPLCONF: 'changes replication', PUBLISH: 'sends a message to subscribers', SPUBLISH: 'sends a message to subscribers',
  MULTI: 'starts a transaction', EXEC: 'runs a transaction', DISCARD: 'ends a transaction', WATCH: 'starts a transaction', RESET: 'resets the connection',
  SENTINEL: 'can reconfigure monitored servers', READWRITE: 'changes the connection’s mode', ASKING: 'changes the connection’s mode',
};

/** Refused subcommands of commands that have readable ones, with the reason. CLUSTER refuses every subcommand not in READ. */
export const REFUSED_SUBCOMMANDS: Record<string, Record<string, string>> = {
  CONFIG: { SET: 'changes the configuration', REWRITE: 'rewrites the configuration file', RESETSTAT: 'resets the statistics' },
  CLIENT: Object.fromEntries(['KILL', 'PAUSE', 'UNPAUSE', 'SETNAME', 'SETINFO', 'NO-EVICT', 'NO-TOUCH', 'REPLY', 'TRACKING', 'CACHING', 'UNBLOCK'].map((s) => [s, 'changes client connections'])),
  SLOWLOG: { RESET: 'clears the slow log' },
  MEMORY: { PURGE: 'changes the allocator’s state' },
  LATENCY: { RESET: 'clears the latency data' },
  ACL: Object.fromEntries(['SETUSER', 'DELUSER', 'LOAD', 'SAVE'].map((s) => [s, 'changes users and their permissions'])),
};

/** ACL subcommands that reveal password hashes (refused even though they only read). */
export const ACL_SECRETS = new Set(['LIST', 'GETUSER', 'DRYRUN']);

/** Commands that read but are left out of the allowlist, with the reason. */
export const UNLISTED: Record<string, string> = {
  MONITOR: 'never ends (and shows every command the server receives)',
  SUBSCRIBE: 'never ends', PSUBSCRIBE: 'never ends', SSUBSCRIBE: 'never ends',
  KEYS: 'blocks the server on a large keyspace (use SCAN)',
};

/** Configuration parameters that hold passwords. */
export const SECRET_PARAMETERS = ['requirepass', 'masterauth', 'tls-key-file-pass', 'tls-client-key-file-pass', 'sentinel-auth-pass'];

/** True when the Redis glob `pattern` (as CONFIG GET reads it) matches `name`. */
export function redisGlobMatches(pattern: string, name: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '\\' && i + 1 < pattern.length) re += `\\${pattern[++i]}`.replace(/^\\([A-Za-z0-9])$/, '$1');
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return true; // unreadable: assume it matches
      re += `[${pattern.slice(i + 1, end).replace(/^\^/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/-]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`, 'is').test(name);
  } catch {
    return true;
  }
}
