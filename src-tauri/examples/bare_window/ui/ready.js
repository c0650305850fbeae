// Answers as soon as the page has loaded: the comparison point for Introspor's first render.
window.__TAURI__.core.invoke("app_status");
