// A short message at the bottom of the window, read out by screen readers,
// with an optional action such as «Angre».
import { h, replace } from "./dom.js";

let timer;

export function toast(message, action) {
  const area = document.getElementById("toast");
  clearTimeout(timer);
  replace(
    area,
    h("span", { text: message }),
    action ? h("button", { type: "button", class: "link", text: action.label, onclick: () => { hide(); action.run(); } }) : null,
  );
  area.hidden = false;
  timer = setTimeout(hide, action ? 10000 : 4000);
}

function hide() {
  document.getElementById("toast").hidden = true;
}
