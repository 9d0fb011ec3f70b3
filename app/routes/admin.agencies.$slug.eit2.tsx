import { windowState } from "~/domain/collection";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyForm } from "~/components/survey-form";
import { getAgencyCycle } from "~/models/agency.server";
import { getCycleRuleset } from "~/models/cycle.server";
import { minimumsFor } from "~/models/progress.server";
import { getTally } from "~/models/response.server";
import { recordAssessorResponse, SUBMISSION_KEY_PATTERN } from "~/models/submission.server";
import { canEnterAssessorData, requireAdminAgency, requireCycle } from "~/services/admin-guard.server";
import { actionError, actionOk } from "~/utils/action-result";
import { randomToken } from "~/utils/crypto.server";
import { invariantResponse, readForm } from "~/utils/http.server";
import { type MessageKey, localName } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { fieldErrors } from "~/services/survey-guard.server";
import { useT } from "~/utils/use-lang";
import { parseStakeholderType } from "~/services/forms/admin-agency.server";
import { answersSchema, screeningQuestions, surveyView } from "~/services/forms/ruleset.server";
import { useRejectedForm } from "~/components/rejected-form";

// The stakeholder's respondent type is the only screening recorded (a coarse category); the
// "dealt with the agency this year" question is the assessor's own selection criterion.
const STAKEHOLDER_TYPE = "respondent-type";

async function load(request: Request, slug: string | undefined) {
  const { session, agency } = await requireAdminAgency(request, slug);
  invariantResponse(canEnterAssessorData(session.user.grants), bothLangs("refuse.assessorsOnly"), { status: 403 });
  const cycle = await requireCycle(request);
  const agencyCycle = await getAgencyCycle(agency.id, cycle.id);
  invariantResponse(agencyCycle?.registered, bothLangs("refuse.agencyNotRegistered"), { status: 404 });
  return { session, agency, cycle, agencyCycle, ruleset: getCycleRuleset(cycle) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { session, agency, cycle, agencyCycle, ruleset } = await load(request, params.slug);
  const typeQuestion = screeningQuestions(ruleset, "eit").find((question) => question.code === STAKEHOLDER_TYPE);
  return {
    lang,
    agency: { slug: agency.slug, name: localName(agency, lang) },
    entered: (await getTally(agency.id, cycle.id, "eit2")).responses,
    minimum: minimumsFor({ ...agencyCycle, sizeGroup: agency.sizeGroup }, ruleset).eit2,
    published: Boolean(agencyCycle.publishedAt),
    windowOpen: windowState(cycle, "eit2") === "open",
    typeQuestion: typeQuestion
      ? { legend: typeQuestion.question[lang], options: typeQuestion.options.map((option) => ({ value: option.code, label: option.label[lang] })) }
      : null,
    view: surveyView(ruleset, "eit", lang),
    submissionKey: randomToken(16),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const { session, agency, cycle, agencyCycle, ruleset } = await load(request, params.slug);
  const { submissionKey, [STAKEHOLDER_TYPE]: stakeholderType, ...fields } = Object.fromEntries(form) as Record<string, string>;
  // A refused entry keeps its answers in the page.
  const fail = (status: number, message?: MessageKey, errors?: Record<string, string>) =>
    actionError(status, { message, errors, values: { ...fields, [STAKEHOLDER_TYPE]: stakeholderType ?? "" } });
  if (agencyCycle.publishedAt) return fail(403, "eit2.closed");
  // After the EIT window closes the figures are final and shown (decision 012): an entry then
  // would move them by one response, which a watcher could difference.
  if (windowState(cycle, "eit2") !== "open") return fail(403, "eit2.windowClosed");
  if (typeof submissionKey !== "string" || !SUBMISSION_KEY_PATTERN.test(submissionKey)) return fail(400, "error.400");
  const typeCodes =
    screeningQuestions(ruleset, "eit")
      .find((question) => question.code === STAKEHOLDER_TYPE)
      ?.options.map((option) => option.code) ?? [];
  const typeOk = parseStakeholderType(typeCodes, stakeholderType);
  const parsed = answersSchema(ruleset, "eit").safeParse(fields);
  if (!parsed.success || !typeOk.success) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (!typeOk.success) errors[STAKEHOLDER_TYPE] = bothLangs("field.stakeholderType");
    return fail(400, undefined, errors);
  }
  let outcome;
  try {
    outcome = await recordAssessorResponse({
      submissionKey,
      agencyId: agency.id,
      cycleId: cycle.id,
      actorId: session.userId,
      screening: typeOk.data ? { [STAKEHOLDER_TYPE]: typeOk.data } : {},
      answers: parsed.data,
      ruleset,
    });
  } catch (error) {
    console.error("[eit2] entry not saved:", error instanceof Error ? error.message : "unknown error");
    return fail(503, "survey.notSaved");
  }
  // Published between the page load and this submit: the frozen tally refused it.
  if (outcome.status === "refused") return fail(403, "eit2.closed");
  return actionOk({ message: "eit2.saved" });
}

export default function AssessorEitPart2Page() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const navigation = useNavigation();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/admin/agencies/${loaded.agency.slug}`}>{loaded.agency.name}</Link>
      </p>
      <h1>{t("eit2.title")}</h1>
      <p>{t("eit2.body")}</p>
      <p className="agency-name" data-testid="eit2-count">
        {t("eit2.count", { n: loaded.entered, min: loaded.minimum ?? "—" })}
      </p>
      {result?.ok && result.message ? (
        <p className="form-ok" role="status">
          {t(result.message)}
        </p>
      ) : null}
      {loaded.published || !loaded.windowOpen ? (
        <p className="notice">{t(loaded.published ? "eit2.closed" : "eit2.windowClosed")}</p>
      ) : (
        // key: a fresh, empty form (and submission key) after each saved entry
        <SurveyForm
          key={loaded.submissionKey}
          view={loaded.view}
          submissionKey={loaded.submissionKey}
          values={result?.ok ? undefined : result?.values}
          errors={result?.errors}
          formError={!result?.ok && result?.message ? t(result.message) : null}
          submitting={navigation.state === "submitting"}
          extraQuestion={loaded.typeQuestion ? { name: "respondent-type", ...loaded.typeQuestion } : undefined}
        />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
