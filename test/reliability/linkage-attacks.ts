// The attacker's tools for the linkage red-team (linkage.test.ts): rank statistics with sound
// thresholds, positional matching, and readers for what someone holding raw database files gets —
// SQLite b-tree pages and WAL frames parsed by hand, PostgreSQL COPY blocks of a pg_dump.
import { randomInt } from "node:crypto";

// ───────────── statistics ─────────────

export type Key = number | bigint | string | null;

/** Total order over keys as an attacker sorting a column would use (null first, numbers numerically). */
export function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "string" || typeof b === "string") {
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ranks 1…n, ties sharing their average rank (what Spearman's rho expects). */
export function averageRanks(keys: Key[]): number[] {
  const order = keys.map((key, index) => ({ key, index })).sort((a, b) => compareKeys(a.key, b.key));
  const ranks = new Array<number>(keys.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && compareKeys(order[j + 1].key, order[i].key) === 0) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k].index] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rho (Pearson on average ranks); 0 when either side is constant. */
export function spearman(x: Key[], y: Key[]): number {
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const n = rx.length;
  const mx = rx.reduce((s, v) => s + v, 0) / n;
  const my = ry.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/**
 * |rho| above this is evidence of order at two-sided p < 1e-5 (normal approximation,
 * rho·√(n−1) ~ N(0,1) under independence): z = 4.42, i.e. 0.313 for n = 200. A run measures a
 * few hundred non-constant orderings, so the textbook 99.9 % value (0.233) would raise a false
 * alarm in most runs; at 1e-5 it is well under 1 % per run. A real leak is far above it (the
 * controls measure 0.9–1.0).
 */
export const Z_CRIT = 4.42;
export function criticalRho(n: number): number {
  return Z_CRIT / Math.sqrt(n - 1);
}

/**
 * Correct pairs when an attacker pairs the k-th of `left` with the k-th of `right`, each sorted by
 * its key (ties broken at random, the attacker's best guess). For a random order this is the number
 * of fixed points of a random permutation: Poisson(1).
 */
export function positionalMatches<L, R>(left: L[], right: R[], leftKey: (item: L) => Key, rightKey: (item: R) => Key, isPair: (l: L, r: R) => boolean): number {
  const sortByKey = <T>(items: T[], key: (item: T) => Key) =>
    items
      .map((item) => ({ item, key: key(item), tie: randomInt(2 ** 40) }))
      .sort((a, b) => compareKeys(a.key, b.key) || a.tie - b.tie)
      .map((entry) => entry.item);
  const l = sortByKey(left, leftKey);
  const r = sortByKey(right, rightKey);
  let correct = 0;
  for (let i = 0; i < Math.min(l.length, r.length); i++) if (isPair(l[i], r[i])) correct++;
  return correct;
}

/** Up to this many correct pairs is chance (Poisson(1): P(≥ 8) = 1.0·10⁻⁵). */
export const MAX_CHANCE_MATCHES = 7;

/**
 * Kendall's S summed over groups (e.g. rows sharing a page): concordant − discordant pairs of
 * (x, y) within each group, with its variance under independence (no ties) and the z-score.
 */
export function groupedKendall(groups: { x: number; y: number }[][]) {
  let s = 0;
  let variance = 0;
  let pairs = 0;
  let concordant = 0;
  for (const group of groups) {
    const n = group.length;
    if (n < 2) continue;
    variance += (n * (n - 1) * (2 * n + 5)) / 18;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const sign = Math.sign(group[i].x - group[j].x) * Math.sign(group[i].y - group[j].y);
        s += sign;
        pairs++;
        if (sign > 0) concordant++;
      }
    }
  }
  return { s, pairs, concordant, z: variance === 0 ? 0 : s / Math.sqrt(variance) };
}

/**
 * The sharper within-page attack on SQLite. A page rebuilt by a split holds its cells in key order
 * from the end of the page down; rows inserted later sit below that run, each lower than the last.
 * Per page (cells by falling offset): the leading run of rising keys is "old", the rest "new"; S
 * counts pairs (earlier cell, new cell) where the new one was written later, minus those where it
 * was not. The split uses only what the attacker sees (offsets and keys), so under no information
 * S is centred; its spread comes from shuffling which row wrote which cell within each page.
 */
