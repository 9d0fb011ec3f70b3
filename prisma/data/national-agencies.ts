// Who exists in `npm run seed:national` (prisma/seed-national.ts): the agencies' names, kinds and
// provinces, planned from the seed's random sequence without a database, so a test can read the very
// names the seed writes (test/unit/domain/otp-message.test.ts: every name's OTP SMS fits one
// segment). Synthetic: the names outside Sakon Nakhon are made up.
import { agencyKind, type AgencyKindCode } from "~/domain/agency-kinds";
import { sakonNakhonAgencies, sakonNakhonProvince } from "./sakon-nakhon";
import { thaiProvinces } from "./provinces";

type AgencyKind = AgencyKindCode;

export type PlannedAgency = {
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: AgencyKind;
  provinceCode: string | null;
};

// Generated names start with the kind's name from the one table of kinds (app/domain/agency-kinds.ts),
// in title case in English ("Ban Kaeo Subdistrict Municipality").
const titleCase = (text: string) => text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
const named = (kind: AgencyKind, share: number): [AgencyKind, string, string, number] => [kind, agencyKind(kind).th, titleCase(agencyKind(kind).en), share];
export const CENTRAL: [AgencyKind, string, string, number][] = [
  named("ministry", 20),
  named("department", 145),
  named("state_enterprise", 55),
  named("public_organization", 60),
  named("university", 80),
  named("independent_organ", 12),
];
// Generated place names: two Thai syllables with their romanisation, e.g. หนองแก้ว / Nong Kaeo.
export const FIRST: [string, string][] = [
  ["บ้าน", "Ban"],
  ["หนอง", "Nong"],
  ["โนน", "Non"],
  ["ดอน", "Don"],
  ["นา", "Na"],
  ["ห้วย", "Huai"],
  ["โคก", "Khok"],
  ["ท่า", "Tha"],
  ["บึง", "Bueng"],
  ["วัง", "Wang"],
  ["คำ", "Kham"],
  ["สระ", "Sa"],
  ["ทุ่ง", "Thung"],
  ["เขา", "Khao"],
  ["ป่า", "Pa"],
  ["แม่", "Mae"],
  ["บาง", "Bang"],
  ["ศรี", "Si"],
  ["โพธิ์", "Pho"],
  ["นาง", "Nang"],
];
export const SECOND: [string, string][] = [
  ["แก้ว", "Kaeo"],
  ["ใหญ่", "Yai"],
  ["สวรรค์", "Sawan"],
  ["ทอง", "Thong"],
  ["งาม", "Ngam"],
  ["ไผ่", "Phai"],
  ["หลวง", "Luang"],
  ["ยาง", "Yang"],
  ["จาน", "Chan"],
  ["เรือ", "Ruea"],
  ["ขาม", "Kham"],
  ["แดง", "Daeng"],
  ["บัว", "Bua"],
  ["สูง", "Sung"],
  ["กลาง", "Klang"],
  ["ใหม่", "Mai"],
  ["เหนือ", "Nuea"],
  ["ทราย", "Sai"],
  ["หิน", "Hin"],
  ["ชัย", "Chai"],
  ["สะอาด", "Sa-at"],
  ["เจริญ", "Charoen"],
  ["พัฒนา", "Phatthana"],
  ["สำราญ", "Samran"],
];
export const LOCAL_KINDS: [AgencyKind, string, string, number][] = [
  named("local_sao", 0.68),
  named("local_subdistrict", 0.29),
  named("local_town", 0.025),
  named("local_city", 0.005),
];

export function planNationalAgencies(count: number, random: () => number): PlannedAgency[] {
  const planned: PlannedAgency[] = [];
  const slugs = new Set<string>();
  const add = (agency: PlannedAgency) => {
    let slug = agency.slug;
    for (let n = 2; slugs.has(slug); n++) slug = `${agency.slug}-${n}`;
    slugs.add(slug);
    planned.push({ ...agency, slug });
  };
  const scale = count / 8300;
  for (const [kind, th, en, count] of CENTRAL) {
    for (let n = 1; n <= Math.max(1, Math.round(count * scale)); n++) {
      add({ slug: `${kind.replace(/_/g, "-")}-${n}`, nameTh: `${th}ที่ ${n}`, nameEn: `${en} No. ${n}`, kind, provinceCode: null });
    }
  }
  const sakon = sakonNakhonAgencies;
  const otherProvinces = thaiProvinces.filter((province) => province.code !== sakonNakhonProvince.code);
  // Provinces differ in size: weights 0.4–1.6, scaled so the total lands on `count`.
  const localTotal = count - planned.length - sakon.length - otherProvinces.length * 2;
  const weights = otherProvinces.map(() => 0.4 + random() * 1.2);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let remaining = localTotal;
  for (const [index, province] of otherProvinces.entries()) {
    const provincePlace = province.slug;
    add({
      slug: `${provincePlace}-provincial-office`,
      nameTh: `สำนักงานจังหวัด${province.nameTh}`,
      nameEn: `${province.nameEn} Provincial Office`,
      kind: "provincial_admin",
      provinceCode: province.code,
    });
    add({
      slug: `${provincePlace}-pao`,
      nameTh: `องค์การบริหารส่วนจังหวัด${province.nameTh}`,
      nameEn: `${province.nameEn} Provincial Administrative Organization`,
      kind: "local_pao",
      provinceCode: province.code,
    });
    const count = index === otherProvinces.length - 1 ? remaining : Math.round((localTotal * weights[index]) / weightSum);
    remaining -= count;
    for (let n = 0; n < count; n++) {
      const pick = random();
      let cumulative = 0;
      const [kind, th, en] = LOCAL_KINDS.find(([, , , share]) => (cumulative += share) >= pick) ?? LOCAL_KINDS[0];
      const [a, aEn] = FIRST[Math.floor(random() * FIRST.length)];
      const [b, bEn] = SECOND[Math.floor(random() * SECOND.length)];
      const place = `${aEn} ${bEn}`;
      add({
        slug: `${place}-${provincePlace}`.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
        nameTh: `${th}${a}${b}`,
        nameEn: `${place} ${en}`,
        kind,
        provinceCode: province.code,
      });
    }
  }
  for (const row of sakon) add({ slug: row.slug, nameTh: row.nameTh, nameEn: row.nameEn, kind: row.kind, provinceCode: sakonNakhonProvince.code });
  return planned;
}
