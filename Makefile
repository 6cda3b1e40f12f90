# Two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
# Both install what they need first (`make deps`).

SHELL := /bin/bash
CARGO ?= cargo
NPM ?= npm
# apt needs root; use sudo when we are not.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build: a C toolchain, and Tauri's WebKitGTK and tray libraries. Tests: a virtual display,
# a private D-Bus session, Debian's Chromium for the UI's browser tests (never a downloaded
# browser), Node.js for the web UI, and network namespaces with nftables packet loss for the
# flaky-network test (it runs only as root; elsewhere it says it is skipped). Packages: the
# validators of desktop entries and AppStream metainfo, rpm to read the .rpm, and Prometheus
# for `promtool check metrics` (the metrics test fails without it in CI).
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libayatana-appindicator3-dev \
	librsvg2-dev xvfb xauth x11-utils dbus dbus-x11 at-spi2-core chromium webkit2gtk-driver \
	iproute2 nftables desktop-file-utils appstream rpm prometheus
# One profile for everything: the end-to-end tests run the release app, so the engine's
# tests run in release too and every crate is built once.
PROFILE := --release
# tauri-driver (WebDriver for the real app's windows) is built from crates.io into the repo.
TOOLS := $(CURDIR)/.tools

# Where `make package` writes the packages, and where it stages what goes into them.
BUNDLE := target/release/bundle
STAGE := target/package

.PHONY: deps ui run run-cli build test lint fmt bench bench-desktop icons package package-test clean

## Install the system packages and npm packages the build and the tests need.
deps:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs"; exit 1; }
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing: $$missing"; \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
	@# Node.js may come from Debian or elsewhere (NodeSource ships npm inside nodejs).
	@command -v node >/dev/null && command -v $(NPM) >/dev/null || { \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends nodejs npm; }
	@[ -d ui/node_modules ] || (cd ui && $(NPM) ci --no-audit --no-fund)
	@[ -x $(TOOLS)/bin/tauri-driver ] || $(CARGO) install tauri-driver --locked --version '^2' --root $(TOOLS)

## The web UI (ui/dist), embedded into the desktop app at build time.
ui: deps
	cd ui && $(NPM) run build

## The desktop app: a tray icon over the engine (needs a desktop session). It starts its
## windows' program, `outage-radar-window`, from beside itself: both are built.
run: build
	target/release/outage-radar-desktop

## The command-line watcher on the built-in catalog (no display needed).
run-cli: deps
	$(CARGO) run $(PROFILE) --bin outage-radar -- watch

## Release builds of the UI, the CLI and the desktop app.
build: ui
	$(CARGO) build $(PROFILE) --workspace

## Formatting, lints, docs, the UI's checks and tests, and every Rust test (loopback only).
test: ui lint
	cd ui && $(NPM) test && $(NPM) run e2e
	$(CARGO) test $(PROFILE) --workspace --locked

lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy $(PROFILE) --workspace --all-targets --locked -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc $(PROFILE) --no-deps --workspace --locked
	cd ui && $(NPM) run lint && $(NPM) run typecheck

fmt:
	$(CARGO) fmt --all

## Debian and RPM packages of both programs: $(BUNDLE)/deb/*.deb and $(BUNDLE)/rpm/*.rpm.
# The binaries are the ones `make test` builds and tests (`cargo test --no-run` is a no-op
# after it; `cargo build` would compile every crate again without the tests' dev-dependency
# features), stripped of their symbols in a staging target dir that the bundler reads. The
# man pages and completions come from the CLI's own clap definition. Tauri's bundler
# (@tauri-apps/cli, in ui/node_modules) makes both packages offline; AppImage is left out
# because its tools are downloaded at bundle time.
package: ui
	@# node_modules from before the bundler was a devDependency lacks it.
	@[ -x ui/node_modules/.bin/tauri ] || (cd ui && $(NPM) ci --no-audit --no-fund)
	$(CARGO) test $(PROFILE) --workspace --locked --no-run
	rm -rf $(STAGE) $(BUNDLE)/deb $(BUNDLE)/rpm
	mkdir -p $(STAGE)/release $(BUNDLE)
	strip -o $(STAGE)/release/outage-radar target/release/outage-radar
	strip -o $(STAGE)/release/outage-radar-desktop target/release/outage-radar-desktop
	strip -o $(STAGE)/release/outage-radar-window target/release/outage-radar-window
	$(STAGE)/release/outage-radar __generate-assets $(STAGE)/release/assets
	gzip -9nf $(STAGE)/release/assets/man/*.1
	cd src-tauri && CARGO_TARGET_DIR=$(CURDIR)/$(STAGE) \
		../ui/node_modules/.bin/tauri bundle --bundles deb,rpm --no-binary-patching --ci
	mv $(STAGE)/release/bundle/deb $(STAGE)/release/bundle/rpm $(BUNDLE)/
	@ls -l $(BUNDLE)/deb/*.deb $(BUNDLE)/rpm/*.rpm

## Builds the packages, inspects and validates them, installs the .deb with apt, runs both
## programs (the desktop app in the tray of a private desktop) and removes it (needs root or sudo).
package-test: package
	scripts/package-test.sh

## Engine throughput, CPU per 1,000 probes and peak RSS against a local server.
bench: deps
	$(CARGO) bench --bench engine

## The desktop app's memory (all processes, RSS and PSS) with no window, a window open, after
## closing it and after ten open/close cycles; window open time; start to first verdict.
## Needs xvfb, dbus, xdotool and xfwm4 (a window manager, to close windows as a user does).
bench-desktop: build
	scripts/desktop-rss.sh target/release/outage-radar-desktop

## The icon files from their drawings (icons/src/*.svg), and docs/icons.png to judge them by.
## The Playwright tests check that the files are the drawings.
icons: ui
	node scripts/icons.mjs

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules .tools
