// Hash routes: #/oversikt, #/frister, #/innstillinger, #/deltakere, #/deltakere/ny, #/deltakere/12, #/deltakere/12/rediger.

const routes = [];

export function route(pattern, handler) {
  routes.push({ pattern, handler });
}

export function navigate(hash) {
  if (location.hash === hash) dispatch();
  else location.hash = hash;
}

export function dispatch() {
  const hash = location.hash || "#/oversikt";
  for (const { pattern, handler } of routes) {
    const match = hash.match(pattern);
    if (match) return handler(...match.slice(1));
  }
  location.hash = "#/oversikt";
}

export function startRouter() {
  window.addEventListener("hashchange", dispatch);
  dispatch();
}
