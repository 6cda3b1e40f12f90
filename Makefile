# Two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
# Both install what they need first (`make deps`).

SHELL := /bin/bash
CARGO ?= cargo
# apt needs root; use sudo when we are not.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := build-essential pkg-config dbus

.PHONY: deps run build test lint fmt bench clean

## Install the system packages the build and the tests need (skipped when present).
deps:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs"; exit 1; }
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing: $$missing"; \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

## Watch the built-in catalog (WhatsApp, Instagram, Facebook, Messenger, Threads, Meta business status).
run: deps
	$(CARGO) run --release --bin outage-radar -- watch

build: deps
	$(CARGO) build --release --bin outage-radar

## Formatting, lints, docs, and every test (loopback only; no internet needed).
test: deps lint
	$(CARGO) test --workspace --locked

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --workspace --locked

fmt:
	$(CARGO) fmt --all

## Engine throughput, CPU per 1,000 probes and peak RSS against a local server.
bench: deps
	$(CARGO) bench --bench engine

clean:
	$(CARGO) clean
