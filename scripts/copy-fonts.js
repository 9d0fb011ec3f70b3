#!/usr/bin/env node
// Copy the Sarabun web fonts (the typeface of Thai government documents, from the npm package
// @fontsource/sarabun, OFL) into public/fonts/, where the printed improvement-plan report loads them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "node_modules/@fontsource/sarabun/files");
const target = path.join(root, "public/fonts");
fs.mkdirSync(target, { recursive: true });
let copied = 0;
for (const subset of ["thai", "latin"]) {
  for (const weight of [400, 700]) {
    const file = `sarabun-${subset}-${weight}-normal.woff2`;
    fs.copyFileSync(path.join(source, file), path.join(target, file));
    copied++;
  }
}
console.log(`✓ ${copied} Sarabun font files in public/fonts`);
