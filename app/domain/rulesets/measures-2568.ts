// Suggested measures per item for the improvement plan (มาตรการ/แนวทางที่แนะนำ): a starting point the
// officer picks and edits, never a required text. Data, like the ruleset: an assessor may replace it.
// Drawn from measures agencies commonly publish in their ITA improvement reports.
import { instrumentItems, type LocalizedText, type Ruleset } from "../ruleset";

type Library = Record<string, LocalizedText[]>;

const perceptionMeasures: Library = {
  i1: [
    {
      th: "จัดทำมาตรฐานและขั้นตอนการให้บริการ (คู่มือ) และติดประกาศระยะเวลาให้บริการ ณ จุดบริการ",
      en: "Publish service standards and timelines (a manual) at every service point",
    },
    { th: "อบรมบุคลากรเรื่องการให้บริการอย่างโปร่งใส ตรงเวลา และตามขั้นตอน", en: "Train staff on transparent, timely, by-the-book service" },
  ],
  i2: [
    {
      th: "เพิ่มช่องทางบริการออนไลน์ (e-Service) และระบบบัตรคิว เพื่อลดการใช้ดุลพินิจและการเลือกปฏิบัติ",
      en: "Add e-services and a queue system to reduce discretion and unequal treatment",
    },
  ],
  i3: [{ th: "ประกาศนโยบายไม่รับของขวัญและสินบน (No Gift Policy) และช่องทางแจ้งเบาะแส", en: "Announce a No Gift Policy and a channel to report bribes" }],
  i4: [
    {
      th: "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีและรายงานผลการใช้จ่ายรายไตรมาสบนเว็บไซต์",
      en: "Publish the annual spending plan and quarterly spending reports on the website",
    },
  ],
  i5: [{ th: "ทบทวนขั้นตอนการเบิกจ่ายและการตรวจสอบเอกสารก่อนเบิกจ่าย พร้อมสุ่มตรวจ", en: "Review disbursement steps and pre-payment document checks, with spot audits" }],
  i6: [
    {
      th: "เปิดโอกาสให้ประชาชนมีส่วนร่วมตรวจรับพัสดุ และเผยแพร่ผลการจัดซื้อจัดจ้างรายเดือน",
      en: "Invite citizens to take part in acceptance checks; publish procurement results monthly",
    },
  ],
  i7: [{ th: "กำหนดหลักเกณฑ์การมอบหมายงานที่ชัดเจนและเป็นธรรม และสื่อสารให้บุคลากรทราบ", en: "Set and communicate clear, fair criteria for assigning work" }],
  i8: [
    {
      th: "ออกแนวปฏิบัติห้ามผู้บังคับบัญชาสั่งการเรื่องส่วนตัว พร้อมช่องทางร้องเรียนที่ปลอดภัย",
      en: "Issue a rule against private errands ordered by superiors, with a safe complaint channel",
    },
  ],
  i9: [
    {
      th: "จัดทำช่องทางรับแจ้งการสั่งการที่ไม่ถูกต้องโดยไม่เปิดเผยตัวตน และมาตรการคุ้มครองผู้แจ้ง",
      en: "Provide an anonymous channel for reporting improper orders, with whistle-blower protection",
    },
  ],
  i10: [
    {
      th: "จัดทำคู่มือ/แนวปฏิบัติการยืมทรัพย์สินของราชการ พร้อมแบบฟอร์มและทะเบียนคุมการยืม-คืน",
      en: "Write a procedure manual for borrowing government property, with forms and a loan register",
    },
  ],
  i11: [{ th: "ตรวจนับและติดรหัสครุภัณฑ์ประจำปี และเผยแพร่ผลการตรวจสอบ", en: "Annual stock-take and tagging of assets, with published results" }],
  i12: [
    {
      th: "แต่งตั้งผู้รับผิดชอบกำกับดูแลการใช้ทรัพย์สินของราชการและรายงานผลต่อผู้บริหาร",
      en: "Appoint someone to oversee the use of government property and report to management",
    },
  ],
  i13: [
    {
      th: "ผู้บริหารประกาศเจตจำนงสุจริตและสื่อสารต่อบุคลากรและสาธารณะอย่างสม่ำเสมอ",
      en: "The head of the agency declares and regularly communicates an integrity commitment",
    },
  ],
  i14: [{ th: "จัดทำแผนป้องกันการทุจริตและรายงานผลการแก้ไขปัญหาการทุจริตต่อสาธารณะ", en: "Adopt an anti-corruption plan and publicly report on problems resolved" }],
  i15: [{ th: "ส่งเสริมให้บุคลากรกล้าแจ้งเบาะแสการทุจริต พร้อมมาตรการคุ้มครองผู้แจ้ง", en: "Encourage staff to report corruption, with protection for those who do" }],
  e1: [{ th: "ประกาศขั้นตอนและระยะเวลาการให้บริการ และติดตามให้เป็นไปตามที่ประกาศ", en: "Publish service steps and times, and monitor that they are kept" }],
  e2: [
    {
      th: "เพิ่มช่องทางบริการออนไลน์ (e-Service) เพื่อลดการใช้ดุลพินิจและให้บริการทุกคนเท่าเทียมกัน",
      en: "Offer e-services so that everyone is served alike, with less discretion",
    },
    { th: "ใช้ระบบบัตรคิวและประกาศลำดับการให้บริการ", en: "Use a queue system and display the service order" },
  ],
  e3: [{ th: "ประกาศนโยบายไม่รับของขวัญและสินบน ณ จุดบริการ พร้อมช่องทางแจ้งเบาะแส", en: "Post the No Gift Policy at service points, with a channel to report" }],
  e4: [
    {
      th: "เผยแพร่ข้อมูลผ่านหลายช่องทาง (เว็บไซต์ เฟซบุ๊ก LINE บอร์ดประชาสัมพันธ์)",
      en: "Publish information on several channels (website, Facebook, LINE, notice boards)",
    },
  ],
  e5: [{ th: "ปรับปรุงข้อความประชาสัมพันธ์ให้เข้าใจง่าย มีอินโฟกราฟิก", en: "Rewrite notices in plain language, with infographics" }],
  e6: [{ th: "กำหนดผู้รับผิดชอบตอบคำถามและระยะเวลาตอบกลับ พร้อมช่องทางถาม-ตอบออนไลน์", en: "Name who answers questions and by when, with an online Q&A channel" }],
  e7: [{ th: "จัดเวทีประชาคมและเปิดรับฟังความคิดเห็นผู้รับบริการในการปรับปรุงการดำเนินงาน", en: "Hold public forums and consult service users on improvements" }],
  e8: [{ th: "พัฒนาระบบ e-Service ให้ใช้งานง่ายบนโทรศัพท์มือถือ และประชาสัมพันธ์การใช้งาน", en: "Make e-services easy on mobile phones and promote them" }],
  e9: [{ th: "ทบทวนกระบวนงานบริการเพื่อลดขั้นตอน และเผยแพร่ผลการปรับปรุง", en: "Review service processes to cut steps, and publish the improvements" }],
};

/**
 * Suggested measures for an item: the list above for IIT/EIT items; for an OIT item, publishing
 * what the item asks for (its wording) completely and on time, under the website's ITA menu.
 */
export function suggestedMeasures(ruleset: Ruleset, itemCode: string): LocalizedText[] {
  if (perceptionMeasures[itemCode]) return perceptionMeasures[itemCode];
  const item = instrumentItems(ruleset, "oit").find((candidate) => candidate.code === itemCode);
  if (!item) return [];
  return [
    {
      th: `จัดทำและเผยแพร่ "${item.wording.th}" บนเว็บไซต์หน่วยงาน (เมนู ITA) ให้ครบถ้วน เป็นปัจจุบัน และตรงตามเกณฑ์ ข้อ ${item.code}`,
      en: `Publish "${item.wording.en}" on the agency website (ITA menu), complete, current and as item ${item.code} requires`,
    },
    {
      th: `มอบหมายผู้รับผิดชอบและกำหนดเวลาตรวจสอบข้อมูล ข้อ ${item.code} เป็นประจำทุกไตรมาส`,
      en: `Name an owner for item ${item.code} and check it every quarter`,
    },
  ];
}
