// The improvement-plan report (การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร): from an agency's scores,
// which items of each indicator need work, and the methodology text, all generated from the ruleset
// so a new fiscal year's rules give a new report without code changes. Pure: no I/O.
import { instrumentIndicators, instrumentItems, PART_CODES, type Indicator, type LocalizedText, type Ruleset } from "./ruleset";
import { PASS_MARK, roundHalfUp2, type AssessmentInput, type AssessmentResult } from "./scoring";

export type WeakItem = { code: string; wording: LocalizedText; score: number };

export type IndicatorAnalysis = {
  code: string;
  name: LocalizedText;
  instrument: "iit" | "eit" | "oit";
  /** published (2 decimals); null when the indicator has no score */
  score: number | null;
  passed: boolean | null;
  /** items scoring below the threshold, weakest first */
  weakItems: WeakItem[];
  /** scored, passed and no item below the threshold: keep the standard */
  strong: boolean;
  /** the analysis paragraph */
  text: LocalizedText;
};

/**
 * Indicator and item scores for the report, one per indicator. EIT indicators are scored in two
 * parts (EIT-1 citizens, EIT-2 key stakeholders); the report shows one figure per indicator: the
 * mean of the parts that have one, weighted by the parts' weights (15/15 → the plain mean).
 */
export function reportScores(ruleset: Ruleset, input: AssessmentInput, result: AssessmentResult) {
  const indicators: Record<string, number | null> = {};
  const items: Record<string, number | null> = {};
  const weighted = (values: { value: number | null | undefined; weight: number }[]) => {
    const known = values.filter((entry): entry is { value: number; weight: number } => typeof entry.value === "number");
    const weight = known.reduce((sum, entry) => sum + entry.weight, 0);
    return known.length && weight > 0 ? known.reduce((sum, entry) => sum + entry.value * entry.weight, 0) / weight : null;
  };
  for (const part of PART_CODES) {
    const instrument = part === "iit" ? "iit" : part === "oit" ? "oit" : "eit";
    const partsOfInstrument = PART_CODES.filter((code) => (code === "iit" ? "iit" : code === "oit" ? "oit" : "eit") === instrument);
    for (const indicator of instrumentIndicators(ruleset, instrument)) {
      indicators[indicator.code] ??= weighted(
        partsOfInstrument.map((code) => ({ value: result.parts[code].indicators[indicator.code], weight: ruleset.parts[code].weight })),
      );
    }
    for (const item of instrumentItems(ruleset, instrument)) {
      items[item.code] ??= weighted(partsOfInstrument.map((code) => ({ value: input[code]?.items?.[item.code], weight: ruleset.parts[code].weight })));
    }
  }
  return { indicators, items };
}

const format = (value: number) => roundHalfUp2(value).toFixed(2);

/**
 * Per indicator: its score, pass/fail at 85, the items below `threshold` (default 85) named by
 * code and wording, and the analysis text — or, for a strong indicator, the text that says to keep
 * the standard.
 */
export function analyseIndicators(
  ruleset: Ruleset,
  scores: { indicators: Record<string, number | null>; items: Record<string, number | null> },
  threshold = PASS_MARK,
): IndicatorAnalysis[] {
  return ruleset.indicators.map((indicator: Indicator): IndicatorAnalysis => {
    const raw = scores.indicators[indicator.code] ?? null;
    const score = raw === null ? null : roundHalfUp2(raw);
    const weakItems = ruleset.items
      .filter((item) => item.indicator === indicator.code)
      .flatMap((item) => {
        const value = scores.items[item.code];
        return typeof value === "number" && roundHalfUp2(value) < threshold ? [{ code: item.code, wording: item.wording, score: roundHalfUp2(value) }] : [];
      })
      .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code, "en", { numeric: true }));
    const passed = score === null ? null : score >= PASS_MARK;
    const strong = passed === true && weakItems.length === 0;
    const name = indicator.name;
    let text: LocalizedText;
    if (score === null) {
      text = {
        th: `ตัวชี้วัดที่ ${indicator.code} ${name.th} ยังไม่มีผลคะแนนในรอบนี้`,
        en: `Indicator ${indicator.code} ${name.en} has no score in this cycle.`,
      };
    } else if (strong) {
      text = {
        th: `ตัวชี้วัดที่ ${indicator.code} ${name.th} ได้คะแนน ${format(score)} คะแนน ผ่านเกณฑ์ และไม่มีข้อใดต่ำกว่า ${threshold} คะแนน หน่วยงานควรรักษามาตรฐานการดำเนินงานในเรื่องนี้ไว้อย่างต่อเนื่อง`,
        en: `Indicator ${indicator.code} ${name.en} scored ${format(score)}, passing, with no item below ${threshold}. The agency should maintain this standard.`,
      };
    } else {
      const verdict = passed ? { th: "ผ่านเกณฑ์", en: "passing" } : { th: `ต่ำกว่าเกณฑ์ ${PASS_MARK} คะแนน`, en: `below the pass mark of ${PASS_MARK}` };
      text = weakItems.length
        ? {
            th: `ตัวชี้วัดที่ ${indicator.code} ${name.th} ได้คะแนน ${format(score)} คะแนน ${verdict.th} ประเด็นที่ควรพัฒนา (ต่ำกว่า ${threshold} คะแนน) มี ${weakItems.length} ข้อ ได้แก่ ${weakItems.map((item) => `ข้อ ${item.code} (${format(item.score)})`).join(", ")}`,
            en: `Indicator ${indicator.code} ${name.en} scored ${format(score)}, ${verdict.en}. ${weakItems.length} item(s) below ${threshold} need work: ${weakItems.map((item) => `${item.code} (${format(item.score)})`).join(", ")}.`,
          }
        : {
            th: `ตัวชี้วัดที่ ${indicator.code} ${name.th} ได้คะแนน ${format(score)} คะแนน ${verdict.th}`,
            en: `Indicator ${indicator.code} ${name.en} scored ${format(score)}, ${verdict.en}.`,
          };
    }
    return { code: indicator.code, name, instrument: indicator.instrument, score, passed, weakItems, strong, text };
  });
}

