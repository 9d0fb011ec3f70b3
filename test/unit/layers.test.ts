// The floors of the code (docs/decisions/009-layers.md): each floor imports only the floors below
// it. routes / commands → services → models → db → utils → domain. This test reads every import in
// app/ and fails the build when one runs up-hill, so the structure cannot drift silently.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

type Floor = "routes" | "commands" | "components" | "services" | "models" | "db" | "utils" | "env" | "domain" | "entry" | "generated" | "styles";

/** The floor of a file, from its path relative to app/. */
export function floorOf(relative: string): Floor {
  const [top] = relative.split("/");
  if (
    top === "routes" ||
    top === "commands" ||
    top === "components" ||
    top === "services" ||
    top === "models" ||
    top === "utils" ||
    top === "domain" ||
    top === "generated" ||
    top === "styles"
  )
    return top;
  if (/^db(-direct)?\.server(\.ts)?$/.test(relative)) return "db";
  if (/^env\.server(\.ts)?$/.test(relative)) return "env";
  return "entry"; // root.tsx, entry.server.tsx, entry.client.tsx
}

/** What each floor may import (besides its own floor and packages). */
const MAY_IMPORT: Record<Floor, Floor[]> = {
  entry: ["styles", "routes", "components", "services", "models", "db", "utils", "env", "domain", "generated"],
  routes: ["styles", "components", "services", "models", "utils", "env", "domain", "generated"],
  commands: ["services", "models", "utils", "env", "domain", "generated"],
  components: ["utils", "domain"],
  services: ["models", "db", "utils", "env", "domain", "generated"],
  models: ["db", "utils", "env", "domain", "generated"],
  db: ["utils", "env", "domain", "generated"],
  utils: ["env", "domain"],
  env: ["utils"], // only utils/database-url.ts (checked below): the default DATABASE_URL
  domain: [],
  generated: ["generated"],
  styles: [],
};

/**
 * Every import specifier of a source file, static and dynamic. `import type` is left out: it is
 * erased at build time, and a component typing its props as `typeof loader` (Remix's idiom) is not
 * a dependency on the floor above.
 */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(import|export)\s([^;]*?)from\s+"([^"]+)"/g)) {
    if (m[1] === "import" && /^type\s/.test(m[2])) continue;
    found.push(m[3]);
  }
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+"([^"]+)"/g)) found.push(m[1]);
  for (const m of source.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) found.push(m[1]);
  return found;
}

