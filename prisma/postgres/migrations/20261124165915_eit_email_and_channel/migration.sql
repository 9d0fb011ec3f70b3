-- AlterTable
ALTER TABLE "AgencyCycle" ADD COLUMN     "eitAllowEmail" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "OtpChallenge" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'qr';