/** The methodology section, generated from the ruleset: instruments, weights, minimum samples, bands. */
export function methodology(ruleset: Ruleset): { heading: LocalizedText; lines: LocalizedText[] }[] {
  const { sampling } = ruleset;
  const parts = PART_CODES.map((code) => ({ code, ...ruleset.parts[code] }));
  const instrumentName = (code: "iit" | "eit" | "oit") => ruleset.instruments[code].name;
  return [
    {
      heading: { th: "เครื่องมือการประเมิน", en: "Instruments" },
      lines: (["iit", "eit", "oit"] as const).map((code) => ({
        th: `${instrumentName(code).th} (${code.toUpperCase()}) จำนวน ${instrumentItems(ruleset, code).length} ข้อ ${instrumentIndicators(ruleset, code).length} ตัวชี้วัด`,
        en: `${instrumentName(code).en}: ${instrumentItems(ruleset, code).length} items, ${instrumentIndicators(ruleset, code).length} indicators`,
      })),
    },
    {
      heading: { th: "น้ำหนักคะแนน", en: "Weights" },
      lines: [
        {
          th: `คะแนนรวม = ${parts.map((part) => `${part.name.th} ร้อยละ ${part.weight}`).join(" + ")}`,
          en: `Total = ${parts.map((part) => `${part.weight} % ${part.name.en}`).join(" + ")}`,
        },
      ],
    },
    {
      heading: { th: "จำนวนผู้ตอบขั้นต่ำ", en: "Minimum samples" },
      lines: [
        {
          th: `IIT และ EIT ส่วนที่ 1: ร้อยละ ${sampling.percent} ของจำนวนประชากร (N) แต่ไม่น้อยกว่า ${sampling.floor} คน หาก N น้อยกว่า ${sampling.allOfPopulationBelow} ใช้ทั้งหมด หาก N มากกว่า ${sampling.largePopulationAbove.toLocaleString("en")} ใช้ ${sampling.largePopulationMinimum} คน`,
          en: `IIT and EIT part 1: ${sampling.percent} % of the population N, at least ${sampling.floor}; all of N below ${sampling.allOfPopulationBelow}; ${sampling.largePopulationMinimum} when N exceeds ${sampling.largePopulationAbove.toLocaleString("en")}`,
        },
        {
          th: `EIT ส่วนที่ 2: ไม่น้อยกว่าร้อยละ ${sampling.eitPart2.percentOfPart1} ของจำนวนขั้นต่ำของ EIT ส่วนที่ 1 และไม่น้อยกว่า ${sampling.eitPart2.floor} คน`,
          en: `EIT part 2: at least ${sampling.eitPart2.percentOfPart1} % of the EIT part 1 minimum, and at least ${sampling.eitPart2.floor}`,
        },
      ],
    },
    {
      heading: { th: "ระดับผลการประเมิน", en: "Rating bands" },
      lines: ruleset.ratingBands.map((band) => ({
        th: `${band.label.th}: คะแนนรวมตั้งแต่ ${band.minTotal}${band.minEveryPart !== undefined ? ` และทุกแบบวัดตั้งแต่ ${band.minEveryPart}` : ""}`,
        en: `${band.label.en}: total ≥ ${band.minTotal}${band.minEveryPart !== undefined ? ` and every part ≥ ${band.minEveryPart}` : ""}`,
      })),
    },
  ];
}