export function newCellsAttack(groups: { truth: number; position: number; key: string }[][], permutations = 1000) {
  const pages = groups
    .map((group) => [...group].sort((a, b) => a.position - b.position))
    .map((cells) => {
      let run = 1;
      while (run < cells.length && cells[run].key > cells[run - 1].key) run++;
      return { truths: cells.map((cell) => cell.truth), run };
    })
    .filter((page) => page.run < page.truths.length);
  const score = (truths: number[], run: number) => {
    let s = 0;
    for (let j = run; j < truths.length; j++) for (let i = 0; i < j; i++) s += Math.sign(truths[j] - truths[i]);
    return s;
  };
  const observed = pages.reduce((sum, page) => sum + score(page.truths, page.run), 0);
  const pairs = pages.reduce((sum, page) => sum + ((page.run + page.truths.length - 1) * (page.truths.length - page.run)) / 2, 0);
  const samples: number[] = [];
  for (let k = 0; k < permutations; k++) {
    let total = 0;
    for (const page of pages) {
      const truths = [...page.truths];
      for (let i = truths.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [truths[i], truths[j]] = [truths[j], truths[i]];
      }
      total += score(truths, page.run);
    }
    samples.push(total);
  }
  const mean = samples.reduce((a, b) => a + b, 0) / permutations;
  const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (permutations - 1));
  return { s: observed, pairs, newCells: pages.reduce((sum, page) => sum + page.truths.length - page.run, 0), z: sd === 0 ? 0 : (observed - mean) / sd };
}

// ───────────── SQLite database file ─────────────

function varint(buffer: Buffer, offset: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buffer[offset + i];
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) return [value, i + 1];
  }
  return [value * 256 + buffer[offset + 8], 9];
}

export type SqliteCell = {
  page: number;
  pageType: number;
  /** Where the cell's content starts inside its page (SQLite fills a page from the end down). */
  cellOffset: number;
  fileOffset: number;
  values: (string | number | null)[];
};

/** The record of a cell: column values that lie on the page (text decoded as UTF-8). */
function parseRecord(buffer: Buffer, start: number, end: number): (string | number | null)[] {
  const [headerSize, h] = varint(buffer, start);
  const types: number[] = [];
  for (let p = start + h; p < start + headerSize && p < end;) {
    const [type, len] = varint(buffer, p);
    types.push(type);
    p += len;
  }
  const values: (string | number | null)[] = [];
  let p = start + headerSize;
  const intSizes = [0, 1, 2, 3, 4, 6, 8];
  for (const type of types) {
    if (p > end) break;
    if (type === 0) values.push(null);
    else if (type >= 1 && type <= 6) {
      const size = intSizes[type];
      values.push(size <= 6 ? buffer.readIntBE(p, size) : Number(buffer.readBigInt64BE(p)));
      p += size;
    } else if (type === 7) {
      values.push(buffer.readDoubleBE(p));
      p += 8;
    } else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 12) {
      const size = Math.floor((type - (type % 2 === 0 ? 12 : 13)) / 2);
      values.push(type % 2 === 1 ? buffer.toString("utf8", p, Math.min(p + size, end)) : null);
      p += size;
    }
  }
  return values;
}

/** The live cells of one b-tree page (cell pointer array; freed cells' bytes are not read). */
export function pageCells(buffer: Buffer, base: number, pageSize: number, page: number): SqliteCell[] {
  const header = base + (page === 1 ? 100 : 0);
  const type = buffer[header];
  if (![2, 5, 10, 13].includes(type)) return [];
  const cells: SqliteCell[] = [];
  const count = buffer.readUInt16BE(header + 3);
  const pointers = header + (type === 2 || type === 5 ? 12 : 8);
  if (type === 5) return []; // table interior: child pointers and rowids, no records
  for (let i = 0; i < count && pointers + 2 * i + 2 <= base + pageSize; i++) {
    const cellOffset = buffer.readUInt16BE(pointers + 2 * i);
    if (cellOffset < 8 || cellOffset >= pageSize) continue;
    let p = base + cellOffset;
    if (type === 2) p += 4; // index interior: left child first
    const [, payloadLen] = varint(buffer, p);
    p += payloadLen;
    if (type === 13) p += varint(buffer, p)[1]; // table leaf: the rowid
    cells.push({ page, pageType: type, cellOffset, fileOffset: base + cellOffset, values: parseRecord(buffer, p, base + pageSize) });
  }
  return cells;
}

