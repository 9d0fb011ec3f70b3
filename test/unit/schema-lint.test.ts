// Anonymity guard (shared/security.md → Anonymity; docs/decisions/002): the build fails if a
// response model gains a timestamp, an IP / user agent / identity field, a sequential or
// time-based id, a relation to anything but its agency and cycle, or a counter / channel /
// screening category (those are counts in CounterTally and ScreeningTally); and if a row that holds
// a contact hash gains a counter.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const schema = fs.readFileSync(path.join(root, "prisma/models/models.prisma"), "utf8");

type Field = { name: string; type: string; attributes: string };

export function parseModels(source: string): Map<string, Field[]> {
  const models = new Map<string, Field[]>();
  const modelPattern = /^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm;
  for (const match of source.matchAll(modelPattern)) {
    const fields: Field[] = [];
    for (const rawLine of match[2].split("\n")) {
      const line = rawLine.replace(/\/\/.*$/, "").trim();
      if (!line || line.startsWith("@@")) continue;
      const [name, type, ...rest] = line.split(/\s+/);
      fields.push({ name, type, attributes: rest.join(" ") });
    }
    models.set(match[1], fields);
  }
  return models;
}

// Models that hold what a respondent said, or that are written in the same transaction as it.
const ANONYMOUS_MODELS = ["Response", "EitContactMarker", "IdempotencyKey"];
const ALLOWED_RELATIONS: Record<string, string[]> = { Response: ["Agency", "Cycle"], EitContactMarker: [], IdempotencyKey: [] };
const IDENTITY_NAMES =
  /(^ip|ipaddr|useragent|user_?agent|referr?er|session|user|email|phone|contact(?!hash)|created|updated|time|date|^at$|seq|order|responseid)/i;
// The idempotency record may carry a coarse purge day; EitContactMarker must carry the hash.
const ALLOWED_NAMES: Record<string, string[]> = { IdempotencyKey: ["purgeAfter"], EitContactMarker: ["contactHash"] };
// A service point or a screening category on a response row can name a person (a tag
// "somchai-0819990001"; the one "executive" of a small municipality): counts only, never a column.
const CATEGORY_NAMES = /(channel|counter|servicepoint|^tag|tag$|screening|eligib|position|respondent_?type|category)/i;
// Beside a contact hash (OTP challenge, survey session, marker), no service point either.
const COUNTER_NAMES = /(counter|servicepoint|^tag|tag$)/i;
const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Boolean", "Decimal", "Json", "Bytes", "DateTime"]);
const ENUMS = new Set([...schema.matchAll(/^enum\s+(\w+)/gm)].map((m) => m[1]));

