-- DropIndex
DROP INDEX "DailyCount_cycleId_day_idx";

-- AlterTable
ALTER TABLE "ResponseTally" ADD COLUMN     "frozen" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "DailyCount_cycleId_day_agencyId_instrument_responses_idx" ON "DailyCount"("cycleId", "day", "agencyId", "instrument", "responses");
