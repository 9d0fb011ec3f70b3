// The unit a rate limit counts as "one client" (shared/security.md → SMS cost abuse): an IPv4
// address (/32), or the /64 of an IPv6 address — one household or phone usually holds a whole /64,
// so counting single IPv6 addresses would let one client pose as 2⁶⁴.
import { isIPv4, isIPv6 } from "node:net";

/** "203.0.113.9", "::ffff:203.0.113.9" → "203.0.113.9"; "2001:db8:1:2:3:4:5:6" → "2001:db8:1:2::/64". */
export function clientPrefix(address: string): string {
  const bare = address.trim().replace(/%.*$/, "").toLowerCase(); // drop an IPv6 zone id
  if (isIPv4(bare)) return bare;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(bare)) return bare || "unknown";
  const [head, tail = ""] = bare.split("::");
  const groups = (part: string) => (part ? part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])) : []);
  const left = groups(head);
  const right = bare.includes("::") ? groups(tail) : [];
  const full = bare.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