export function anonymityViolations(models: Map<string, Field[]>): string[] {
  const problems: string[] = [];
  for (const modelName of ANONYMOUS_MODELS) {
    const fields = models.get(modelName);
    if (!fields) {
      problems.push(`${modelName}: model missing`);
      continue;
    }
    for (const field of fields) {
      const where = `${modelName}.${field.name}`;
      const baseType = field.type.replace(/[?[\]]/g, "");
      const allowedName = ALLOWED_NAMES[modelName]?.includes(field.name);
      if (baseType === "DateTime" && !allowedName) problems.push(`${where}: timestamp`);
      if (/@default\((autoincrement|now|cuid|ulid|uuid\(7\)|dbgenerated)/.test(field.attributes))
        problems.push(`${where}: generated sequential/time-based value`);
      if (/@updatedAt/.test(field.attributes)) problems.push(`${where}: @updatedAt`);
      if (IDENTITY_NAMES.test(field.name) && !allowedName) problems.push(`${where}: identity-like field name`);
      if (CATEGORY_NAMES.test(field.name)) problems.push(`${where}: counter/channel/screening category (keep it as a tally)`);
      if (!SCALARS.has(baseType) && !ENUMS.has(baseType) && !(ALLOWED_RELATIONS[modelName] ?? []).includes(baseType)) {
        problems.push(`${where}: relation to ${baseType}`);
      }
    }
  }
  for (const [modelName, fields] of models) {
    if (!fields.some((field) => field.name === "contactHash")) continue;
    for (const field of fields) {
      if (COUNTER_NAMES.test(field.name)) problems.push(`${modelName}.${field.name}: counter beside a contact hash`);
    }
  }
  return problems;
}

describe("schema lint: anonymous response models", () => {
  const models = parseModels(schema);

  it("the real schema has no timestamp, identity field, sequential id or foreign relation on response models", () => {
    expect(anonymityViolations(models)).toEqual([]);
  });

  it("catches each kind of violation (so the lint itself cannot silently pass)", () => {
    const bad = (extra: string) => parseModels(schema.replace(/model Response \{/, `model Response {\n  ${extra}`));
    expect(anonymityViolations(bad("submittedAt DateTime"))).toContain("Response.submittedAt: timestamp");
    expect(anonymityViolations(bad("ipAddress String?"))).toContain("Response.ipAddress: identity-like field name");
    expect(anonymityViolations(bad("userAgent String?"))).toContain("Response.userAgent: identity-like field name");
    expect(anonymityViolations(bad("seqNo Int @default(autoincrement())")).join()).toMatch(/seqNo: generated/);
    expect(anonymityViolations(bad("user User? @relation(fields: [x], references: [id])"))).toContain("Response.user: relation to User");
    expect(anonymityViolations(bad("sessionId String?"))).toContain("Response.sessionId: identity-like field name");
  });

  it("catches a counter, channel or screening column on a response row, and a counter beside a contact hash (findings H3, L5)", () => {
    const bad = (extra: string) => parseModels(schema.replace(/model Response \{/, `model Response {\n  ${extra}`));
    const category = "counter/channel/screening category (keep it as a tally)";
    expect(anonymityViolations(bad("channel String"))).toContain(`Response.channel: ${category}`);
    expect(anonymityViolations(bad("counterId String?"))).toContain(`Response.counterId: ${category}`);
    expect(anonymityViolations(bad("counterTag String?"))).toContain(`Response.counterTag: ${category}`);
    expect(anonymityViolations(bad("screening String"))).toContain(`Response.screening: ${category}`);
    expect(anonymityViolations(bad("position String?"))).toContain(`Response.position: ${category}`);
    const beside = (model: string, extra: string) => parseModels(schema.replace(new RegExp(`model ${model} \\{`), `model ${model} {\n  ${extra}`));
    for (const model of ["OtpChallenge", "SurveySession", "EitContactMarker"]) {
      expect(anonymityViolations(beside(model, "counterId String?"))).toContain(`${model}.counterId: counter beside a contact hash`);
    }
  });

  it("response ids are supplied by the app (random), never defaulted by the database", () => {
    const id = parseModels(schema)
      .get("Response")!
      .find((f) => f.name === "id")!;
    expect(id.type).toBe("String");
    expect(id.attributes).toBe("@id");
  });

  it("the SQLite history keeps Response and the marker table WITHOUT ROWID (insert order not recoverable)", () => {
    const dir = path.join(root, "prisma/sqlite/migrations");
    const sql = fs
      .readdirSync(dir)
      .filter((name) => fs.statSync(path.join(dir, name)).isDirectory())
      .sort()
      .map((name) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"))
      .join("\n");
    for (const table of ["Response", "EitContactMarker"]) {
      // The last statement that (re)creates the table decides its final shape.
      const creates = [...sql.matchAll(new RegExp(`CREATE TABLE "(?:new_)?${table}" \\(([\\s\\S]*?)\\n\\)([^;]*);`, "g"))];
      expect(creates.length, `${table} is created`).toBeGreaterThan(0);
      expect(creates.at(-1)![2], `${table} must stay WITHOUT ROWID`).toContain("WITHOUT ROWID");
    }
  });
});
