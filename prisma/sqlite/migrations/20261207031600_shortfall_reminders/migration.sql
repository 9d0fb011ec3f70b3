-- CreateTable
CREATE TABLE "ReminderSend" (
    "userId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "period")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "totpSecretEnc" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER,
    "disabledAt" DATETIME,
    "lastSignInAt" DATETIME,
    "remindersOff" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "email", "id", "lastSignInAt", "name", "passwordHash", "totpEnabledAt", "totpLastStep", "totpSecretEnc") SELECT "createdAt", "disabledAt", "email", "id", "lastSignInAt", "name", "passwordHash", "totpEnabledAt", "totpLastStep", "totpSecretEnc" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReminderSend_createdAt_idx" ON "ReminderSend"("createdAt");
