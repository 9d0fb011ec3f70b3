-- Hand edits (docs/decisions/001, 002): Response is rebuilt WITHOUT ROWID (as in the init
-- migration), and so are the two new tallies, so file order does not say which category or
-- counter was counted first. Existing screening categories are carried into ScreeningTally before
-- the column goes. Old free-form counter tags ("qr:<tag>") are dropped, not carried (they were never
-- registered counters: shared/security.md → Anonymity).
-- CreateTable
CREATE TABLE "ScreeningTally" (
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("agencyId", "cycleId", "instrument", "question", "answer")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "ServiceCounter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,
    CONSTRAINT "ServiceCounter_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CounterTally" (
    "counterId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("counterId", "cycleId"),
    CONSTRAINT "CounterTally_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "ServiceCounter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- Backfill: the screening categories of existing responses, as counts.
INSERT INTO "ScreeningTally" ("agencyId", "cycleId", "instrument", "question", "answer", "responses")
SELECT r."agencyId", r."cycleId", r."instrument", j."key", CAST(j."value" AS TEXT), COUNT(*)
  FROM "Response" r, json_each(CASE WHEN json_valid(r."screening") THEN r."screening" ELSE '{}' END) j
 GROUP BY r."agencyId", r."cycleId", r."instrument", j."key", CAST(j."value" AS TEXT);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Response" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "p1" INTEGER,
    "p2" INTEGER,
    "p3" INTEGER,
    "p4" INTEGER,
    "p5" INTEGER,
    "p6" INTEGER,
    "p7" INTEGER,
    "p8" INTEGER,
    "p9" INTEGER,
    "p10" INTEGER,
    "p11" INTEGER,
    "p12" INTEGER,
    "p13" INTEGER,
    "p14" INTEGER,
    "p15" INTEGER,
    "p16" INTEGER,
    "p17" INTEGER,
    "p18" INTEGER,
    "p19" INTEGER,
    "p20" INTEGER,
    "p21" INTEGER,
    "p22" INTEGER,
    "p23" INTEGER,
    "p24" INTEGER,
    "p25" INTEGER,
    "p26" INTEGER,
    "p27" INTEGER,
    "p28" INTEGER,
    "p29" INTEGER,
    "p30" INTEGER,
    CONSTRAINT "Response_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Response_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_Response" ("agencyId", "answers", "cycleId", "id", "instrument", "p1", "p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19", "p2", "p20", "p21", "p22", "p23", "p24", "p25", "p26", "p27", "p28", "p29", "p3", "p30", "p4", "p5", "p6", "p7", "p8", "p9") SELECT "agencyId", "answers", "cycleId", "id", "instrument", "p1", "p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19", "p2", "p20", "p21", "p22", "p23", "p24", "p25", "p26", "p27", "p28", "p29", "p3", "p30", "p4", "p5", "p6", "p7", "p8", "p9" FROM "Response";
DROP TABLE "Response";
ALTER TABLE "new_Response" RENAME TO "Response";
CREATE INDEX "Response_agencyId_cycleId_instrument_idx" ON "Response"("agencyId", "cycleId", "instrument");
CREATE TABLE "new_SurveySession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "contactHash" TEXT,
    "screening" TEXT,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_SurveySession" ("agencyId", "contactHash", "cycleId", "expiresAt", "id", "instrument", "screening") SELECT "agencyId", "contactHash", "cycleId", "expiresAt", "id", "instrument", "screening" FROM "SurveySession";
DROP TABLE "SurveySession";
ALTER TABLE "new_SurveySession" RENAME TO "SurveySession";
CREATE INDEX "SurveySession_expiresAt_idx" ON "SurveySession"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ServiceCounter_agencyId_idx" ON "ServiceCounter"("agencyId");
