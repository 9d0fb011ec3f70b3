// The stuffing flags of an agency (attack M7, app/domain/integrity-flags.ts): counts only, shown to
// the province coordinator and the assessor on the overview and the agency page.
import type { IntegrityFlags } from "~/domain/integrity-flags";
import type { Translate } from "~/utils/i18n";

/** Attack M7: counts only, per agency (app/domain/integrity-flags.ts). */
export function IntegrityFlagsSection({ flags, t }: { flags: IntegrityFlags | null; t: Translate }) {
  return (
    <section className="no-print" aria-labelledby="integrity-title" data-testid="integrity-flags">
      <h2 id="integrity-title">{t("integrity.title")}</h2>
      <p className="hint">{t("integrity.hint")}</p>
      {flags ? <IntegrityFlagList flags={flags} t={t} /> : <p>{t("integrity.none")}</p>}
    </section>
  );
}

export function IntegrityFlagList({ flags, t }: { flags: IntegrityFlags; t: Translate }) {
  return (
    <ul className="integrity-flags">
      {flags.staffPopulationChanges ? (
        <li data-flag="staff-population">{t("integrity.staffPopulation", { count: flags.staffPopulationChanges, raised: flags.staffPopulationRaised })}</li>
      ) : null}
      {flags.externalPopulationChanges ? (
        <li data-flag="external-population">{t("integrity.externalPopulation", { count: flags.externalPopulationChanges })}</li>
      ) : null}
      {flags.burstsAfterRotation ? (
        <li data-flag="burst-after-rotation">{t("integrity.burst", { bursts: flags.burstsAfterRotation, responses: flags.responsesAfterRotation })}</li>
      ) : null}
    </ul>
  );
}
