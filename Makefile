# shipnotes — the two commands a new machine needs: `make demo` and `make test`.
# Both install the system packages they need first (libcmark, and zlib on Linux, through apt-get or Homebrew).

SWIFT ?= swift
UNAME := $(shell uname -s)
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)
# On Linux the Swift runtime is linked statically: every invocation starts ~5 ms faster, which is
# most of what separates `shipnotes render` from the cmark CLI. Static FoundationNetworking needs
# libcurl's development files. The executable is also linked at a fixed address (-no-pie, as
# Swift's own -static-executable does): a position-independent one makes the dynamic loader apply
# ~150,000 relocations to the static runtime's data at every start, a copy-on-write page fault per
# page, ~2 ms of each command's 11 ms start.
RELEASE_FLAGS := -c release $(if $(filter Linux,$(UNAME)),--static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie,)
BIN := .build/release/shipnotes

.PHONY: deps test-deps build test demo bench fuzz fidelity clean

## deps: install libcmark and, on Linux, zlib (ZIPFoundation links it) and libcurl (a static release
## build links it) when pkg-config cannot find them.
deps:
	@missing=""; \
	pkg-config --exists libcmark 2>/dev/null || missing=" libcmark-dev"; \
	if [ "$(UNAME)" = Darwin ]; then \
	    if [ -n "$$missing" ]; then brew install cmark pkg-config; fi; \
	else \
	    pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	    pkg-config --exists libcurl 2>/dev/null || missing="$$missing libcurl4-openssl-dev"; \
	    if [ -n "$$missing" ]; then \
	        echo "Installing$$missing and pkgconf with apt-get" >&2; \
	        $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing pkgconf >/dev/null; \
	    fi; \
	fi

## test-deps: what the tests use besides the build: Ruby's RedCloth (Debian's ruby-redcloth), the
## renderer the server runs for Textile notes, which the tests check shipnotes' HTML against, and
## Chromium with its WebDriver, which the preview page is tested in.
test-deps: deps
	@missing=""; \
	ruby -rredcloth -e '' 2>/dev/null || missing=" ruby-redcloth"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium chromium-driver"; \
	if [ "$(UNAME)" != Darwin ] && [ -n "$$missing" ]; then \
	    echo "Installing$$missing with apt-get" >&2; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## build: a release build of the shipnotes executable.
build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product shipnotes

## test: every test suite; conformance suites run when CONFORMANCE_DIR names their folder.
test: test-deps
	@[ -n "$$CONFORMANCE_DIR" ] || echo "note: CONFORMANCE_DIR is unset; the conformance suites will be skipped." >&2
	$(SWIFT) build --build-tests
	@# One test at a time: the network tests talk to in-process sandboxes whose handlers share the
	@# concurrency pool (two threads on two cores) with the CPU-bound conformance suites, and a
	@# parallel run starved them into timeouts. Serial is also faster here (~35 s).
	$(SWIFT) test --skip-build --no-parallel

## demo: the main job end to end on the embedded default: notes from this repository's history (or
## its CHANGELOG.md without history), rendered as the server will show them, uploaded with a
## generated build to an embedded sandbox, and the server's answer checked against the preview.
demo: build
	$(BIN) demo

## bench: the benchmark harness (release build, peers installed, ratios printed).
bench: deps
	Benchmarks/run.sh

## fidelity: both differential checks against real RedCloth, with their counts: the Markdown→Textile
## writer's round trip over every release of the real changelogs (CONFORMANCE_DIR) and the writer's
## own fixtures, and FIDELITY_DOCUMENTS (default 20,000) random Textile documents from the seeded
## generator (FIDELITY_SEED to change it) rendered by ours and by RedCloth. `make test` runs the same
## checks with a short fixed-seed batch of 500 documents.
FIDELITY_DOCUMENTS ?= 20000
fidelity: test-deps
	$(SWIFT) build --build-tests
	CONFORMANCE_DIR="$${CONFORMANCE_DIR:-$(abspath ../shared/conformance)}" FIDELITY_DOCUMENTS=$(FIDELITY_DOCUMENTS) \
	    $(SWIFT) test --skip-build --no-parallel --filter 'RendererFidelityTests|WriterFidelityTests' 2>&1 \
	    | grep -E '^(renderer|writer) fidelity|Test run with|✘'

## fuzz: the libFuzzer targets of Fuzz/ (Textile renderer, Markdown→Textile writer, changelog reader,
## the sandbox's multipart reader, a build's Info.plist reading), each for FUZZ_SECONDS, after their
## regression inputs (Fuzz/Regressions/). Seeds come from the tests' inputs and CONFORMANCE_DIR.
FUZZ_SECONDS ?= 60
fuzz: deps
	CONFORMANCE_DIR="$${CONFORMANCE_DIR:-$(abspath ../shared/conformance)}" Fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz
