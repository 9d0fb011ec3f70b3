import { Form, useLocation } from "@remix-run/react";
import { useT } from "~/utils/use-lang";

export type YearSwitchProps = { years: number[]; chosen: number | null; current: number | null; readOnly: boolean };

/**
 * Which fiscal year the admin pages show (a POST to /admin/year that sets a cookie; works without
 * JavaScript), and a banner while a past year is shown: it is read-only.
 */
export function YearSwitch({ years, chosen, current, readOnly }: YearSwitchProps) {
  const location = useLocation();
  const t = useT();
  if (years.length === 0) return null;
  return (
    <div className="year-switch no-print">
      {years.length > 1 ? (
        <Form method="post" action="/admin/year" reloadDocument>
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <label htmlFor="year-switch">{t("years.switch.label")}</label>{" "}
          <select id="year-switch" name="year" defaultValue={chosen ?? undefined} key={chosen}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year === current ? t("years.switch.current", { year }) : year}
              </option>
            ))}
          </select>{" "}
          <button type="submit">{t("years.switch.go")}</button>
        </Form>
      ) : null}
      {readOnly && chosen !== null ? (
        <p className="notice" role="status" data-testid="past-year">
          {t("years.switch.pastBanner", { year: chosen })}
        </p>
      ) : null}
    </div>
  );
}
