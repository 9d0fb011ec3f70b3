/**
 * Seed data: assessed public agencies of Sakon Nakhon province (จังหวัดสกลนคร).
 *
 * FOR DEMO / SEED PURPOSES ONLY. This is NOT an official NACC (ป.ป.ช.) ITA
 * register and not an official list of local administrative organisations.
 * 142 agencies = demo scale, spread over the province's 18 districts roughly
 * in proportion to their number of subdistricts (ตำบล).
 *
 * Every row is built from a real district and a real subdistrict (ตำบล) name
 * of that district, but whether the agency itself exists under exactly that
 * name (and with that status, e.g. เทศบาลตำบล vs อบต.) is flagged per row:
 *   realName: true  -> agency believed to exist under this name
 *   realName: false -> plausible demo name; do not present it as real
 *
 * English names are RTGS romanisations; slugs are kebab-case of nameEn
 * (district slug appended only where two would collide).
 */
import type { AgencyKindCode } from "~/domain/agency-kinds";

/** A kind from the one table of agency kinds (app/domain/agency-kinds.ts). */
export type SeedAgencyKind = AgencyKindCode;

export interface SeedAgency {
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: SeedAgencyKind;
  districtTh: string;
  districtEn: string;
  realName: boolean;
}

export const sakonNakhonProvince = {
  code: "47",
  slug: "sakon-nakhon",
  nameTh: "สกลนคร",
  nameEn: "Sakon Nakhon",
};

