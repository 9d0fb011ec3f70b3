// The ITA 2568 (fiscal year 2025) default ruleset, as data. Source: the NACC's ITA 2568 methodology
// as restated in an agency's published ITA 2568 analysis report (Rae subdistrict municipality,
// Sakon Nakhon, April 2569) and the NACC's ITA manual — see docs / shared ita-2568.md.
// WORDING IS PROVISIONAL: the official 2568 wording is in the NACC's ITA 2568 manual, which we do not
// have. IIT wording is the legacy 2564–2567 form; EIT questions are written for the confirmed topics;
// the national assessor imports the official wording (a validated JSON ruleset) before a cycle opens.
import { mustParseRuleset, type RulesetInput } from "../ruleset";

const provisional = true;

export const ita2568Definition = {
  meta: {
    fiscalYear: 2568,
    rulesVersion: "2568.1-provisional",
    provisionalWording: true,
    source:
      "NACC ITA 2568 methodology as restated in the ITA 2568 analysis report of Rae subdistrict municipality " +
      "(Sakon Nakhon, April 2569) and the NACC ITA manual; item wording from the NACC form of 2564–2567 (provisional)",
  },

  instruments: {
    iit: {
      name: {
        th: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
        en: "Internal Integrity and Transparency Assessment (IIT)",
      },
    },
    eit: {
      name: {
        th: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        en: "External Integrity and Transparency Assessment (EIT)",
      },
    },
    oit: {
      name: { th: "แบบวัดการเปิดเผยข้อมูลสาธารณะ", en: "Open Data Integrity and Transparency Assessment (OIT)" },
    },
  },

  // ITA 2568: total = 0.30·IIT + 0.15·EIT-1 + 0.15·EIT-2 + 0.40·OIT.
  parts: {
    iit: { name: { th: "IIT", en: "IIT" }, weight: 30 },
    eit1: { name: { th: "EIT ส่วนที่ ๑", en: "EIT part 1" }, weight: 15 },
    eit2: { name: { th: "EIT ส่วนที่ ๒", en: "EIT part 2" }, weight: 15 },
    oit: { name: { th: "OIT", en: "OIT" }, weight: 40 },
  },

  // ITA 2568 (NACC form of 2564–2567, the default until the official 2568 manual says otherwise).
  // An answer is stored as the 0-based index of the option.
  optionSets: [
    {
      code: "extent-positive",
      name: { th: "ระดับ (เชิงบวก)", en: "Extent (positive)" },
      options: [
        { label: { th: "น้อยที่สุดหรือไม่มีเลย", en: "Least or not at all" }, points: 0 },
        { label: { th: "น้อย", en: "Little" }, points: 33.33 },
        { label: { th: "มาก", en: "Much" }, points: 66.67 },
        { label: { th: "มากที่สุด", en: "Most" }, points: 100 },
      ],
    },
    {
      // Asks about bad behaviour, so the points are reversed.
      code: "extent-negative",
      name: { th: "ระดับ (เชิงลบ คะแนนกลับด้าน)", en: "Extent (negative, reverse-scored)" },
      options: [
        { label: { th: "น้อยที่สุดหรือไม่มีเลย", en: "Least or not at all" }, points: 100 },
        { label: { th: "น้อย", en: "Little" }, points: 66.67 },
        { label: { th: "มาก", en: "Much" }, points: 33.33 },
        { label: { th: "มากที่สุด", en: "Most" }, points: 0 },
      ],
    },
    {
      code: "yesno-bad",
      name: { th: "มี/ไม่มี (พฤติกรรมที่ไม่พึงประสงค์)", en: "Yes/no (bad behaviour)" },
      options: [
        { label: { th: "มี", en: "Yes" }, points: 0 },
        { label: { th: "ไม่มี", en: "No" }, points: 100 },
      ],
    },
    {
      code: "yesno-good",
      name: { th: "มี/ไม่มี (แนวปฏิบัติที่ดี)", en: "Yes/no (good practice)" },
      options: [
        { label: { th: "มี", en: "Yes" }, points: 100 },
        { label: { th: "ไม่มี", en: "No" }, points: 0 },
      ],
    },
  ],

  indicators: [
    { code: "1", instrument: "iit", name: { th: "การปฏิบัติหน้าที่", en: "Performing duties" } },
    { code: "2", instrument: "iit", name: { th: "การใช้งบประมาณ", en: "Use of budget" } },
    { code: "3", instrument: "iit", name: { th: "การใช้อำนาจ", en: "Use of authority" } },
    { code: "4", instrument: "iit", name: { th: "การใช้ทรัพย์สินของราชการ", en: "Use of government property" } },
    { code: "5", instrument: "iit", name: { th: "การแก้ไขปัญหาการทุจริต", en: "Addressing corruption" } },
    { code: "6", instrument: "eit", name: { th: "คุณภาพการดำเนินงาน", en: "Quality of operations" } },
    { code: "7", instrument: "eit", name: { th: "ประสิทธิภาพการสื่อสาร", en: "Effectiveness of communication" } },
    { code: "8", instrument: "eit", name: { th: "การปรับปรุงระบบการทำงาน", en: "Improving work systems" } },
    {
      code: "9",
      instrument: "oit",
      name: { th: "การเปิดเผยข้อมูล", en: "Information disclosure" },
      subIndicators: [
        { code: "9.1", name: { th: "ข้อมูลพื้นฐาน", en: "Basic information" } },
        { code: "9.2", name: { th: "การบริหารงานและการใช้จ่ายงบประมาณ", en: "Administration and budget spending" } },
        { code: "9.3", name: { th: "การจัดซื้อจัดจ้าง", en: "Procurement" } },
        { code: "9.4", name: { th: "การบริหารและพัฒนาทรัพยากรบุคคล", en: "Human resources" } },
        { code: "9.5", name: { th: "การส่งเสริมความโปร่งใส", en: "Promoting transparency" } },
      ],
    },
    {
      code: "10",
      instrument: "oit",
      name: { th: "การป้องกันการทุจริต", en: "Preventing corruption" },
      subIndicators: [
        {
          code: "10.1",
          name: { th: "การดำเนินการเพื่อป้องกันการทุจริตในประเด็นสินบน", en: "Anti-bribery actions" },
        },
        {
          code: "10.2",
          name: { th: "การส่งเสริมคุณธรรมและความโปร่งใส", en: "Promoting integrity and transparency" },
        },
      ],
    },
  ],

  items: [
    // ───────────── IIT: indicator 1, performing duties ─────────────
    {
      code: "i1",
      indicator: "1",
      topic: { th: "ปฏิบัติงานตามขั้นตอนและระยะเวลา", en: "Serving people following the set steps and time frames" },
      wording: {
        th: "บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการแก่ผู้มาติดต่อ ตามประเด็นดังต่อไปนี้ มากน้อยเพียงใด",
        en: "To what extent do the staff of your agency work for / serve people who contact the agency as follows?",
        provisional,
      },
      subItems: [
        {
          code: "i1.1",
          wording: { th: "เป็นไปตามขั้นตอนที่กำหนด", en: "Following the set steps", provisional },
          optionSet: "extent-positive",
        },
        {
          code: "i1.2",
          wording: { th: "เป็นไปตามระยะเวลาที่กำหนด", en: "Within the set time frame", provisional },
          optionSet: "extent-positive",
        },
      ],
    },
    {
      code: "i2",
      indicator: "1",
      topic: { th: "ให้บริการอย่างเท่าเทียม", en: "Treating ordinary and personally known contacts equally" },
      topicConfirmed: true,
      wording: {
        th: "บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการ แก่ผู้มาติดต่อทั่ว ๆ ไป กับผู้มาติดต่อที่รู้จักเป็นการส่วนตัวอย่างเท่าเทียมกัน มากน้อยเพียงใด",
        en: "To what extent do the staff of your agency work for / serve ordinary contacts and contacts they know personally equally?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "i3",
      indicator: "1",
      topic: { th: "การเรียกรับสิ่งตอบแทน", en: "Demanding money, property or other benefits for service" },
      wording: {
        th: "บุคลากรในหน่วยงานของท่าน มีการเรียกรับสิ่งดังต่อไปนี้ จากผู้มาติดต่อ เพื่อแลกกับการปฏิบัติงาน การอนุมัติ อนุญาต หรือให้บริการ หรือไม่",
        en: "Do the staff of your agency demand any of the following from people who contact the agency in exchange for doing their work, granting an approval or permit, or providing a service?",
        provisional,
      },
      subItems: [
        { code: "i3.1", wording: { th: "เงิน", en: "Money", provisional }, optionSet: "yesno-bad" },
        { code: "i3.2", wording: { th: "ทรัพย์สิน", en: "Property", provisional }, optionSet: "yesno-bad" },
        {
          code: "i3.3",
          wording: {
            th: "ประโยชน์อื่น ๆ ที่อาจคำนวณเป็นเงินได้",
            en: "Other benefits that can be valued in money",
            provisional,
          },
          optionSet: "yesno-bad",
        },
      ],
    },

    // ───────────── IIT: indicator 2, use of budget ─────────────
    {
      code: "i4",
      indicator: "2",
      topic: { th: "ใช้งบประมาณคุ้มค่าและตรงวัตถุประสงค์", en: "Budget spent with value for money and true to its purpose" },
      wording: {
        th: "หน่วยงานของท่าน ใช้จ่ายงบประมาณ โดยคำนึงถึงประเด็นดังต่อไปนี้ มากน้อยเพียงใด",
        en: "To what extent does your agency take the following into account when spending its budget?",
        provisional,
      },
      subItems: [
        { code: "i4.1", wording: { th: "คุ้มค่า", en: "Value for money", provisional }, optionSet: "extent-positive" },
        {
          code: "i4.2",
          wording: {
            th: "ไม่บิดเบือนวัตถุประสงค์ของงบประมาณที่ตั้งไว้",
            en: "Not diverting the budget from its stated purpose",
            provisional,
          },
          optionSet: "extent-positive",
        },
      ],
    },
    {
      code: "i5",
      indicator: "2",
      topic: { th: "การเบิกจ่ายเงินที่เป็นเท็จ", en: "False disbursement claims" },
      wording: {
        th: "บุคลากรในหน่วยงานของท่าน มีการเบิกจ่ายเงิน ที่เป็นเท็จ เช่น ค่าทำงานล่วงเวลา ค่าวัสดุอุปกรณ์ หรือค่าเดินทาง ฯลฯ มากน้อยเพียงใด",
        en: "To what extent do the staff of your agency make false claims for payment, such as overtime, materials and equipment, or travel?",
        provisional,
      },
      optionSet: "extent-negative",
    },
    {
      code: "i6",
      indicator: "2",
      topic: { th: "การจัดซื้อจัดจ้างโปร่งใส ไม่เอื้อประโยชน์", en: "Transparent procurement that favours no supplier" },
      wording: {
        th: "หน่วยงานของท่าน มีการจัดซื้อจัดจ้าง/การจัดหาพัสดุ และการตรวจรับพัสดุในลักษณะดังต่อไปนี้ มากน้อยเพียงใด",
        en: "To what extent are your agency's procurement and its acceptance of goods and works as follows?",
        provisional,
      },
      subItems: [
        {
          code: "i6.1",
          wording: { th: "โปร่งใส ตรวจสอบได้", en: "Transparent and open to scrutiny", provisional },
          optionSet: "extent-positive",
        },
        {
          // Asks about favouritism (bad behaviour): reverse-scored.
          code: "i6.2",
          wording: {
            th: "เอื้อประโยชน์ให้ผู้ประกอบการรายใดรายหนึ่ง",
            en: "Favouring a particular supplier",
            provisional,
          },
          optionSet: "extent-negative",
        },
      ],
    },

    // ───────────── IIT: indicator 3, use of authority ─────────────
    {
      code: "i7",
      indicator: "3",
      topic: { th: "การมอบหมายงานอย่างเป็นธรรม", en: "Work assigned fairly by superiors" },
      wording: {
        th: "ท่านได้รับมอบหมายงานจากผู้บังคับบัญชาอย่างเป็นธรรม มากน้อยเพียงใด",
        en: "To what extent are you assigned work fairly by your superiors?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "i8",
      indicator: "3",
      topic: { th: "การสั่งให้ทำธุระส่วนตัว", en: "Being ordered to run superiors' personal errands" },
      wording: {
        th: "ท่านเคยถูกผู้บังคับบัญชาสั่งการให้ทำธุระส่วนตัวของผู้บังคับบัญชา มากน้อยเพียงใด",
        en: "To what extent have your superiors ordered you to run their personal errands?",
        provisional,
      },
      optionSet: "extent-negative",
    },
    {
      code: "i9",
      indicator: "3",
      topic: { th: "การสั่งให้ทำสิ่งที่ไม่ถูกต้อง", en: "Being ordered to do wrongful or corruption-prone acts" },
      wording: {
        th: "ท่านเคยถูกผู้บังคับบัญชาสั่งการให้ทำในสิ่งที่ไม่ถูกต้อง หรือมีความเสี่ยงต่อการทุจริต มากน้อยเพียงใด",
        en: "To what extent have your superiors ordered you to do something wrong or at risk of corruption?",
        provisional,
      },
      optionSet: "extent-negative",
    },

    // ───────────── IIT: indicator 4, use of government property ─────────────
    {
      code: "i10",
      indicator: "4",
      topic: { th: "การขออนุญาตยืมทรัพย์สินของราชการ", en: "Borrowing government property with proper permission" },
      topicConfirmed: true,
      wording: {
        th: "ถ้าต้องมีการขอยืมทรัพย์สินของราชการ ไปใช้ปฏิบัติงาน บุคลากรในหน่วยงานของท่าน มีการขออนุญาตอย่างถูกต้อง มากน้อยเพียงใด",
        en: "When government property has to be borrowed for work, to what extent do the staff of your agency ask for permission properly?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "i11",
      indicator: "4",
      topic: { th: "การเอาทรัพย์สินของราชการไปเป็นของส่วนตัว", en: "Taking government property for oneself or one's group" },
      wording: {
        th: "บุคลากรในหน่วยงานของท่าน มีการเอาทรัพย์สินของราชการ ไปเป็นของส่วนตัว หรือนำไปให้กลุ่มหรือพวกพ้อง มากน้อยเพียงใด",
        en: "To what extent do the staff of your agency take government property for themselves or give it to their group or associates?",
        provisional,
      },
      optionSet: "extent-negative",
    },
    {
      code: "i12",
      indicator: "4",
      topic: { th: "การกำกับดูแลการใช้ทรัพย์สินของราชการ", en: "Oversight of the use of government property" },
      topicConfirmed: true,
      wording: {
        th: "หน่วยงานของท่าน มีการกำกับดูแลและตรวจสอบการใช้ทรัพย์สินของราชการ เพื่อป้องกันไม่ให้มีการนำไปใช้ประโยชน์ส่วนตัว กลุ่ม หรือพวกพ้อง มากน้อยเพียงใด",
        en: "To what extent does your agency oversee and check the use of government property to prevent its use for personal, group or associates' benefit?",
        provisional,
      },
      optionSet: "extent-positive",
    },

    // ───────────── IIT: indicator 5, addressing corruption ─────────────
    {
      code: "i13",
      indicator: "5",
      topic: { th: "ผู้บริหารให้ความสำคัญกับการต่อต้านการทุจริต", en: "The head of the agency gives weight to fighting corruption" },
      wording: {
        th: "ผู้บริหารสูงสุดของหน่วยงานของท่าน ให้ความสำคัญ กับการต่อต้านการทุจริต มากน้อยเพียงใด",
        en: "To what extent does the head of your agency give importance to fighting corruption?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "i14",
      indicator: "5",
      topic: {
        th: "มาตรการต่อต้านการทุจริตป้องกันการทุจริตได้จริง",
        en: "The agency's anti-corruption measures actually prevent corruption",
      },
      topicConfirmed: true,
      // New in 2568; the closest legacy wording until the official text is imported.
      wording: {
        th: "ปัญหาการทุจริตในหน่วยงานของท่าน ได้รับการแก้ไข มากน้อยเพียงใด",
        en: "To what extent are corruption problems in your agency dealt with?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "i15",
      indicator: "5",
      topic: { th: "ความเชื่อมั่นในการจัดการเรื่องร้องเรียนการทุจริต", en: "Trust in how corruption complaints are handled" },
      topicConfirmed: true,
      wording: {
        th: "หากท่านพบเห็นแนวโน้มการทุจริตที่จะเกิดขึ้นในหน่วยงานของท่าน ท่านมีความคิดเห็นต่อประเด็นดังต่อไปนี้ อย่างไร",
        en: "If you saw signs of corruption about to happen in your agency, what would you think of the following?",
        provisional,
      },
      subItems: [
        {
          code: "i15.1",
          wording: {
            th: "สามารถร้องเรียนและส่งหลักฐานได้อย่างสะดวก",
            en: "I can complain and submit evidence easily",
            provisional,
          },
          optionSet: "extent-positive",
        },
        {
          code: "i15.2",
          wording: { th: "สามารถติดตามผลการร้องเรียนได้", en: "I can follow up on the complaint", provisional },
          optionSet: "extent-positive",
        },
        {
          code: "i15.3",
          wording: {
            th: "มั่นใจว่าจะมีการดำเนินการอย่างตรงไปตรงมา",
            en: "I am confident it will be handled honestly",
            provisional,
          },
          optionSet: "extent-positive",
        },
        {
          code: "i15.4",
          wording: {
            th: "มั่นใจว่าจะปลอดภัยและไม่มีผลกระทบต่อตนเอง",
            en: "I am confident I will be safe and unaffected",
            provisional,
          },
          optionSet: "extent-positive",
        },
      ],
    },

    // ───────────── EIT: indicator 6, quality of operations ─────────────
    {
      code: "e1",
      indicator: "6",
      topic: { th: "ปฏิบัติงานตามขั้นตอนและระยะเวลา", en: "Serving you following the set steps and time frames" },
      wording: {
        th: "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามประเด็นดังต่อไปนี้ มากน้อยเพียงใด",
        en: "To what extent did the staff of the agency you dealt with work for / serve you as follows?",
        provisional,
      },
      subItems: [
        {
          code: "e1.1",
          wording: { th: "เป็นไปตามขั้นตอนที่กำหนด", en: "Following the set steps", provisional },
          optionSet: "extent-positive",
        },
        {
          code: "e1.2",
          wording: { th: "เป็นไปตามระยะเวลาที่กำหนด", en: "Within the set time frame", provisional },
          optionSet: "extent-positive",
        },
      ],
    },
    {
      code: "e2",
      indicator: "6",
      topic: { th: "ให้บริการอย่างเท่าเทียม", en: "Serving all contacts equally, known or not" },
      topicConfirmed: true,
      wording: {
        th: "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ผู้มาติดต่อทุกคนอย่างเท่าเทียมกัน ไม่ว่าจะรู้จักเป็นการส่วนตัวหรือไม่ มากน้อยเพียงใด",
        en: "To what extent did the staff of the agency you dealt with serve everyone equally, whether or not they knew them personally?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "e3",
      indicator: "6",
      topic: { th: "การเรียกรับหรือรับสิ่งตอบแทน", en: "Demanding or accepting money, property or other benefits for service" },
      wording: {
        th: "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ เรียกรับหรือรับสิ่งดังต่อไปนี้ จากท่าน เพื่อแลกกับการปฏิบัติงาน การอนุมัติ อนุญาต หรือให้บริการ หรือไม่",
        en: "Did the staff of the agency you dealt with demand or accept any of the following from you in exchange for doing their work, granting an approval or permit, or providing a service?",
        provisional,
      },
      subItems: [
        { code: "e3.1", wording: { th: "เงิน", en: "Money", provisional }, optionSet: "yesno-bad" },
        { code: "e3.2", wording: { th: "ทรัพย์สิน", en: "Property", provisional }, optionSet: "yesno-bad" },
        {
          code: "e3.3",
          wording: {
            th: "ประโยชน์อื่น ๆ ที่อาจคำนวณเป็นเงินได้",
            en: "Other benefits that can be valued in money",
            provisional,
          },
          optionSet: "yesno-bad",
        },
      ],
    },

    // ───────────── EIT: indicator 7, effectiveness of communication ─────────────
    {
      code: "e4",
      indicator: "7",
      topic: { th: "ช่องทางเผยแพร่ข้อมูลเข้าถึงง่าย", en: "Information channels are easy to reach" },
      topicConfirmed: true,
      wording: {
        th: "หน่วยงานที่ท่านติดต่อ มีช่องทางการเผยแพร่ข้อมูลที่ท่านเข้าถึงได้ง่าย มากน้อยเพียงใด",
        en: "To what extent can you easily reach the channels through which the agency you dealt with publishes information?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "e5",
      indicator: "7",
      topic: { th: "ข้อมูลที่เผยแพร่มีความชัดเจน", en: "Published information is clear enough" },
      topicConfirmed: true,
      wording: {
        th: "ข้อมูลที่หน่วยงานที่ท่านติดต่อเผยแพร่ มีความชัดเจนเพียงพอที่ท่านจะเข้าใจได้ มากน้อยเพียงใด",
        en: "To what extent is the information published by the agency you dealt with clear enough for you to understand?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "e6",
      indicator: "7",
      topic: { th: "การชี้แจงและตอบคำถามชัดเจน", en: "Answers to questions and explanations are clear" },
      topicConfirmed: true,
      wording: {
        th: "หน่วยงานที่ท่านติดต่อ ชี้แจงและตอบคำถามของท่านได้อย่างชัดเจน มากน้อยเพียงใด",
        en: "To what extent did the agency you dealt with explain things and answer your questions clearly?",
        provisional,
      },
      optionSet: "extent-positive",
    },

    // ───────────── EIT: indicator 8, improving work systems ─────────────
    {
      code: "e7",
      indicator: "8",
      topic: { th: "เปิดโอกาสให้มีส่วนร่วมปรับปรุงการทำงาน", en: "Outsiders can take part in improving the agency's work" },
      topicConfirmed: true,
      wording: {
        th: "หน่วยงานที่ท่านติดต่อ เปิดโอกาสให้ผู้รับบริการหรือผู้มีส่วนได้ส่วนเสีย เข้าไปมีส่วนร่วมในการปรับปรุงการดำเนินงาน/การให้บริการของหน่วยงาน มากน้อยเพียงใด",
        en: "To what extent does the agency you dealt with give service users and stakeholders the chance to take part in improving its work and services?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "e8",
      indicator: "8",
      topic: { th: "บริการออนไลน์ (e-service) สะดวก รวดเร็ว มีประสิทธิภาพ", en: "Online services (e-service) are convenient, fast and efficient" },
      topicConfirmed: true,
      wording: {
        th: "การให้บริการออนไลน์ (e-service) ของหน่วยงานที่ท่านติดต่อ มีความสะดวก รวดเร็ว และมีประสิทธิภาพ มากน้อยเพียงใด",
        en: "To what extent are the online services (e-service) of the agency you dealt with convenient, fast and efficient?",
        provisional,
      },
      optionSet: "extent-positive",
    },
    {
      code: "e9",
      indicator: "8",
      topic: { th: "ปรับปรุงการทำงานให้โปร่งใสขึ้น", en: "The agency improves its work to be more transparent" },
      wording: {
        th: "หน่วยงานที่ท่านติดต่อ มีการปรับปรุงการดำเนินงาน/การให้บริการ ให้มีความโปร่งใสมากขึ้น มากน้อยเพียงใด",
        en: "To what extent has the agency you dealt with improved its work and services to be more transparent?",
        provisional,
      },
      optionSet: "extent-positive",
    },

    // ───────────── OIT: indicator 9, information disclosure (titles provisional) ─────────────
    { code: "o1", indicator: "9", subIndicator: "9.1", wording: { th: "โครงสร้างและอำนาจหน้าที่", en: "Structure and powers and duties", provisional } },
    { code: "o2", indicator: "9", subIndicator: "9.1", wording: { th: "ข้อมูลผู้บริหาร", en: "Information on executives", provisional } },
    { code: "o3", indicator: "9", subIndicator: "9.1", wording: { th: "ข้อมูลการติดต่อ", en: "Contact information", provisional } },
    { code: "o4", indicator: "9", subIndicator: "9.1", wording: { th: "ข่าวประชาสัมพันธ์", en: "News and announcements", provisional } },
    {
      code: "o5",
      indicator: "9",
      subIndicator: "9.2",
      wording: { th: "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", en: "Strategic or development plan", provisional },
    },
    {
      code: "o6",
      indicator: "9",
      subIndicator: "9.2",
      wording: {
        th: "แผนปฏิบัติและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี",
        en: "Annual action plan and progress of operations and budget spending",
        provisional,
      },
    },
    {
      code: "o7",
      indicator: "9",
      subIndicator: "9.2",
      wording: {
        th: "รายงานผลการดำเนินงานและการใช้งบประมาณประจำปี",
        en: "Annual report on operations and budget spending",
        provisional,
      },
    },
    {
      code: "o8",
      indicator: "9",
      subIndicator: "9.2",
      wording: { th: "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", en: "Staff operating manual or guidelines", provisional },
    },
    {
      code: "o9",
      indicator: "9",
      subIndicator: "9.2",
      wording: { th: "คู่มือหรือแนวทางการขอรับบริการ", en: "Service user manual or guidelines", provisional },
    },
    { code: "o10", indicator: "9", subIndicator: "9.2", wording: { th: "E-Service", en: "E-service", provisional } },
    {
      code: "o11",
      indicator: "9",
      subIndicator: "9.2",
      wording: { th: "ข้อมูลสถิติการให้บริการ", en: "Service statistics", provisional },
    },
    {
      code: "o12",
      indicator: "9",
      subIndicator: "9.3",
      wording: {
        th: "รายการและความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ",
        en: "Procurement list and progress",
        provisional,
      },
    },
    {
      code: "o13",
      indicator: "9",
      subIndicator: "9.3",
      wording: {
        th: "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี",
        en: "Annual procurement report",
        provisional,
      },
    },
    {
      code: "o14",
      indicator: "9",
      subIndicator: "9.4",
      wording: { th: "แผนการบริหารและพัฒนาทรัพยากรบุคคล", en: "Human resources management and development plan", provisional },
    },
    {
      code: "o15",
      indicator: "9",
      subIndicator: "9.4",
      wording: {
        th: "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี",
        en: "Annual human resources management and development report",
        provisional,
      },
    },
    {
      code: "o16",
      indicator: "9",
      subIndicator: "9.4",
      wording: { th: "ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม", en: "Code of ethics and putting it into practice", provisional },
    },
    {
      code: "o17",
      indicator: "9",
      subIndicator: "9.5",
      wording: {
        th: "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        en: "Guidelines for handling corruption and misconduct complaints",
        provisional,
      },
    },
    {
      code: "o18",
      indicator: "9",
      subIndicator: "9.5",
      wording: {
        th: "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        en: "Channels for reporting corruption and misconduct",
        provisional,
      },
    },
    {
      code: "o19",
      indicator: "9",
      subIndicator: "9.5",
      wording: {
        th: "ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        en: "Statistics on corruption and misconduct complaints",
        provisional,
      },
    },
    {
      code: "o20",
      indicator: "9",
      subIndicator: "9.5",
      wording: { th: "การเปิดโอกาสให้เกิดการมีส่วนร่วม", en: "Opportunities for public participation", provisional },
    },

    // ───────────── OIT: indicator 10, preventing corruption (titles provisional) ─────────────
    {
      code: "o21",
      indicator: "10",
      subIndicator: "10.1",
      wording: { th: "ประกาศเจตนารมณ์ No Gift Policy", en: "No Gift Policy declaration", provisional },
    },
    {
      code: "o22",
      indicator: "10",
      subIndicator: "10.1",
      wording: {
        th: "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา",
        en: "Report on customary gifts and other benefits received",
        provisional,
      },
    },
    {
      code: "o23",
      indicator: "10",
      subIndicator: "10.1",
      wording: { th: "การประเมินความเสี่ยงการให้หรือรับสินบน", en: "Bribery risk assessment", provisional },
    },
    {
      code: "o24",
      indicator: "10",
      subIndicator: "10.1",
      wording: {
        th: "รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริต",
        en: "Report on actions to manage corruption risks",
        provisional,
      },
    },
    {
      code: "o25",
      indicator: "10",
      subIndicator: "10.2",
      wording: { th: "แผนปฏิบัติการป้องกันการทุจริต", en: "Corruption prevention action plan", provisional },
    },
    {
      code: "o26",
      indicator: "10",
      subIndicator: "10.2",
      wording: {
        th: "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี",
        en: "Annual corruption prevention report",
        provisional,
      },
    },
    {
      code: "o27",
      indicator: "10",
      subIndicator: "10.2",
      wording: {
        th: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        en: "Internal measures to promote integrity and transparency",
        provisional,
      },
    },
    {
      code: "o28",
      indicator: "10",
      subIndicator: "10.2",
      wording: {
        th: "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        en: "Implementation of the integrity and transparency measures",
        provisional,
      },
    },
  ],

  // ITA 2568 minimum samples (app/domain/sampling.ts applies them).
  sampling: {
    percent: 20, // minimum = 20 % of N …
    floor: 30, // … but at least 30 …
    allOfPopulationBelow: 30, // … if N < 30, all N …
    largePopulationAbove: 2000, // … if N > 2,000 …
    largePopulationMinimum: 400, // … the minimum is 400.
    eitPart2: { percentOfPart1: 20, floor: 20 }, // EIT-2: ≥ 20 % of the EIT-1 minimum, and ≥ 20
    // The NACC manual page listing a fixed EIT-1 minimum per agency group (e.g. size-M subdistrict
    // municipality → 70) is not known to have applied in 2568: empty by default.
    fixedEit1MinimumByGroup: {},
  },

  // ITA 2568 rating bands (new in 2568), tried in order on the published 2-decimal figures.
  ratingBands: [
    { code: "pass-excellent", label: { th: "ผ่านดีเยี่ยม", en: "Pass — excellent" }, minTotal: 85, minEveryPart: 95 },
    { code: "pass-good", label: { th: "ผ่านดี", en: "Pass — good" }, minTotal: 85, minEveryPart: 85 },
    { code: "pass", label: { th: "ผ่าน", en: "Pass" }, minTotal: 85 },
    { code: "needs-improvement", label: { th: "ต้องปรับปรุง", en: "Needs improvement" }, minTotal: 70 },
    {
      code: "needs-urgent-improvement",
      label: { th: "ต้องปรับปรุงโดยด่วน", en: "Needs urgent improvement" },
      minTotal: 0,
    },
  ],

  // Screening (provisional). Stored with a response only as these coarse option codes.
  screening: {
    iit: [
      {
        code: "position",
        question: { th: "ตำแหน่งของท่าน", en: "Your position" },
        options: [
          { code: "executive", label: { th: "ผู้บริหาร", en: "Executive" } },
          { code: "director", label: { th: "ผู้อำนวยการ/หัวหน้า", en: "Director / head of unit" } },
          { code: "staff", label: { th: "ข้าราชการ/พนักงาน", en: "Civil servant / officer" } },
          { code: "employee", label: { th: "ลูกจ้าง/พนักงานจ้าง", en: "Employee / contract staff" } },
        ],
      },
      {
        // ITA 2568: IIT respondents have worked at the agency for at least one year.
        code: "tenure",
        question: {
          th: "ท่านปฏิบัติงานในหน่วยงานนี้มาแล้วไม่น้อยกว่า 1 ปี",
          en: "I have worked for this agency for at least one year",
        },
        options: [
          { code: "yes", label: { th: "ใช่", en: "Yes" } },
          { code: "no", label: { th: "ไม่ใช่", en: "No" }, blocks: true },
        ],
        blockedMessage: {
          th: "แบบวัด IIT สำหรับบุคลากรที่ปฏิบัติงานในหน่วยงานมาแล้วอย่างน้อย 1 ปี ขอบคุณที่สละเวลา",
          en: "The IIT is for staff who have worked at the agency for at least one year. Thank you for your time.",
        },
      },
    ],
    eit: [
      {
        code: "respondent-type",
        question: { th: "ท่านติดต่อหน่วยงานในฐานะ", en: "You dealt with the agency as" },
        options: [
          { code: "individual", label: { th: "บุคคล", en: "An individual" } },
          { code: "juristic-person", label: { th: "นิติบุคคล", en: "A juristic person" } },
          { code: "private-company", label: { th: "บริษัทเอกชน", en: "A private company" } },
          { code: "government-agency", label: { th: "หน่วยงานของรัฐอื่น", en: "Another government agency" } },
        ],
      },
      {
        // ITA 2568: EIT respondents used the agency's services in the fiscal year.
        code: "dealt-in-year",
        question: {
          th: "ท่านเคยติดต่อหรือรับบริการจากหน่วยงานนี้ในปีงบประมาณ พ.ศ. 2568",
          en: "I dealt with this agency during fiscal year 2568 (October 2024 – September 2025)",
        },
        options: [
          { code: "yes", label: { th: "ใช่", en: "Yes" } },
          { code: "no", label: { th: "ไม่ใช่", en: "No" }, blocks: true },
        ],
        blockedMessage: {
          th: "แบบวัด EIT สำหรับผู้ที่เคยติดต่อหรือรับบริการจากหน่วยงานในปีงบประมาณ พ.ศ. 2568 ขอบคุณที่สละเวลา",
          en: "The EIT is for people who dealt with the agency during fiscal year 2568. Thank you for your time.",
        },
      },
    ],
  },
} satisfies RulesetInput;

/** The validated ITA 2568 default ruleset. */
export const ita2568 = mustParseRuleset(ita2568Definition);
