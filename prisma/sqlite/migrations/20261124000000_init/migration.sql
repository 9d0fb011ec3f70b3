-- Hand edit: Response, EitContactMarker and IdempotencyKey are WITHOUT ROWID tables so the
-- physical order follows their random keys, not insertion order (docs/decisions/002).
-- CreateTable
CREATE TABLE "Province" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "nameTh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "nameTh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "provinceId" TEXT,
    "parentId" TEXT,
    "sizeGroup" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Agency_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fiscalYear" INTEGER NOT NULL,
    "rulesVersion" TEXT NOT NULL,
    "definitionJson" TEXT NOT NULL,
    "iitOpensAt" DATETIME NOT NULL,
    "iitClosesAt" DATETIME NOT NULL,
    "eitOpensAt" DATETIME NOT NULL,
    "eitClosesAt" DATETIME NOT NULL,
    "oitOpensAt" DATETIME NOT NULL,
    "oitClosesAt" DATETIME NOT NULL,
    "dedupeKeyEnc" TEXT,
    "dedupeKeyDestroyedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AgencyCycle" (
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
    "iitRefusedOverCap" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" DATETIME,
    CONSTRAINT "AgencyCycle_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgencyCycle_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OitScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyCycleId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "url" TEXT,
    "score" REAL,
    "comment" TEXT,
    "scoredById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OitScore_agencyCycleId_fkey" FOREIGN KEY ("agencyCycleId") REFERENCES "AgencyCycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Response" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "screening" TEXT NOT NULL,
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

-- CreateTable
CREATE TABLE "ResponseTally" (
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

    PRIMARY KEY ("agencyId", "cycleId", "instrument"),
    CONSTRAINT "ResponseTally_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ResponseTally_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EitContactMarker" (
    "cycleId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "contactHash" TEXT NOT NULL,

    PRIMARY KEY ("cycleId", "agencyId", "contactHash")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "outcome" TEXT NOT NULL,
    "purgeAfter" DATETIME NOT NULL
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SurveySession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "contactHash" TEXT,
    "screening" TEXT,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OtpChallenge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "contactHash" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "consumedAt" DATETIME,
    "voidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("key", "windowStart")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "totpSecretEnc" TEXT,
    "totpEnabledAt" DATETIME,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "agencyId" TEXT,
    "provinceId" TEXT,
    CONSTRAINT "RoleGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleGrant_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoleGrant_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdminSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "twoFactorVerifiedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "AdminSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "agencyId" TEXT,
    "detail" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Province_code_key" ON "Province"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Province_slug_key" ON "Province"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_slug_key" ON "Agency"("slug");

-- CreateIndex
CREATE INDEX "Agency_provinceId_idx" ON "Agency"("provinceId");

-- CreateIndex
CREATE INDEX "Agency_parentId_idx" ON "Agency"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_fiscalYear_key" ON "Cycle"("fiscalYear");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyCycle_iitCodeHash_key" ON "AgencyCycle"("iitCodeHash");

-- CreateIndex
CREATE INDEX "AgencyCycle_cycleId_idx" ON "AgencyCycle"("cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyCycle_agencyId_cycleId_key" ON "AgencyCycle"("agencyId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "OitScore_agencyCycleId_itemCode_key" ON "OitScore"("agencyCycleId", "itemCode");

-- CreateIndex
CREATE INDEX "Response_agencyId_cycleId_instrument_idx" ON "Response"("agencyId", "cycleId", "instrument");

-- CreateIndex
CREATE INDEX "ResponseTally_cycleId_instrument_idx" ON "ResponseTally"("cycleId", "instrument");

-- CreateIndex
CREATE INDEX "SurveySession_expiresAt_idx" ON "SurveySession"("expiresAt");

-- CreateIndex
CREATE INDEX "OtpChallenge_contactHash_agencyId_cycleId_idx" ON "OtpChallenge"("contactHash", "agencyId", "cycleId");

-- CreateIndex
CREATE INDEX "OtpChallenge_createdAt_idx" ON "OtpChallenge"("createdAt");

-- CreateIndex
CREATE INDEX "RateLimitCounter_windowStart_idx" ON "RateLimitCounter"("windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "RoleGrant_userId_idx" ON "RoleGrant"("userId");

-- CreateIndex
CREATE INDEX "AdminSession_userId_idx" ON "AdminSession"("userId");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_agencyId_at_idx" ON "AuditLog"("agencyId", "at");
