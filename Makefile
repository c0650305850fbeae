# Introspor: the two commands (`make run`, `make test`) and their helpers.
# Each target installs what is missing on a Debian 12 machine first.

SHELL := /bin/bash
CARGO ?= cargo
ARGS ?=
export PATH := $(HOME)/.cargo/bin:$(PATH)

# Debian packages a Tauri build and its window tests need.
DEBIAN_PACKAGES := build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev \
	libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev libxdo-dev file xvfb xauth \
	webkit2gtk-driver xdotool qpdf poppler-utils libsecret-tools \
	dbus gnome-keyring libdbus-1-dev python3-xlib \
	libreoffice-calc-nogui
TAURI_DRIVER_VERSION := 2.1.0
# axe-core checks every screen against WCAG 2.1 A and AA (tests/e2e_accessibility.rs).
AXE_CORE_VERSION := 4.14.1
KHAL_VERSION := 0.14.1

.PHONY: run test bench deps system-deps tool-deps lint core-has-no-tauri no-devtools release deb

## Opens the app (empty register). `make run ARGS=--demo` fills an empty register with fictional people.
run: system-deps
	$(CARGO) run -- $(ARGS)

## Runs every check and test, the end-to-end tests in a real window included.
test: deps lint core-has-no-tauri no-devtools
	tests/with-keyring.sh xvfb-run --auto-servernum --server-args="-screen 0 1366x768x24" \
		$(CARGO) test --workspace -- --include-ignored
	@echo "Screenshots: target/screenshots/"

deps: system-deps tool-deps

system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

tool-deps:
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked
	@# pikepdf reads the PDF/A claim in exported minutes' XMP metadata (tests/minutes_pdf.rs).
	@python3 -c "import pikepdf" 2>/dev/null || python3 -m pip install --quiet pikepdf==10.17.0
	@# khal, a real calendar client, imports two successive calendar exports (tests/calendar_export.rs).
	@command -v khal >/dev/null || python3 -m pip install --quiet khal==$(KHAL_VERSION)
	@command -v npm >/dev/null || { SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); $$SUDO apt-get install -y -qq npm; }
	@grep -qs '"version": "$(AXE_CORE_VERSION)"' target/axe/node_modules/axe-core/package.json \
		|| npm install --silent --no-audit --no-fund --prefix target/axe axe-core@$(AXE_CORE_VERSION)

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## The core must build without Tauri: fail if tauri appears in its dependency tree.
core-has-no-tauri:
	@if $(CARGO) tree -p introspor-core -e normal,build --prefix none | grep -E '^tauri' ; then \
		echo "introspor-core must not depend on Tauri"; exit 1; \
	else echo "introspor-core has no Tauri dependency"; fi

## Devtools are a debug-build convenience: Tauri and wry enable them in builds
## with debug assertions only, unless their `devtools` feature is on. Fail if it
## is, for any target, since that would ship the web inspector to caseworkers.
no-devtools:
	@if $(CARGO) tree -p introspor -e features --target all --prefix none \
		| grep -E '^(tauri|tauri-runtime|tauri-runtime-wry|wry) feature "devtools"' ; then \
		echo "the devtools feature must stay off: release builds would have the web inspector"; exit 1; \
	else echo "the devtools feature is off: devtools only in debug builds"; fi

## Prints the performance figures (docs/performance.md): screen latencies
## beside their SQL floors, recompute and export times, start time and memory
## beside a bare Tauri window, and sizes. Never fails on timing.
bench: system-deps
	$(CARGO) bench --bench screens
	$(CARGO) bench --bench minutes_pdf
	$(CARGO) bench --bench backup
	tests/with-keyring.sh xvfb-run --auto-servernum --server-args="-screen 0 1366x768x24" $(CARGO) bench --bench window
	$(CARGO) build --release --features custom-protocol --bin introspor --example bare_window
	tests/with-keyring.sh xvfb-run --auto-servernum --server-args="-screen 0 1366x768x24" python3 tests/bench/start_memory.py
	@command -v cargo-tauri >/dev/null || $(CARGO) install tauri-cli --version "^2" --locked
	$(CARGO) tauri build --bundles deb
	@ls -l target/release/bundle/deb/*.deb | awk '{ printf "- .deb bundle: %.1f MiB\n", $$5 / 1048576 }'

release: system-deps
	$(CARGO) build --release --features custom-protocol
	@ls -l target/release/introspor

## The Debian package, as a stand-in for the Windows installer (needs tauri-cli).
deb: system-deps
	@command -v cargo-tauri >/dev/null || $(CARGO) install tauri-cli --version "^2" --locked
	$(CARGO) tauri build --bundles deb
