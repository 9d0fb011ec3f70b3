import { defineConfig } from "@playwright/test";

// e2e against the production build on its own SQLite file, in Debian's Chromium (no browser
// downloads on these machines). scripts/test.js builds first; the server reuses ./build.
const PORT = Number(process.env.E2E_PORT || 3107);
export const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "test/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "th-TH",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  // One seeded server for the whole run: the public flows first (they use the demo's printed IIT
  // code), then the admin flows (which rotate that code and enrol 2FA).
  projects: [
    { name: "public", testMatch: /(home|iit|eit|public-results|respondent-a11y)\.spec\.ts$/ },
    // Issue 20 §3 (axe, reflow, keyboard; decision 027): with "public", before "admin" rotates the IIT
    // code, but not a dependency of "admin", so an accessibility failure never hides the admin specs.
    { name: "a11y", testMatch: /(accessibility|keyboard)\.spec\.ts$/ },
    // accessibility-admin.spec.ts (axe and 320-px reflow of every admin page state, Thai and English,
    // one visit each) sorts first: after "public" answered the IIT/EIT (the daily chart has bars),
    // before admin.spec.ts enrols the agency admin in 2FA.
    { name: "admin", testMatch: /admin\.spec\.ts$/, dependencies: ["public"] },
    // Issue 15's journey: its own production server on an empty database (test/e2e/operator-stack.ts).
    { name: "operator", testMatch: /operator\.spec\.ts$/ },
  ],
  webServer: {
    command: "node scripts/start.js --no-build --fresh",
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      // One database per port, so two e2e runs on one machine do not share (and --fresh delete) a file.
      DATABASE_URL: `file:./data/e2e${PORT === 3107 ? "" : `-${PORT}`}/ita.db`,
      PORT: String(PORT),
      HOST: "127.0.0.1",
    },
  },
});