/**
 * Every b-tree cell of a SQLite database file, parsed from the raw bytes as an attacker holding a
 * copy of the file would (no SQLite library involved): pages on the freelist are skipped.
 */
export function sqliteCells(file: Buffer): { pageSize: number; cells: SqliteCell[] } {
  let pageSize = file.readUInt16BE(16);
  if (pageSize === 1) pageSize = 65536;
  const pages = Math.floor(file.length / pageSize);
  const free = new Set<number>();
  for (let trunk = file.readUInt32BE(32); trunk !== 0 && trunk <= pages;) {
    free.add(trunk);
    const base = (trunk - 1) * pageSize;
    const count = file.readUInt32BE(base + 4);
    for (let i = 0; i < count; i++) free.add(file.readUInt32BE(base + 8 + 4 * i));
    trunk = file.readUInt32BE(base);
  }
  const cells: SqliteCell[] = [];
  for (let page = 1; page <= pages; page++) if (!free.has(page)) cells.push(...pageCells(file, (page - 1) * pageSize, pageSize, page));
  return { pageSize, cells };
}

export type WalFrame = { page: number; commit: boolean; salt: number; index: number; data: Buffer };

/**
 * The frames (page images) of a SQLite WAL file in the order they were written: frames of older
 * WAL generations first (salt-1 is incremented at every restart, and their frames survive past the
 * write point of the current one), then by position in the file.
 */
export function walFrames(wal: Buffer): WalFrame[] {
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const frames: WalFrame[] = [];
  for (let offset = 32, index = 0; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize, index++) {
    frames.push({
      page: wal.readUInt32BE(offset),
      commit: wal.readUInt32BE(offset + 4) !== 0,
      salt: wal.readUInt32BE(offset + 8),
      index,
      data: wal.subarray(offset + 24, offset + 24 + pageSize),
    });
  }
  return frames.sort((a, b) => a.salt - b.salt || a.index - b.index);
}

/**
 * What each transaction inserted, from the WAL: the live cells of each page image are compared with
 * the previous image of the same page. A value that arrives in a record of some shape (its number
 * of columns: one b-tree) without leaving a record of that shape in the same transaction was
 * inserted then; a page split moves values, so they leave one page and arrive on another. The main
 * database file, copied with the WAL, is the previous image of every page for the WAL's current
 * generation (a WAL restarts only after a complete checkpoint); a page past its end is new.
 * With `mainFile` null (frames of an older generation, whose start was overwritten) the previous
 * image is unknown: a page's first image is only a baseline, and a value on it may have moved from
 * there, so it is credited to no transaction that first shows that page.
 * Transactions are numbered in write order.
 */
export function walInsertions(frames: WalFrame[], values: Set<string>, mainFile: Buffer | null): Map<number, { value: string; shape: number }[]> {
  const pageSize = frames[0]?.data.length ?? 0;
  const contents = (data: Buffer, base: number, page: number) => {
    const found = new Set<string>();
    for (const cell of pageCells(data, base, pageSize, page)) {
      for (const value of cell.values) if (typeof value === "string" && values.has(value)) found.add(`${cell.values.length}|${value}`);
    }
    return found;
  };
  const lastImage = new Map<number, Set<string>>();
  const previousOf = (page: number): Set<string> | null =>
    lastImage.get(page) ??
    (mainFile === null ? null : page * pageSize <= mainFile.length ? contents(mainFile, (page - 1) * pageSize, page) : new Set<string>());
  const inserted = new Map<number, { value: string; shape: number }[]>();
  let transaction = 0;
  let arrived = new Set<string>();
  let left = new Set<string>();
  for (const frame of frames) {
    const now = contents(frame.data, 0, frame.page);
    const before = previousOf(frame.page);
    if (before === null) for (const entry of now) left.add(entry);
    else {
      for (const entry of now) if (!before.has(entry)) arrived.add(entry);
      for (const entry of before) if (!now.has(entry)) left.add(entry);
    }
    lastImage.set(frame.page, now);
    if (frame.commit) {
      const list = [...arrived]
        .filter((entry) => !left.has(entry))
        .map((entry) => {
          const bar = entry.indexOf("|");
          return { shape: Number(entry.slice(0, bar)), value: entry.slice(bar + 1) };
        });
      if (list.length) inserted.set(transaction, list);
      transaction++;
      arrived = new Set();
      left = new Set();
    }
  }
  return inserted;
}

