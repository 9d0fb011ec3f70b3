// One client for rate limits: an IPv4 address, or an IPv6 /64 (shared/security.md → SMS cost abuse).
import { describe, expect, it } from "vitest";
import { clientPrefix } from "~/utils/client-address.server";

describe("clientPrefix", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:aa:1::1", "2001:db8:aa:1::/64"],
    ["2001:0DB8:00aa:0001:ffff:1:2:3", "2001:db8:aa:1::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:db8:aa:1:ffff::9", "2001:db8:aa:1::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s → %s", (address, prefix) => {
    expect(clientPrefix(address)).toBe(prefix);
  });

  it("every address of one /64 is one client; the next /64 is another", () => {
    expect(new Set(["2001:db8:1:2::1", "2001:db8:1:2:abcd::", "2001:db8:1:2:1:2:3:4"].map(clientPrefix)).size).toBe(1);
    expect(clientPrefix("2001:db8:1:3::1")).not.toBe(clientPrefix("2001:db8:1:2::1"));
  });
});