export const sakonNakhonAgencies: SeedAgency[] = [
  // อำเภอเมืองสกลนคร (Mueang Sakon Nakhon)
  { slug: "sakon-nakhon-provincial-office", nameTh: "สำนักงานจังหวัดสกลนคร", nameEn: "Sakon Nakhon Provincial Office", kind: "provincial_admin", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: true },
  { slug: "sakon-nakhon-provincial-administrative-organization", nameTh: "องค์การบริหารส่วนจังหวัดสกลนคร", nameEn: "Sakon Nakhon Provincial Administrative Organization", kind: "local_pao", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: true },
  { slug: "sakon-nakhon-city-municipality", nameTh: "เทศบาลนครสกลนคร", nameEn: "Sakon Nakhon City Municipality", kind: "local_city", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: true },
  { slug: "mueang-sakon-nakhon-district-office", nameTh: "ที่ว่าการอำเภอเมืองสกลนคร", nameEn: "Mueang Sakon Nakhon District Office", kind: "district_office", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: true },
  { slug: "khamin-subdistrict-municipality", nameTh: "เทศบาลตำบลขมิ้น", nameEn: "Khamin Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "ngio-don-subdistrict-municipality", nameTh: "เทศบาลตำบลงิ้วด่อน", nameEn: "Ngio Don Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "non-hom-subdistrict-municipality", nameTh: "เทศบาลตำบลโนนหอม", nameEn: "Non Hom Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "chiang-khruea-subdistrict-municipality", nameTh: "เทศบาลตำบลเชียงเครือ", nameEn: "Chiang Khruea Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: true },
  { slug: "tha-rae-subdistrict-municipality", nameTh: "เทศบาลตำบลท่าแร่", nameEn: "Tha Rae Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: true },
  { slug: "tha-rae-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลท่าแร่", nameEn: "Tha Rae Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "muang-lai-subdistrict-municipality", nameTh: "เทศบาลตำบลม่วงลาย", nameEn: "Muang Lai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "dong-chon-subdistrict-municipality", nameTh: "เทศบาลตำบลดงชน", nameEn: "Dong Chon Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "huai-yang-subdistrict-municipality", nameTh: "เทศบาลตำบลห้วยยาง", nameEn: "Huai Yang Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "phang-khwang-subdistrict-municipality", nameTh: "เทศบาลตำบลพังขว้าง", nameEn: "Phang Khwang Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "dong-mafai-subdistrict-municipality", nameTh: "เทศบาลตำบลดงมะไฟ", nameEn: "Dong Mafai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "that-na-weng-town-municipality", nameTh: "เทศบาลเมืองธาตุนาเวง", nameEn: "That Na Weng Town Municipality", kind: "local_town", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "lao-po-daeng-subdistrict-municipality", nameTh: "เทศบาลตำบลเหล่าปอแดง", nameEn: "Lao Po Daeng Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "nong-lat-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองลาด", nameEn: "Nong Lat Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "hang-hong-subdistrict-municipality", nameTh: "เทศบาลตำบลฮางโฮง", nameEn: "Hang Hong Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  { slug: "khok-kong-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลโคกก่อง", nameEn: "Khok Kong Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เมืองสกลนคร", districtEn: "Mueang Sakon Nakhon", realName: false },
  // อำเภอกุสุมาลย์ (Kusuman)
  { slug: "kusuman-subdistrict-municipality", nameTh: "เทศบาลตำบลกุสุมาลย์", nameEn: "Kusuman Subdistrict Municipality", kind: "local_subdistrict", districtTh: "กุสุมาลย์", districtEn: "Kusuman", realName: true },
  { slug: "kusuman-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลกุสุมาลย์", nameEn: "Kusuman Subdistrict Administrative Organization", kind: "local_sao", districtTh: "กุสุมาลย์", districtEn: "Kusuman", realName: false },
  { slug: "na-pho-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนาโพธิ์", nameEn: "Na Pho Subdistrict Administrative Organization", kind: "local_sao", districtTh: "กุสุมาลย์", districtEn: "Kusuman", realName: false },
  { slug: "na-phiang-subdistrict-municipality", nameTh: "เทศบาลตำบลนาเพียง", nameEn: "Na Phiang Subdistrict Municipality", kind: "local_subdistrict", districtTh: "กุสุมาลย์", districtEn: "Kusuman", realName: false },
  { slug: "phothi-phaisan-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลโพธิไพศาล", nameEn: "Phothi Phaisan Subdistrict Administrative Organization", kind: "local_sao", districtTh: "กุสุมาลย์", districtEn: "Kusuman", realName: false },
  { slug: "um-chan-subdistrict-municipality", nameTh: "เทศบาลตำบลอุ่มจาน", nameEn: "Um Chan Subdistrict Municipality", kind: "local_subdistrict", districtTh: "กุสุมาลย์", districtEn: "Kusuman", realName: false },
  // อำเภอกุดบาก (Kut Bak)
  { slug: "kut-bak-subdistrict-municipality", nameTh: "เทศบาลตำบลกุดบาก", nameEn: "Kut Bak Subdistrict Municipality", kind: "local_subdistrict", districtTh: "กุดบาก", districtEn: "Kut Bak", realName: false },
  { slug: "kut-bak-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลกุดบาก", nameEn: "Kut Bak Subdistrict Administrative Organization", kind: "local_sao", districtTh: "กุดบาก", districtEn: "Kut Bak", realName: false },
  { slug: "na-mong-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนาม่อง", nameEn: "Na Mong Subdistrict Administrative Organization", kind: "local_sao", districtTh: "กุดบาก", districtEn: "Kut Bak", realName: false },
  { slug: "kut-hai-subdistrict-municipality", nameTh: "เทศบาลตำบลกุดไห", nameEn: "Kut Hai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "กุดบาก", districtEn: "Kut Bak", realName: false },
  // อำเภอพรรณานิคม (Phanna Nikhom)
  { slug: "phanna-nikhom-subdistrict-municipality", nameTh: "เทศบาลตำบลพรรณานิคม", nameEn: "Phanna Nikhom Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: true },
  { slug: "phanna-nakhon-subdistrict-municipality", nameTh: "เทศบาลตำบลพรรณานคร", nameEn: "Phanna Nakhon Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: true },
  { slug: "wang-yang-subdistrict-municipality", nameTh: "เทศบาลตำบลวังยาง", nameEn: "Wang Yang Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "phok-noi-subdistrict-municipality", nameTh: "เทศบาลตำบลพอกน้อย", nameEn: "Phok Noi Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "na-hua-bo-subdistrict-municipality", nameTh: "เทศบาลตำบลนาหัวบ่อ", nameEn: "Na Hua Bo Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "rai-subdistrict-municipality", nameTh: "เทศบาลตำบลไร่", nameEn: "Rai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "chang-ming-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลช้างมิ่ง", nameEn: "Chang Ming Subdistrict Administrative Organization", kind: "local_sao", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "na-nai-subdistrict-municipality", nameTh: "เทศบาลตำบลนาใน", nameEn: "Na Nai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "sawang-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลสว่าง", nameEn: "Sawang Subdistrict Administrative Organization", kind: "local_sao", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "ba-hi-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลบะฮี", nameEn: "Ba Hi Subdistrict Administrative Organization", kind: "local_sao", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  { slug: "choeng-chum-subdistrict-municipality", nameTh: "เทศบาลตำบลเชิงชุม", nameEn: "Choeng Chum Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พรรณานิคม", districtEn: "Phanna Nikhom", realName: false },
  // อำเภอพังโคน (Phang Khon)
  { slug: "phang-khon-subdistrict-municipality", nameTh: "เทศบาลตำบลพังโคน", nameEn: "Phang Khon Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พังโคน", districtEn: "Phang Khon", realName: true },
  { slug: "phang-khon-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลพังโคน", nameEn: "Phang Khon Subdistrict Administrative Organization", kind: "local_sao", districtTh: "พังโคน", districtEn: "Phang Khon", realName: true },
  { slug: "rae-subdistrict-municipality", nameTh: "เทศบาลตำบลแร่", nameEn: "Rae Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พังโคน", districtEn: "Phang Khon", realName: true },
  { slug: "muang-khai-subdistrict-municipality", nameTh: "เทศบาลตำบลม่วงไข่", nameEn: "Muang Khai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พังโคน", districtEn: "Phang Khon", realName: false },
  { slug: "hai-yong-subdistrict-municipality", nameTh: "เทศบาลตำบลไฮหย่อง", nameEn: "Hai Yong Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พังโคน", districtEn: "Phang Khon", realName: false },
  { slug: "ton-phueng-subdistrict-municipality", nameTh: "เทศบาลตำบลต้นผึ้ง", nameEn: "Ton Phueng Subdistrict Municipality", kind: "local_subdistrict", districtTh: "พังโคน", districtEn: "Phang Khon", realName: false },
  // อำเภอวาริชภูมิ (Waritchaphum)
  { slug: "waritchaphum-subdistrict-municipality", nameTh: "เทศบาลตำบลวาริชภูมิ", nameEn: "Waritchaphum Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วาริชภูมิ", districtEn: "Waritchaphum", realName: true },
  { slug: "waritchaphum-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลวาริชภูมิ", nameEn: "Waritchaphum Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วาริชภูมิ", districtEn: "Waritchaphum", realName: false },
  { slug: "pla-lo-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลปลาโหล", nameEn: "Pla Lo Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วาริชภูมิ", districtEn: "Waritchaphum", realName: false },
  { slug: "nong-lat-subdistrict-municipality", nameTh: "เทศบาลตำบลหนองลาด", nameEn: "Nong Lat Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วาริชภูมิ", districtEn: "Waritchaphum", realName: false },
  { slug: "kham-bo-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลคำบ่อ", nameEn: "Kham Bo Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วาริชภูมิ", districtEn: "Waritchaphum", realName: false },
  { slug: "kho-khiao-subdistrict-municipality", nameTh: "เทศบาลตำบลค้อเขียว", nameEn: "Kho Khiao Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วาริชภูมิ", districtEn: "Waritchaphum", realName: false },
  // อำเภอนิคมน้ำอูน (Nikhom Nam Un)
  { slug: "nikhom-nam-un-subdistrict-municipality", nameTh: "เทศบาลตำบลนิคมน้ำอูน", nameEn: "Nikhom Nam Un Subdistrict Municipality", kind: "local_subdistrict", districtTh: "นิคมน้ำอูน", districtEn: "Nikhom Nam Un", realName: false },
  { slug: "nikhom-nam-un-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนิคมน้ำอูน", nameEn: "Nikhom Nam Un Subdistrict Administrative Organization", kind: "local_sao", districtTh: "นิคมน้ำอูน", districtEn: "Nikhom Nam Un", realName: false },
  { slug: "nong-pling-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองปลิง", nameEn: "Nong Pling Subdistrict Administrative Organization", kind: "local_sao", districtTh: "นิคมน้ำอูน", districtEn: "Nikhom Nam Un", realName: false },
  { slug: "nong-bua-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองบัว", nameEn: "Nong Bua Subdistrict Administrative Organization", kind: "local_sao", districtTh: "นิคมน้ำอูน", districtEn: "Nikhom Nam Un", realName: false },
  { slug: "suwannakham-subdistrict-municipality", nameTh: "เทศบาลตำบลสุวรรณคาม", nameEn: "Suwannakham Subdistrict Municipality", kind: "local_subdistrict", districtTh: "นิคมน้ำอูน", districtEn: "Nikhom Nam Un", realName: false },
  // อำเภอวานรนิวาส (Wanon Niwat)
  { slug: "wanon-niwat-subdistrict-municipality", nameTh: "เทศบาลตำบลวานรนิวาส", nameEn: "Wanon Niwat Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: true },
  { slug: "wanon-niwat-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลวานรนิวาส", nameEn: "Wanon Niwat Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "duea-si-khan-chai-subdistrict-municipality", nameTh: "เทศบาลตำบลเดื่อศรีคันไชย", nameEn: "Duea Si Khan Chai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "khua-kai-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลขัวก่าย", nameEn: "Khua Kai Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "nong-sanom-subdistrict-municipality", nameTh: "เทศบาลตำบลหนองสนม", nameEn: "Nong Sanom Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "khu-sakham-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลคูสะคาม", nameEn: "Khu Sakham Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "that-subdistrict-municipality", nameTh: "เทศบาลตำบลธาตุ", nameEn: "That Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "nong-waeng-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองแวง", nameEn: "Nong Waeng Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "si-wichai-subdistrict-municipality", nameTh: "เทศบาลตำบลศรีวิชัย", nameEn: "Si Wichai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "na-so-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนาซอ", nameEn: "Na So Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "in-plaeng-subdistrict-municipality", nameTh: "เทศบาลตำบลอินทร์แปลง", nameEn: "In Plaeng Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "na-kham-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนาคำ", nameEn: "Na Kham Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "khon-sawan-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลคอนสวรรค์", nameEn: "Khon Sawan Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "kut-ruea-kham-subdistrict-municipality", nameTh: "เทศบาลตำบลกุดเรือคำ", nameEn: "Kut Ruea Kham Subdistrict Municipality", kind: "local_subdistrict", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  { slug: "nong-waeng-tai-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองแวงใต้", nameEn: "Nong Waeng Tai Subdistrict Administrative Organization", kind: "local_sao", districtTh: "วานรนิวาส", districtEn: "Wanon Niwat", realName: false },
  // อำเภอคำตากล้า (Kham Ta Kla)
  { slug: "kham-ta-kla-subdistrict-municipality", nameTh: "เทศบาลตำบลคำตากล้า", nameEn: "Kham Ta Kla Subdistrict Municipality", kind: "local_subdistrict", districtTh: "คำตากล้า", districtEn: "Kham Ta Kla", realName: true },
  { slug: "kham-ta-kla-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลคำตากล้า", nameEn: "Kham Ta Kla Subdistrict Administrative Organization", kind: "local_sao", districtTh: "คำตากล้า", districtEn: "Kham Ta Kla", realName: false },
  { slug: "nong-bua-sim-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองบัวสิม", nameEn: "Nong Bua Sim Subdistrict Administrative Organization", kind: "local_sao", districtTh: "คำตากล้า", districtEn: "Kham Ta Kla", realName: false },
  { slug: "na-tae-subdistrict-municipality", nameTh: "เทศบาลตำบลนาแต้", nameEn: "Na Tae Subdistrict Municipality", kind: "local_subdistrict", districtTh: "คำตากล้า", districtEn: "Kham Ta Kla", realName: false },
  { slug: "phaet-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลแพด", nameEn: "Phaet Subdistrict Administrative Organization", kind: "local_sao", districtTh: "คำตากล้า", districtEn: "Kham Ta Kla", realName: false },
  // อำเภอบ้านม่วง (Ban Muang)
  { slug: "ban-muang-subdistrict-municipality", nameTh: "เทศบาลตำบลบ้านม่วง", nameEn: "Ban Muang Subdistrict Municipality", kind: "local_subdistrict", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "muang-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลม่วง", nameEn: "Muang Subdistrict Administrative Organization", kind: "local_sao", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "mai-subdistrict-municipality", nameTh: "เทศบาลตำบลมาย", nameEn: "Mai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "dong-mo-thong-subdistrict-municipality", nameTh: "เทศบาลตำบลดงหม้อทอง", nameEn: "Dong Mo Thong Subdistrict Municipality", kind: "local_subdistrict", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "dong-nuea-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลดงเหนือ", nameEn: "Dong Nuea Subdistrict Administrative Organization", kind: "local_sao", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "dong-mo-thong-tai-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลดงหม้อทองใต้", nameEn: "Dong Mo Thong Tai Subdistrict Administrative Organization", kind: "local_sao", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "huai-lua-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลห้วยหลัว", nameEn: "Huai Lua Subdistrict Administrative Organization", kind: "local_sao", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "non-sa-at-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลโนนสะอาด", nameEn: "Non Sa-at Subdistrict Administrative Organization", kind: "local_sao", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "nong-kwang-subdistrict-municipality", nameTh: "เทศบาลตำบลหนองกวั่ง", nameEn: "Nong Kwang Subdistrict Municipality", kind: "local_subdistrict", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  { slug: "bo-kaeo-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลบ่อแก้ว", nameEn: "Bo Kaeo Subdistrict Administrative Organization", kind: "local_sao", districtTh: "บ้านม่วง", districtEn: "Ban Muang", realName: false },
  // อำเภออากาศอำนวย (Akat Amnuai)
  { slug: "akat-amnuai-subdistrict-municipality", nameTh: "เทศบาลตำบลอากาศอำนวย", nameEn: "Akat Amnuai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: true },
  { slug: "akat-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลอากาศ", nameEn: "Akat Subdistrict Administrative Organization", kind: "local_sao", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: false },
  { slug: "phon-phaeng-subdistrict-municipality", nameTh: "เทศบาลตำบลโพนแพง", nameEn: "Phon Phaeng Subdistrict Municipality", kind: "local_subdistrict", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: true },
  { slug: "wa-yai-subdistrict-municipality", nameTh: "เทศบาลตำบลวาใหญ่", nameEn: "Wa Yai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: false },
  { slug: "phon-ngam-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลโพนงาม", nameEn: "Phon Ngam Subdistrict Administrative Organization", kind: "local_sao", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: false },
  { slug: "tha-kon-subdistrict-municipality", nameTh: "เทศบาลตำบลท่าก้อน", nameEn: "Tha Kon Subdistrict Municipality", kind: "local_subdistrict", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: false },
  { slug: "na-hi-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนาฮี", nameEn: "Na Hi Subdistrict Administrative Organization", kind: "local_sao", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: false },
  { slug: "ba-wa-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลบะหว้า", nameEn: "Ba Wa Subdistrict Administrative Organization", kind: "local_sao", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: false },
  { slug: "samakkhi-phatthana-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลสามัคคีพัฒนา", nameEn: "Samakkhi Phatthana Subdistrict Administrative Organization", kind: "local_sao", districtTh: "อากาศอำนวย", districtEn: "Akat Amnuai", realName: false },
  // อำเภอสว่างแดนดิน (Sawang Daen Din)
  { slug: "sawang-daen-din-subdistrict-municipality", nameTh: "เทศบาลตำบลสว่างแดนดิน", nameEn: "Sawang Daen Din Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: true },
  { slug: "sawang-daen-din-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลสว่างแดนดิน", nameEn: "Sawang Daen Din Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: true },
  { slug: "kham-sa-at-subdistrict-municipality", nameTh: "เทศบาลตำบลคำสะอาด", nameEn: "Kham Sa-at Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "ban-tai-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลบ้านต้าย", nameEn: "Ban Tai Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "bong-nuea-subdistrict-municipality", nameTh: "เทศบาลตำบลบงเหนือ", nameEn: "Bong Nuea Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "phon-sung-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลโพนสูง", nameEn: "Phon Sung Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "khok-si-subdistrict-municipality", nameTh: "เทศบาลตำบลโคกสี", nameEn: "Khok Si Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "nong-luang-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองหลวง", nameEn: "Nong Luang Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "bong-tai-subdistrict-municipality", nameTh: "เทศบาลตำบลบงใต้", nameEn: "Bong Tai Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "kho-tai-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลค้อใต้", nameEn: "Kho Tai Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "phan-na-subdistrict-municipality", nameTh: "เทศบาลตำบลพันนา", nameEn: "Phan Na Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "waeng-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลแวง", nameEn: "Waeng Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "sai-mun-subdistrict-municipality", nameTh: "เทศบาลตำบลทรายมูล", nameEn: "Sai Mun Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "tan-kon-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลตาลโกน", nameEn: "Tan Kon Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "tan-noeng-subdistrict-municipality", nameTh: "เทศบาลตำบลตาลเนิ้ง", nameEn: "Tan Noeng Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "that-thong-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลธาตุทอง", nameEn: "That Thong Subdistrict Administrative Organization", kind: "local_sao", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  { slug: "ban-thon-subdistrict-municipality", nameTh: "เทศบาลตำบลบ้านถ่อน", nameEn: "Ban Thon Subdistrict Municipality", kind: "local_subdistrict", districtTh: "สว่างแดนดิน", districtEn: "Sawang Daen Din", realName: false },
  // อำเภอส่องดาว (Song Dao)
  { slug: "song-dao-subdistrict-municipality", nameTh: "เทศบาลตำบลส่องดาว", nameEn: "Song Dao Subdistrict Municipality", kind: "local_subdistrict", districtTh: "ส่องดาว", districtEn: "Song Dao", realName: true },
  { slug: "song-dao-nong-daeng-subdistrict-municipality", nameTh: "เทศบาลตำบลส่องดาวหนองแดง", nameEn: "Song Dao Nong Daeng Subdistrict Municipality", kind: "local_subdistrict", districtTh: "ส่องดาว", districtEn: "Song Dao", realName: true },
  { slug: "tha-sila-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลท่าศิลา", nameEn: "Tha Sila Subdistrict Administrative Organization", kind: "local_sao", districtTh: "ส่องดาว", districtEn: "Song Dao", realName: false },
  { slug: "watthana-subdistrict-municipality", nameTh: "เทศบาลตำบลวัฒนา", nameEn: "Watthana Subdistrict Municipality", kind: "local_subdistrict", districtTh: "ส่องดาว", districtEn: "Song Dao", realName: true },
  { slug: "pathum-wapi-subdistrict-municipality", nameTh: "เทศบาลตำบลปทุมวาปี", nameEn: "Pathum Wapi Subdistrict Municipality", kind: "local_subdistrict", districtTh: "ส่องดาว", districtEn: "Song Dao", realName: true },
  // อำเภอเต่างอย (Tao Ngoi)
  { slug: "tao-ngoi-subdistrict-municipality", nameTh: "เทศบาลตำบลเต่างอย", nameEn: "Tao Ngoi Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เต่างอย", districtEn: "Tao Ngoi", realName: false },
  { slug: "tao-ngoi-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลเต่างอย", nameEn: "Tao Ngoi Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เต่างอย", districtEn: "Tao Ngoi", realName: false },
  { slug: "bueng-thawai-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลบึงทวาย", nameEn: "Bueng Thawai Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เต่างอย", districtEn: "Tao Ngoi", realName: false },
  { slug: "na-tan-subdistrict-municipality", nameTh: "เทศบาลตำบลนาตาล", nameEn: "Na Tan Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เต่างอย", districtEn: "Tao Ngoi", realName: false },
  { slug: "chan-phen-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลจันทร์เพ็ญ", nameEn: "Chan Phen Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เต่างอย", districtEn: "Tao Ngoi", realName: false },
  // อำเภอโคกศรีสุพรรณ (Khok Si Suphan)
  { slug: "tong-khop-subdistrict-municipality", nameTh: "เทศบาลตำบลตองโขบ", nameEn: "Tong Khop Subdistrict Municipality", kind: "local_subdistrict", districtTh: "โคกศรีสุพรรณ", districtEn: "Khok Si Suphan", realName: true },
  { slug: "lao-phon-kho-subdistrict-municipality", nameTh: "เทศบาลตำบลเหล่าโพนค้อ", nameEn: "Lao Phon Kho Subdistrict Municipality", kind: "local_subdistrict", districtTh: "โคกศรีสุพรรณ", districtEn: "Khok Si Suphan", realName: false },
  { slug: "dan-muang-kham-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลด่านม่วงคำ", nameEn: "Dan Muang Kham Subdistrict Administrative Organization", kind: "local_sao", districtTh: "โคกศรีสุพรรณ", districtEn: "Khok Si Suphan", realName: false },
  { slug: "maet-na-thom-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลแมดนาท่ม", nameEn: "Maet Na Thom Subdistrict Administrative Organization", kind: "local_sao", districtTh: "โคกศรีสุพรรณ", districtEn: "Khok Si Suphan", realName: false },
  // อำเภอเจริญศิลป์ (Charoen Sin)
  { slug: "charoen-sin-subdistrict-municipality", nameTh: "เทศบาลตำบลเจริญศิลป์", nameEn: "Charoen Sin Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เจริญศิลป์", districtEn: "Charoen Sin", realName: false },
  { slug: "ban-lao-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลบ้านเหล่า", nameEn: "Ban Lao Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เจริญศิลป์", districtEn: "Charoen Sin", realName: false },
  { slug: "thung-kae-subdistrict-municipality", nameTh: "เทศบาลตำบลทุ่งแก", nameEn: "Thung Kae Subdistrict Municipality", kind: "local_subdistrict", districtTh: "เจริญศิลป์", districtEn: "Charoen Sin", realName: false },
  { slug: "khok-sila-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลโคกศิลา", nameEn: "Khok Sila Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เจริญศิลป์", districtEn: "Charoen Sin", realName: false },
  { slug: "nong-paen-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหนองแปน", nameEn: "Nong Paen Subdistrict Administrative Organization", kind: "local_sao", districtTh: "เจริญศิลป์", districtEn: "Charoen Sin", realName: false },
  // อำเภอโพนนาแก้ว (Phon Na Kaeo)
  { slug: "ban-phon-subdistrict-municipality", nameTh: "เทศบาลตำบลบ้านโพน", nameEn: "Ban Phon Subdistrict Municipality", kind: "local_subdistrict", districtTh: "โพนนาแก้ว", districtEn: "Phon Na Kaeo", realName: false },
  { slug: "na-kaeo-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนาแก้ว", nameEn: "Na Kaeo Subdistrict Administrative Organization", kind: "local_sao", districtTh: "โพนนาแก้ว", districtEn: "Phon Na Kaeo", realName: false },
  { slug: "na-tong-watthana-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลนาตงวัฒนา", nameEn: "Na Tong Watthana Subdistrict Administrative Organization", kind: "local_sao", districtTh: "โพนนาแก้ว", districtEn: "Phon Na Kaeo", realName: false },
  { slug: "ban-paen-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลบ้านแป้น", nameEn: "Ban Paen Subdistrict Administrative Organization", kind: "local_sao", districtTh: "โพนนาแก้ว", districtEn: "Phon Na Kaeo", realName: false },
  { slug: "chiang-sue-subdistrict-municipality", nameTh: "เทศบาลตำบลเชียงสือ", nameEn: "Chiang Sue Subdistrict Municipality", kind: "local_subdistrict", districtTh: "โพนนาแก้ว", districtEn: "Phon Na Kaeo", realName: false },
  // อำเภอภูพาน (Phu Phan)
  { slug: "sang-kho-subdistrict-municipality", nameTh: "เทศบาลตำบลสร้างค้อ", nameEn: "Sang Kho Subdistrict Municipality", kind: "local_subdistrict", districtTh: "ภูพาน", districtEn: "Phu Phan", realName: false },
  { slug: "lup-lao-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลหลุบเลา", nameEn: "Lup Lao Subdistrict Administrative Organization", kind: "local_sao", districtTh: "ภูพาน", districtEn: "Phu Phan", realName: false },
  { slug: "khok-phu-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลโคกภู", nameEn: "Khok Phu Subdistrict Administrative Organization", kind: "local_sao", districtTh: "ภูพาน", districtEn: "Phu Phan", realName: false },
  { slug: "kok-pla-sio-subdistrict-administrative-organization", nameTh: "องค์การบริหารส่วนตำบลกกปลาซิว", nameEn: "Kok Pla Sio Subdistrict Administrative Organization", kind: "local_sao", districtTh: "ภูพาน", districtEn: "Phu Phan", realName: false },
];
