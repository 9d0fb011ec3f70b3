-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AgencyCycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "registered" BOOLEAN NOT NULL DEFAULT false,
    "internalPopulation" INTEGER,
    "externalPopulation" INTEGER,
    "iitCodeHash" TEXT,
    "iitCodeIssuedAt" DATETIME,
    "iitCodeRevokedAt" DATETIME,
    "iitOpen" BOOLEAN NOT NULL DEFAULT true,
    "eitOpen" BOOLEAN NOT NULL DEFAULT true,
    "eitAllowEmail" BOOLEAN NOT NULL DEFAULT false,
    "iitRefusedOverCap" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" DATETIME,
    CONSTRAINT "AgencyCycle_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgencyCycle_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AgencyCycle" ("agencyId", "cycleId", "eitOpen", "externalPopulation", "id", "iitCodeHash", "iitCodeIssuedAt", "iitCodeRevokedAt", "iitOpen", "iitRefusedOverCap", "internalPopulation", "publishedAt", "registered") SELECT "agencyId", "cycleId", "eitOpen", "externalPopulation", "id", "iitCodeHash", "iitCodeIssuedAt", "iitCodeRevokedAt", "iitOpen", "iitRefusedOverCap", "internalPopulation", "publishedAt", "registered" FROM "AgencyCycle";
DROP TABLE "AgencyCycle";
ALTER TABLE "new_AgencyCycle" RENAME TO "AgencyCycle";
CREATE UNIQUE INDEX "AgencyCycle_iitCodeHash_key" ON "AgencyCycle"("iitCodeHash");
CREATE INDEX "AgencyCycle_cycleId_idx" ON "AgencyCycle"("cycleId");
CREATE UNIQUE INDEX "AgencyCycle_agencyId_cycleId_key" ON "AgencyCycle"("agencyId", "cycleId");
CREATE TABLE "new_OtpChallenge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "contactHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'qr',
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "consumedAt" DATETIME,
    "voidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_OtpChallenge" ("agencyId", "attempts", "codeHash", "consumedAt", "contactHash", "createdAt", "cycleId", "expiresAt", "id", "voidedAt") SELECT "agencyId", "attempts", "codeHash", "consumedAt", "contactHash", "createdAt", "cycleId", "expiresAt", "id", "voidedAt" FROM "OtpChallenge";
DROP TABLE "OtpChallenge";
ALTER TABLE "new_OtpChallenge" RENAME TO "OtpChallenge";
CREATE INDEX "OtpChallenge_contactHash_agencyId_cycleId_idx" ON "OtpChallenge"("contactHash", "agencyId", "cycleId");
CREATE INDEX "OtpChallenge_createdAt_idx" ON "OtpChallenge"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