// ───────────── pg_dump (plain format) ─────────────

/** The rows of every COPY block of a plain-format dump, in dump order, as column → text (\N → null). */
export function copyBlocks(dump: string): Map<string, Record<string, string | null>[]> {
  const tables = new Map<string, Record<string, string | null>[]>();
  const lines = dump.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^COPY (?:[\w"]+\.)?"?([^"\s(]+)"? \(([^)]*)\) FROM stdin;$/.exec(lines[i]);
    if (!match) continue;
    const columns = match[2].split(", ").map((column) => column.replace(/^"|"$/g, ""));
    const rows: Record<string, string | null>[] = [];
    for (i++; i < lines.length && lines[i] !== "\\."; i++) {
      const fields = lines[i].split("\t");
      rows.push(Object.fromEntries(columns.map((column, c) => [column, fields[c] === "\\N" ? null : fields[c]])));
    }
    tables.set(match[1], rows);
  }
  return tables;
}

// ───────────── a copy of the SQLite files, now (attack M6) ─────────────

/**
 * The SQLite WAL as SQLite itself reads it (sqlite.org/fileformat2.html, "WAL file format"): the
 * header's salts and the running checksum over each frame. `current`: the frames of the current
 * generation, i.e. from the start while they carry the header's salts and the checksum chain
 * holds, up to the last commit frame (what a recovery would replay). `stale`: what lies past
 * them, frames of older generations that a RESTART left in place (it rewrites the file from its
 * start without shortening it), as runs of one generation whose chain holds from their first
 * frame (whose own checksum seeds it: its predecessor was overwritten), each cut at its last
 * commit frame, oldest run first (salt-1 grows by one at every restart).
 */
export function walGenerations(wal: Buffer): { current: WalFrame[]; stale: WalFrame[][] } {
  if (wal.length < 32) return { current: [], stale: [] };
  const magic = wal.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return { current: [], stale: [] };
  const bigEndian = magic === 0x377f0683;
  const pageSize = wal.readUInt32BE(8);
  const frameSize = 24 + pageSize;
  const checksum = (s0: number, s1: number, start: number, end: number): [number, number] => {
    for (let p = start; p < end; p += 8) {
      const x0 = bigEndian ? wal.readUInt32BE(p) : wal.readUInt32LE(p);
      const x1 = bigEndian ? wal.readUInt32BE(p + 4) : wal.readUInt32LE(p + 4);
      s0 = (s0 + x0 + s1) >>> 0;
      s1 = (s1 + x1 + s0) >>> 0;
    }
    return [s0, s1];
  };
  const frameAt = (offset: number, index: number): WalFrame & { salt2: number; sum: [number, number] } => ({
    page: wal.readUInt32BE(offset),
    commit: wal.readUInt32BE(offset + 4) !== 0,
    salt: wal.readUInt32BE(offset + 8),
    salt2: wal.readUInt32BE(offset + 12),
    sum: [wal.readUInt32BE(offset + 16), wal.readUInt32BE(offset + 20)],
    index,
    data: wal.subarray(offset + 24, offset + frameSize),
  });
  const chains = (previous: [number, number], offset: number) => {
    const partial = checksum(previous[0], previous[1], offset, offset + 8);
    const [s0, s1] = checksum(partial[0], partial[1], offset + 24, offset + frameSize);
    return s0 === wal.readUInt32BE(offset + 16) && s1 === wal.readUInt32BE(offset + 20);
  };
  const untilLastCommit = (frames: WalFrame[]) => {
    let end = frames.length;
    while (end > 0 && !frames[end - 1].commit) end--;
    return frames.slice(0, end).map(({ page, commit, salt, index, data }) => ({ page, commit, salt, index, data }));
  };
  const count = Math.floor((wal.length - 32) / frameSize);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let sum = checksum(0, 0, 0, 24);
  const validHeader = sum[0] === wal.readUInt32BE(24) && sum[1] === wal.readUInt32BE(28);
  let index = 0;
  const current: WalFrame[] = [];
  for (; validHeader && index < count; index++) {
    const offset = 32 + index * frameSize;
    const frame = frameAt(offset, index);
    if (frame.salt !== salt1 || frame.salt2 !== salt2 || !chains(sum, offset)) break;
    sum = frame.sum;
    current.push(frame);
  }
  const stale: WalFrame[][] = [];
  let run: (WalFrame & { salt2: number; sum: [number, number] })[] = [];
  const endRun = () => {
    const frames = untilLastCommit(run);
    if (frames.length) stale.push(frames);
    run = [];
  };
  for (; index < count; index++) {
    const offset = 32 + index * frameSize;
    const frame = frameAt(offset, index);
    const last = run[run.length - 1];
    if (last && (frame.salt !== last.salt || frame.salt2 !== last.salt2 || !chains(last.sum, offset))) endRun();
    run.push(frame);
  }
  endRun();
  // Oldest first: the further behind the header's salt-1 (mod 2³²), the older.
  stale.sort((a, b) => ((salt1 - b[0].salt) >>> 0) - ((salt1 - a[0].salt) >>> 0) || a[0].index - b[0].index);
  return { current: untilLastCommit(current), stale };
}

/**
 * What a copy of a live SQLite database (the file, then its WAL, as a backup tool or a stolen disk
 * would take them) orders: the responses (by id) whose inserting transaction shows, and in how many
 * transactions. The attacker diffs the current generation against the main file, and each run of
 * older frames (walGenerations → stale) within itself; every attribution goes on one time line,
 * oldest run first.
 * With `rank` (the true commit order of each response: the test's own bookkeeping), only correct
 * attributions are credited: a response counts if every response placed in an earlier transaction
 * of the time line truly came before it and every one placed later came after it. A main file
 * that is not the current generation's starting point (a checkpoint ran between the two copies)
 * or a moved row credited as new would break that order and not count. Without `rank`, every
 * attribution counts (what the attacker claims). Used by wal-exposure.test.ts and
 * scripts/bench/wal-exposure.ts.
 */
export function walOrderedInCopy(
  main: Buffer,
  wal: Buffer,
  responseIds: Set<string>,
  rank?: (id: string) => number | undefined,
): { ordered: number; claimed: number; transactions: number; frames: number; staleFrames: number; orderedFromStale: number } {
  const { current, stale } = walGenerations(wal);
  const timeline: { ids: string[]; stale: boolean }[] = [];
  const add = (inserted: Map<number, { value: string }[]>, fromStale: boolean) => {
    for (const transaction of [...inserted.keys()].sort((a, b) => a - b)) {
      const ids = inserted
        .get(transaction)!
        .map(({ value }) => value)
        .filter((value) => responseIds.has(value));
      if (ids.length) timeline.push({ ids: [...new Set(ids)], stale: fromStale });
    }
  };
  for (const run of stale) add(walInsertions(run, responseIds, null), true);
  add(walInsertions(current, responseIds, main), false);
  // A response placed twice (a move the diff took for an insert) is placed wrongly at least once.
  const placements = new Map<string, number>();
  for (const { ids } of timeline) for (const id of ids) placements.set(id, (placements.get(id) ?? 0) + 1);
  const correct = new Set<string>();
  const fromStale = new Set<string>();
  if (rank) {
    const ranks = timeline.map(({ ids }) => ids.map((id) => rank(id) ?? NaN));
    const before: number[] = [];
    let max = -Infinity;
    for (const list of ranks) {
      before.push(max);
      for (const value of list) max = Math.max(max, Number.isNaN(value) ? Infinity : value);
    }
    let min = Infinity;
    for (let g = timeline.length - 1; g >= 0; g--) {
      timeline[g].ids.forEach((id, i) => {
        const value = ranks[g][i];
        if (!Number.isNaN(value) && placements.get(id) === 1 && before[g] < value && value < min) {
          correct.add(id);
          if (timeline[g].stale) fromStale.add(id);
        }
      });
      for (const value of ranks[g]) min = Math.min(min, Number.isNaN(value) ? -Infinity : value);
    }
  } else {
    for (const { ids, stale: old } of timeline) {
      for (const id of ids.filter((id) => placements.get(id) === 1)) {
        correct.add(id);
        if (old) fromStale.add(id);
      }
    }
  }
  return {
    ordered: correct.size,
    claimed: placements.size,
    transactions: timeline.filter(({ ids }) => ids.some((id) => correct.has(id))).length,
    frames: current.length,
    staleFrames: stale.reduce((sum, run) => sum + run.length, 0),
    orderedFromStale: fromStale.size,
  };
}
