-- AlterTable
ALTER TABLE "User" ADD COLUMN     "remindersOff" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReminderSend" (
    "userId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSend_pkey" PRIMARY KEY ("userId","period")
);

-- CreateIndex
CREATE INDEX "ReminderSend_createdAt_idx" ON "ReminderSend"("createdAt");