/** The app-relative path an import points at, or null for a package. */
function resolveImport(fromRelative: string, specifier: string): string | null {
  if (specifier.startsWith("~/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(fromRelative), specifier));
  return null;
}

/** Up-hill imports in the given files: "file → import (floor → floor)". */
export function upHillImports(files: Array<{ relative: string; source: string }>): string[] {
  const offences: string[] = [];
  for (const { relative, source } of files) {
    const from = floorOf(relative);
    for (const specifier of importsOf(source)) {
      const target = resolveImport(relative, specifier);
      if (from === "domain") {
        // The domain is pure: zod and its own files, nothing else (no Remix, Prisma, node:, I/O).
        const own = target !== null && target.startsWith("domain/");
        if (!own && specifier !== "zod") offences.push(`${relative} → ${specifier} (domain imports only zod and domain/)`);
        continue;
      }
      if (target === null) continue;
      if (target.startsWith("..")) continue; // outside app/ (e.g. the generated client's path)
      const to = floorOf(target);
      if (to === from) continue;
      if (from === "env" && !target.startsWith("utils/database-url")) {
        offences.push(`${relative} → ${specifier} (env.server.ts imports only utils/database-url)`);
        continue;
      }
      if (!MAY_IMPORT[from].includes(to)) offences.push(`${relative} → ${specifier} (${from} → ${to})`);
    }
  }
  return offences;
}

/** Files outside env.server.ts that read process.env. */
export function envReaders(files: Array<{ relative: string; source: string }>): string[] {
  return files.filter(({ relative, source }) => relative !== "env.server.ts" && /process\.env\b/.test(source)).map((f) => f.relative);
}

function appFiles(): Array<{ relative: string; source: string }> {
  const out: Array<{ relative: string; source: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (/\.(ts|tsx|js)$/.test(entry.name)) {
        out.push({ relative: path.relative(APP, full).split(path.sep).join("/"), source: fs.readFileSync(full, "utf8") });
      }
    }
  };
  walk(APP);
  return out;
}

describe("the floors", () => {
  it("catches an up-hill import (the check works)", () => {
    const planted = [
      { relative: "utils/x.ts", source: 'import { getAgencyBySlug } from "~/models/agency.server";' },
      { relative: "domain/y.ts", source: 'import { PrismaClient } from "@prisma/client";\nimport { z } from "zod";\nimport { a } from "./z";' },
      { relative: "routes/z.tsx", source: 'import { db } from "~/db.server";' },
      { relative: "models/w.server.ts", source: 'import { requireAdmin } from "~/services/admin-guard.server";' },
      { relative: "services/v.server.ts", source: 'import { db } from "~/db.server";\nimport { a } from "./u";' },
    ];
    expect(upHillImports(planted)).toEqual([
      "utils/x.ts → ~/models/agency.server (utils → models)",
      "domain/y.ts → @prisma/client (domain imports only zod and domain/)",
      "routes/z.tsx → ~/db.server (routes → db)",
      "models/w.server.ts → ~/services/admin-guard.server (models → services)",
    ]);
    expect(
      envReaders([
        { relative: "utils/a.ts", source: "const x = process.env.PORT;" },
        { relative: "env.server.ts", source: "process.env" },
      ]),
    ).toEqual(["utils/a.ts"]);
  });

  it("app/commands is a floor of its own: services and below, never the database or a route", () => {
    const planted = [
      { relative: "commands/a.ts", source: 'import { prisma } from "~/db.server";\nimport { closeDirectConnections } from "../db-direct.server";' },
      { relative: "commands/b.ts", source: 'import { loader } from "~/routes/admin";\nimport { Field } from "~/components/field";' },
      {
        relative: "commands/c.ts",
        source:
          'import { purgeExpiredRows } from "~/services/maintenance.server";\nimport { score } from "~/domain/scoring";\nimport { defineCommand } from "./index";',
      },
      { relative: "services/d.server.ts", source: 'import { purge } from "~/commands/purge";' },
    ];
    expect(upHillImports(planted)).toEqual([
      "commands/a.ts → ~/db.server (commands → db)",
      "commands/a.ts → ../db-direct.server (commands → db)",
      "commands/b.ts → ~/routes/admin (commands → routes)",
      "commands/b.ts → ~/components/field (commands → components)",
      "services/d.server.ts → ~/commands/purge (services → commands)",
    ]);
    expect(
      appFiles().some((f) => f.relative.startsWith("commands/")),
      "the real app/commands/ is walked",
    ).toBe(true);
  });

  it("no import in app/ runs up-hill", () => {
    const files = appFiles();
    expect(files.length).toBeGreaterThan(80);
    expect(upHillImports(files)).toEqual([]);
  });

  it("only app/env.server.ts reads process.env (the server entry included)", () => {
    const readers = envReaders(appFiles());
    const serve = fs.readdirSync(path.join(ROOT, "scripts")).filter((f) => /^serve\./.test(f));
    expect(serve.length).toBeGreaterThan(0);
    for (const file of serve) {
      if (/process\.env\b/.test(fs.readFileSync(path.join(ROOT, "scripts", file), "utf8"))) readers.push(`scripts/${file}`);
    }
    expect(readers).toEqual([]);
  });

  it("the CLI entry (scripts/ita.ts) reads no process.env either", () => {
    expect(fs.readFileSync(path.join(ROOT, "scripts/ita.ts"), "utf8")).not.toMatch(/process\.env\b/);
  });
});
