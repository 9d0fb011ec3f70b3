// A service counter's id as it travels in the EIT link (?c=<id>): 16 lower-case Crockford Base32
// characters = 80 random bits, issued by the server when the agency admin registers the counter
// (models/service-counter.server.ts). Opaque: nothing in it comes from the counter's label, so a
// link cannot name a person. Isomorphic: only the shape is checked here; whether the id is a live
// counter of the agency is the database's call.
export const COUNTER_ID = /^[0-9abcdefghjkmnpqrstvwxyz]{16}$/;

/** A counter's label (shown to admins and on its poster, never in a link). */
export const COUNTER_LABEL_MAX = 60;
