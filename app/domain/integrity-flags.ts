// Attack M7 (issue 19): an agency admin holds its IIT code and sets its own staff cap, so it can
// stuff its IIT and nothing showed it. Two patterns become flags for the province coordinator and
// the assessor (docs/decisions/015):
// - a population changed after its instrument started collecting (the internal population is the
//   IIT's cap and minimum sample; the external one, the EIT-1's minimum sample);
// - a burst of IIT responses right after the code was rotated (a fresh code only the admin knows).
// The rules read only what is already kept: the audit rows of population changes and code
// rotations, and the daily counts per instrument. Everything is per agency and per day, counts
// only: a flag never points at a response, and no time finer than a day is used or shown.

export type Day = string; // YYYY-MM-DD, Bangkok time (DailyCount.day)

export type PopulationChange = {
  day: Day;
  internalPopulation: number | null;
  externalPopulation: number | null;
  /** The values before the change, when the audit row recorded them (rows since issue 19). */
  previous?: { internalPopulation: number | null; externalPopulation: number | null } | null;
};

export type IntegrityInput = {
  /** The staff population now (the burst threshold is a share of it). */
  internalPopulation: number | null;
  /** Population changes in the order they were made. */
  populationChanges: PopulationChange[];
  /** Days on which the IIT code was rotated (replaced; the first issue is not a rotation). */
  codeRotations: Day[];
  /** Responses per day and instrument (DailyCount). */
  daily: { day: Day; instrument: string; responses: number }[];
};

export type IntegrityFlags = {
  /** Changes of the staff population after IIT collection started, and how many raised it. */
  staffPopulationChanges: number;
  staffPopulationRaised: number;
  /** Changes of the external population after EIT-1 collection started. */
  externalPopulationChanges: number;
  /** Rotations followed by a burst, and the IIT responses counted on those days. */
  burstsAfterRotation: number;
  responsesAfterRotation: number;
};

/** A burst: IIT responses on the rotation day and the next ≥ this many… */
export const BURST_MIN_RESPONSES = 10;
/** …and ≥ this share of the staff population. */
export const BURST_SHARE_OF_POPULATION = 0.2;
/** The rotation day and the day after (the finest grain the daily counts give). */
export const BURST_DAYS = 2;

function addDays(day: Day, days: number): Day {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first day with a response of the instrument, or null. */
function firstDay(daily: IntegrityInput["daily"], instrument: string): Day | null {
  let first: Day | null = null;
  for (const row of daily) if (row.instrument === instrument && row.responses > 0 && (first === null || row.day < first)) first = row.day;
  return first;
}

/**
 * The flags of one agency, or null when there is none. A population change counts when the value
 * was already set and changes, on or after the first day its instrument had a response (the day is
 * the finest grain kept, so a correction later on that first day counts too: a flag asks for a
 * look, it is not a verdict). Entering a population for the first time never counts.
 */
export function integrityFlags(input: IntegrityInput): IntegrityFlags | null {
  const iitStart = firstDay(input.daily, "iit");
  const eitStart = firstDay(input.daily, "eit1");
  const flags: IntegrityFlags = {
    staffPopulationChanges: 0,
    staffPopulationRaised: 0,
    externalPopulationChanges: 0,
    burstsAfterRotation: 0,
    responsesAfterRotation: 0,
  };

  let known: { internalPopulation: number | null; externalPopulation: number | null } | null = null;
  for (const change of input.populationChanges) {
    const before = change.previous ?? known;
    if (before) {
      const staffChanged = before.internalPopulation !== null && change.internalPopulation !== before.internalPopulation;
      if (staffChanged && iitStart !== null && change.day >= iitStart) {
        flags.staffPopulationChanges++;
        if ((change.internalPopulation ?? 0) > (before.internalPopulation ?? 0)) flags.staffPopulationRaised++;
      }
      const externalChanged = before.externalPopulation !== null && change.externalPopulation !== before.externalPopulation;
      if (externalChanged && eitStart !== null && change.day >= eitStart) flags.externalPopulationChanges++;
    }
    known = { internalPopulation: change.internalPopulation, externalPopulation: change.externalPopulation };
  }

  const iitByDay = new Map<Day, number>();
  for (const row of input.daily) if (row.instrument === "iit") iitByDay.set(row.day, (iitByDay.get(row.day) ?? 0) + row.responses);
  const threshold = Math.max(BURST_MIN_RESPONSES, Math.ceil(BURST_SHARE_OF_POPULATION * (input.internalPopulation ?? 0)));
  // Several rotations on one day are one window; overlapping windows count their days once.
  const counted = new Set<Day>();
  for (const rotation of [...new Set(input.codeRotations)].sort()) {
    const days = Array.from({ length: BURST_DAYS }, (_, i) => addDays(rotation, i));
    const responses = days.reduce((sum, day) => sum + (iitByDay.get(day) ?? 0), 0);
    if (responses < threshold) continue;
    flags.burstsAfterRotation++;
    for (const day of days) {
      if (counted.has(day)) continue;
      counted.add(day);
      flags.responsesAfterRotation += iitByDay.get(day) ?? 0;
    }
  }

  const any = flags.staffPopulationChanges + flags.externalPopulationChanges + flags.burstsAfterRotation > 0;
  return any ? flags : null;
}

/** Who sees the flags: the province coordinator, the assessor and the system admin (not the agency admin). */
export const INTEGRITY_FLAG_ROLES = ["province_coordinator", "national_assessor", "system_admin"] as const;
