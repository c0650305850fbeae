// The minutes as the chosen recipient will get them: the same document the
// PDF is made from, shown as a page. Every string is set as text.
import { h, icon, replace } from "../dom.js";

export function renderMinutesPreview(area, doc, caption) {
  const block = (b) => {
    switch (b.type) {
      case "heading":
        return h("h3", { text: b.text });
      case "subheading":
        return h("h4", { text: b.text });
      case "paragraph":
        return h("p", { class: "prewrap", text: b.text });
      case "notice":
        return h("p", { class: "notice", role: "note" }, icon("⚠"), " ", b.text);
      case "facts":
        return h("dl", { class: "facts" }, b.rows.map(([label, value]) => [h("dt", { text: label }), h("dd", { text: value })]));
      case "table":
        return h(
          "table",
          { class: "data compact" },
          h("thead", {}, h("tr", {}, b.headers.map((x) => h("th", { scope: "col", text: x })))),
          h("tbody", {}, b.rows.map((row) => h("tr", {}, row.map((cell) => h("td", { text: cell }))))),
        );
      default:
        return null;
    }
  };
  replace(
    area,
    h("p", { class: "preview-caption", text: caption }),
    h(
      "article",
      { class: "minutes-page", lang: doc.language, "aria-label": caption },
      doc.letterhead.map((line) => h("p", { class: "letterhead", text: line })),
      h("h2", { class: "minutes-title", text: doc.title }),
      doc.blocks.map(block),
      h("p", { class: "signature", text: doc.signature }),
    ),
  );
}
