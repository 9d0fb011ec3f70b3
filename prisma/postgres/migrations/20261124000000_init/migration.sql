-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "AgencyKind" AS ENUM ('ministry', 'department', 'provincial_admin', 'district_office', 'local_pao', 'local_city', 'local_town', 'local_subdistrict', 'local_sao', 'state_enterprise', 'public_organization', 'university', 'independent_organ', 'other');

-- CreateEnum
CREATE TYPE "Instrument" AS ENUM ('iit', 'eit1', 'eit2');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('agency_admin', 'province_coordinator', 'national_assessor', 'system_admin');

-- CreateTable
CREATE TABLE "Province" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "nameTh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "Province_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "nameTh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" "AgencyKind" NOT NULL,
    "provinceId" TEXT,
    "parentId" TEXT,
    "sizeGroup" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cycle" (
    "id" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "rulesVersion" TEXT NOT NULL,
    "definitionJson" TEXT NOT NULL,
    "iitOpensAt" TIMESTAMP(3) NOT NULL,
    "iitClosesAt" TIMESTAMP(3) NOT NULL,
    "eitOpensAt" TIMESTAMP(3) NOT NULL,
    "eitClosesAt" TIMESTAMP(3) NOT NULL,
    "oitOpensAt" TIMESTAMP(3) NOT NULL,
    "oitClosesAt" TIMESTAMP(3) NOT NULL,
    "dedupeKeyEnc" TEXT,
    "dedupeKeyDestroyedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyCycle" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "registered" BOOLEAN NOT NULL DEFAULT false,
    "internalPopulation" INTEGER,
    "externalPopulation" INTEGER,
    "iitCodeHash" TEXT,
    "iitCodeIssuedAt" TIMESTAMP(3),
    "iitCodeRevokedAt" TIMESTAMP(3),
    "iitOpen" BOOLEAN NOT NULL DEFAULT true,
    "eitOpen" BOOLEAN NOT NULL DEFAULT true,
    "iitRefusedOverCap" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "AgencyCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OitScore" (
    "id" TEXT NOT NULL,
    "agencyCycleId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "url" TEXT,
    "score" DOUBLE PRECISION,
    "comment" TEXT,
    "scoredById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OitScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "instrument" "Instrument" NOT NULL,
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

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseTally" (
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" "Instrument" NOT NULL,
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

    CONSTRAINT "ResponseTally_pkey" PRIMARY KEY ("agencyId","cycleId","instrument")
);

-- CreateTable
CREATE TABLE "EitContactMarker" (
    "cycleId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "contactHash" TEXT NOT NULL,

    CONSTRAINT "EitContactMarker_pkey" PRIMARY KEY ("cycleId","agencyId","contactHash")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "key" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "purgeAfter" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SurveySession" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "instrument" "Instrument" NOT NULL,
    "channel" TEXT NOT NULL,
    "contactHash" TEXT,
    "screening" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveySession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OtpChallenge" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "contactHash" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OtpChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "totpSecretEnc" TEXT,
    "totpEnabledAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "agencyId" TEXT,
    "provinceId" TEXT,

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "twoFactorVerifiedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AdminSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "agencyId" TEXT,
    "detail" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyCycle" ADD CONSTRAINT "AgencyCycle_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyCycle" ADD CONSTRAINT "AgencyCycle_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OitScore" ADD CONSTRAINT "OitScore_agencyCycleId_fkey" FOREIGN KEY ("agencyCycleId") REFERENCES "AgencyCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseTally" ADD CONSTRAINT "ResponseTally_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseTally" ADD CONSTRAINT "ResponseTally_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminSession" ADD CONSTRAINT "AdminSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
