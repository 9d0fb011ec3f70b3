// Screening (eligibility) questions of IIT / EIT, as data in the ruleset. Their answers are stored
// with a response only as these coarse category codes.
import { z } from "zod";
import type { LocalizedText, PerceptionInstrument, Ruleset, ScreeningQuestion } from "./ruleset";

export function screeningQuestions(ruleset: Ruleset, instrument: PerceptionInstrument): ScreeningQuestion[] {
  return ruleset.screening[instrument];
}

/** Exactly one known option code per screening question; nothing else. */
export function screeningSchema(ruleset: Ruleset, instrument: PerceptionInstrument) {
  const shape: Record<string, z.ZodType<string>> = {};
  for (const question of screeningQuestions(ruleset, instrument)) {
    const codes = question.options.map((option) => option.code);
    shape[question.code] = z
      .string({ error: `กรุณาตอบคำถาม "${question.question.th}" / Please answer "${question.question.en}"` })
      .refine((value) => codes.includes(value), {
        error: `คำตอบไม่ถูกต้อง: "${question.question.th}" / Not a valid answer: "${question.question.en}"`,
      });
  }
  return z.strictObject(shape);
}

/** The message of the first answer that makes the person ineligible, or null when eligible. */
/** The code of the first screening question whose answer makes the respondent ineligible, or null. */
export function blockingQuestion(ruleset: Ruleset, instrument: PerceptionInstrument, screening: Record<string, string>): string | null {
  for (const question of screeningQuestions(ruleset, instrument)) {
    if (question.options.find((option) => option.code === screening[question.code])?.blocks) return question.code;
  }
  return null;
}

/** The polite "not for you, thank you" text of a blocking question (null: no such question). */
export function blockedMessage(ruleset: Ruleset, instrument: PerceptionInstrument, questionCode: string | null): LocalizedText | null {
  const question = screeningQuestions(ruleset, instrument).find((q) => q.code === questionCode);
  if (!question) return null;
  return question.blockedMessage ?? { th: "ท่านไม่อยู่ในกลุ่มผู้ตอบแบบวัดนี้", en: "This survey is not for you." };
}

export function screeningBlock(ruleset: Ruleset, instrument: PerceptionInstrument, screening: Record<string, string>): LocalizedText | null {
  return blockedMessage(ruleset, instrument, blockingQuestion(ruleset, instrument, screening));
}
