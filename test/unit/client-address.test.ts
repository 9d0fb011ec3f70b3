// app/utils/client-address.ts: per-client limits count IPv4 /32 and IPv6 /64 (attack L4).
import { describe, expect, it } from "vitest";
import { clientKey } from "~/utils/client-address";

describe("clientKey", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1 ", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::FFFF:c000:0201", "192.0.2.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002::ffff", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["[2001:db8:1:2::7]", "2001:db8:1:2::/64"],
    ["64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
    ["unknown", "unknown"],
    ["2001:db8:::1", "2001:db8:::1"],
    ["1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"],
    ["256.1.1.1", "256.1.1.1"],
  ])("%j → %j", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  it("every address of one /64 is one client; the next /64 is another", () => {
    const keys = new Set(["2001:db8:a:b::1", "2001:db8:a:b:ffff:ffff:ffff:ffff", "2001:db8:a:b:1234::"].map(clientKey));
    expect(keys.size).toBe(1);
    expect(clientKey("2001:db8:a:c::1")).not.toBe(clientKey("2001:db8:a:b::1"));
    expect(clientKey("192.0.2.1")).not.toBe(clientKey("192.0.2.2"));
  });
});
