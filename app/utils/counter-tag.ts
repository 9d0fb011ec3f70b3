// A counter tag (?c=front-desk) names the service point an EIT response came through — a count
// only. Isomorphic: used by form schemas on both sides.
export const COUNTER_TAG = /^[a-z0-9][a-z0-9-]{0,31}$/;
