-- Hand edit: existing screening categories are carried into ScreeningTally before the column
-- goes. Old free-form counter tags ("qr:<tag>") are dropped, not carried (they were never
-- registered counters: shared/security.md → Anonymity).
-- CreateTable
CREATE TABLE "ScreeningTally" (
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" "Instrument" NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScreeningTally_pkey" PRIMARY KEY ("agencyId","cycleId","instrument","question","answer")
);

-- CreateTable
CREATE TABLE "ServiceCounter" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "ServiceCounter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CounterTally" (
    "counterId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CounterTally_pkey" PRIMARY KEY ("counterId","cycleId")
);

-- CreateIndex
CREATE INDEX "ServiceCounter_agencyId_idx" ON "ServiceCounter"("agencyId");

-- AddForeignKey
ALTER TABLE "ServiceCounter" ADD CONSTRAINT "ServiceCounter_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterTally" ADD CONSTRAINT "CounterTally_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "ServiceCounter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: the screening categories of existing responses, as counts.
INSERT INTO "ScreeningTally" ("agencyId", "cycleId", "instrument", "question", "answer", "responses")
SELECT r."agencyId", r."cycleId", r."instrument", j."key", j."value", COUNT(*)
  FROM "Response" r, json_each_text(r."screening"::json) j
 GROUP BY r."agencyId", r."cycleId", r."instrument", j."key", j."value";

-- AlterTable
ALTER TABLE "Response" DROP COLUMN "channel",
DROP COLUMN "screening";

-- AlterTable
ALTER TABLE "SurveySession" DROP COLUMN "channel";
