-- DropIndex
DROP INDEX "DailyCount_cycleId_day_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ResponseTally" (
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "sum1" BIGINT NOT NULL DEFAULT 0,
    "sum2" BIGINT NOT NULL DEFAULT 0,
    "sum3" BIGINT NOT NULL DEFAULT 0,
    "sum4" BIGINT NOT NULL DEFAULT 0,
    "sum5" BIGINT NOT NULL DEFAULT 0,
    "sum6" BIGINT NOT NULL DEFAULT 0,
    "sum7" BIGINT NOT NULL DEFAULT 0,
    "sum8" BIGINT NOT NULL DEFAULT 0,
    "sum9" BIGINT NOT NULL DEFAULT 0,
    "sum10" BIGINT NOT NULL DEFAULT 0,
    "sum11" BIGINT NOT NULL DEFAULT 0,
    "sum12" BIGINT NOT NULL DEFAULT 0,
    "sum13" BIGINT NOT NULL DEFAULT 0,
    "sum14" BIGINT NOT NULL DEFAULT 0,
    "sum15" BIGINT NOT NULL DEFAULT 0,
    "sum16" BIGINT NOT NULL DEFAULT 0,
    "sum17" BIGINT NOT NULL DEFAULT 0,
    "sum18" BIGINT NOT NULL DEFAULT 0,
    "sum19" BIGINT NOT NULL DEFAULT 0,
    "sum20" BIGINT NOT NULL DEFAULT 0,
    "sum21" BIGINT NOT NULL DEFAULT 0,
    "sum22" BIGINT NOT NULL DEFAULT 0,
    "sum23" BIGINT NOT NULL DEFAULT 0,
    "sum24" BIGINT NOT NULL DEFAULT 0,
    "sum25" BIGINT NOT NULL DEFAULT 0,
    "sum26" BIGINT NOT NULL DEFAULT 0,
    "sum27" BIGINT NOT NULL DEFAULT 0,
    "sum28" BIGINT NOT NULL DEFAULT 0,
    "sum29" BIGINT NOT NULL DEFAULT 0,
    "sum30" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("agencyId", "cycleId", "instrument"),
    CONSTRAINT "ResponseTally_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ResponseTally_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ResponseTally" ("agencyId", "cycleId", "instrument", "responses", "sum1", "sum10", "sum11", "sum12", "sum13", "sum14", "sum15", "sum16", "sum17", "sum18", "sum19", "sum2", "sum20", "sum21", "sum22", "sum23", "sum24", "sum25", "sum26", "sum27", "sum28", "sum29", "sum3", "sum30", "sum4", "sum5", "sum6", "sum7", "sum8", "sum9") SELECT "agencyId", "cycleId", "instrument", "responses", "sum1", "sum10", "sum11", "sum12", "sum13", "sum14", "sum15", "sum16", "sum17", "sum18", "sum19", "sum2", "sum20", "sum21", "sum22", "sum23", "sum24", "sum25", "sum26", "sum27", "sum28", "sum29", "sum3", "sum30", "sum4", "sum5", "sum6", "sum7", "sum8", "sum9" FROM "ResponseTally";
DROP TABLE "ResponseTally";
ALTER TABLE "new_ResponseTally" RENAME TO "ResponseTally";
CREATE INDEX "ResponseTally_cycleId_instrument_idx" ON "ResponseTally"("cycleId", "instrument");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DailyCount_cycleId_day_agencyId_instrument_responses_idx" ON "DailyCount"("cycleId", "day", "agencyId", "instrument", "responses");
