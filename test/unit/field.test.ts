// The Field component (app/components/field.tsx): label, control and error text wired for screen
// readers — aria-invalid and aria-describedby naming the error (and hint) by ids derived from the name.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field, fieldControlProps, fieldIds } from "~/components/field";

const render = (props: Parameters<typeof Field>[0]) => renderToStaticMarkup(createElement(Field, props));
/** The attributes of the one element matching `tag` with id="…" (a small parser for flat markup). */
function attributesOf(html: string, tag: string, id: string): Record<string, string> {
  const element = [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))].map((m) => m[1]).find((attrs) => attrs.includes(` id="${id}"`));
  expect(element, `<${tag} id="${id}"> in ${html}`).toBeDefined();
  return Object.fromEntries([...element!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe("Field", () => {
  it("with an error: aria-invalid, aria-describedby naming the error element, and the error text", () => {
    const html = render({
      name: "threshold",
      label: "เกณฑ์",
      error: "เกณฑ์ต้องเป็นตัวเลข 0–100 / The threshold must be 0–100",
      inputProps: { type: "number" },
    });
    const input = attributesOf(html, "input", "threshold");
    expect(input["aria-invalid"]).toBe("true");
    expect(input["aria-describedby"].split(" ")).toContain("threshold-error");
    expect(input.name).toBe("threshold");
    expect(input.type).toBe("number");
    expect(html).toMatch(/<span class="field-error" id="threshold-error">เกณฑ์ต้องเป็นตัวเลข 0–100 \/ The threshold must be 0–100<\/span>/);
    expect(html).toContain('<label for="threshold">เกณฑ์</label>');
    expect(html).not.toContain('role="alert"'); // only where the page announces
  });

  it("without an error: no aria-invalid, no error element, no dangling aria-describedby", () => {
    const html = render({ name: "email", label: "อีเมล", error: null, inputProps: { type: "email", required: true } });
    const input = attributesOf(html, "input", "email");
    expect(input["aria-invalid"]).toBeUndefined();
    expect(input["aria-describedby"]).toBeUndefined();
    expect(html).not.toContain("email-error");
    expect(html).not.toContain("field-error");
  });

  it("a hint is described too; announce puts role=alert on the error; children render a select with the wiring", () => {
    const html = renderToStaticMarkup(
      createElement(Field, {
        name: "digits",
        label: "ตัวเลข",
        hint: "ไทยหรืออารบิก",
        error: "เลือกไม่ถูกต้อง",
        announce: true,
        children: (control) => createElement("select", { ...control, defaultValue: "thai" }, createElement("option", { value: "thai" }, "ไทย")),
      }),
    );
    const select = attributesOf(html, "select", "digits");
    expect(select["aria-invalid"]).toBe("true");
    expect(select["aria-describedby"]).toBe("digits-hint digits-error");
    expect(html).toContain('<span class="hint" id="digits-hint">ไทยหรืออารบิก</span>');
    expect(html).toContain('<span class="field-error" id="digits-error" role="alert">เลือกไม่ถูกต้อง</span>');
  });

  it("ids come from the name unless an id is given; the wiring alone (table cells) matches", () => {
    expect(fieldIds("m.1.0.title")).toEqual({ hintId: "m.1.0.title-hint", errorId: "m.1.0.title-error" });
    expect(fieldControlProps("m.1.0.end", { error: "x" })).toEqual({
      id: "m.1.0.end",
      name: "m.1.0.end",
      "aria-invalid": true,
      "aria-describedby": "m.1.0.end-error",
    });
    expect(fieldControlProps("m.1.0.end", { error: "" })).toEqual({ id: "m.1.0.end", name: "m.1.0.end" });
    const html = render({ name: "c", id: "counter", label: "จุดบริการ" });
    expect(attributesOf(html, "input", "counter").name).toBe("c");
    expect(html).toContain('<label for="counter">');
  });
});
