// Per-client rate limits count a network, not one address (shared/security.md: IPv4 /32, IPv6
// /64). One IPv6 subscriber gets a whole /64 (2^64 addresses), so limits keyed per /128 gave an
// attacker unlimited tries (attack L4). Pure string work, no I/O: usable by any floor.

/**
 * The limiter's view of a client address: an IPv4 address as is ("/32"), an IPv6 address as its
 * /64 prefix ("2001:db8:1:2::/64"). IPv4-mapped IPv6 ("::ffff:192.0.2.1", as Node reports IPv4
 * clients on a dual-stack socket) counts as the IPv4 address. Anything else (e.g. "unknown") is
 * returned trimmed and lower-cased, so it is still one key.
 */
export function clientKey(address: string): string {
  const trimmed = address.trim().toLowerCase();
  if (isIpv4(trimmed)) return trimmed;
  const groups = ipv6Groups(trimmed);
  if (!groups) return trimmed;
  // ::ffff:a.b.c.d (IPv4-mapped): the IPv4 client behind a dual-stack socket.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, "").replace(/%.*$/, ""); // brackets, zone id (fe80::1%eth0)
  if (!address.includes(":")) return null;
  const tail: number[] = [];
  // An embedded IPv4 address in the last 32 bits (::ffff:192.0.2.1, 64:ff9b::192.0.2.1).
  const lastColon = address.lastIndexOf(":");
  const last = address.slice(lastColon + 1);
  if (last.includes(".")) {
    if (!isIpv4(last)) return null;
    const [a, b, c, d] = last.split(".").map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    address = address.slice(0, lastColon + 1) + "0"; // a placeholder group, dropped below
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const parse = (half: string) => (half === "" ? [] : half.split(":"));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  let groups = [...head, ...rest].map((group) => Number.parseInt(group, 16));
  const wanted = 8 - (tail.length ? 1 : 0); // the placeholder stands for the two IPv4 groups
  if (halves.length === 2) {
    if (head.length + rest.length >= wanted) return null;
    groups = [...head.map((g) => Number.parseInt(g, 16)), ...Array(wanted - head.length - rest.length).fill(0), ...rest.map((g) => Number.parseInt(g, 16))];
  } else if (groups.length !== wanted) return null;
  if (tail.length) groups = [...groups.slice(0, -1), ...tail];
  return groups;
}
