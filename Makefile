# shipnotes — the two commands a new machine needs: `make demo` and `make test`.
# Both install the system packages they need first (libcmark through apt-get or Homebrew).

SWIFT ?= swift
UNAME := $(shell uname -s)
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)
# Linking the Swift runtime statically makes every invocation start faster.
RELEASE_FLAGS := -c release $(if $(filter Linux,$(UNAME)),--static-swift-stdlib,)
BIN := .build/release/shipnotes

.PHONY: deps build test demo bench clean

## deps: install libcmark (and pkg-config) when pkg-config cannot find it.
deps:
	@if pkg-config --exists libcmark 2>/dev/null; then :; \
	elif [ "$(UNAME)" = Darwin ]; then brew install cmark pkg-config; \
	else echo "Installing libcmark-dev and pkgconf with apt-get" >&2; \
	     $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcmark-dev pkgconf >/dev/null; fi

## build: a release build of the shipnotes executable.
build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product shipnotes

## test: every test suite; conformance suites run when CONFORMANCE_DIR names their folder.
test: deps
	@[ -n "$$CONFORMANCE_DIR" ] || echo "note: CONFORMANCE_DIR is unset; the conformance suites will be skipped." >&2
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## demo: the main job end to end on the embedded default.
demo: build
	@echo "== shipnotes render templates/notes/sample.md"
	@$(BIN) render templates/notes/sample.md

## bench: the benchmark harness (release build, peers installed, ratios printed).
bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build
