-- AlterTable
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;

-- CreateTable
CREATE TABLE "TallySnapshot" (
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,
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

    PRIMARY KEY ("agencyId", "cycleId", "instrument")
);

-- CreateTable
CREATE TABLE "DailyCount" (
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("agencyId", "cycleId", "instrument", "day")
);

-- CreateIndex
CREATE INDEX "DailyCount_cycleId_day_idx" ON "DailyCount"("cycleId", "day");
