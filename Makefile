# 评审台 · iipeval — build, run and test on a Debian machine.
# `make run` and `make test` install the Debian packages they need when missing.

SWIFT        ?= swift
BUILD_DIR    := .build/debug
BIN          := $(BUILD_DIR)/iipeval
APT_PACKAGES := libsqlite3-dev libncursesw5-dev libxlsxwriter-dev zlib1g-dev tmux

.PHONY: all deps build run test bench clean demo-reset install

PREFIX ?= /usr/local

all: build

# Install missing Debian packages (with sudo when not root).
deps:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build

# The workbench on a demo workspace made from SampleDossiers (with the sample scores),
# as E07, the expert whose sheets are empty. `make demo-reset` starts the demo afresh.
DEMO   := demo
EXPERT ?= E07
LANG_UI ?= zh

$(DEMO)/workspace.sqlite:
	$(BIN) init $(DEMO) --dossiers SampleDossiers --panel SampleDossiers/panel.yaml
	$(BIN) scores import $(DEMO) SampleDossiers/sample-scores.csv

run: build
	@$(MAKE) --no-print-directory $(DEMO)/workspace.sqlite
	$(BIN) open $(DEMO) --expert $(EXPERT) --lang $(LANG_UI)

demo-reset:
	rm -rf $(DEMO)

test: deps
	$(SWIFT) test --disable-swift-testing

# A national-scale round (1,000 dossiers, 25 experts, every score) timed on the release
# binary; prints the table and exits 1 when a target is missed. Needs sqlite3 to compare.
# `.build/release/Benchmarks 1000 --keep` leaves the generated round on disk to profile.
bench: deps
	@dpkg -s sqlite3 >/dev/null 2>&1 || $(MAKE) --no-print-directory deps APT_PACKAGES=sqlite3
	$(SWIFT) build -c release --product iipeval
	$(SWIFT) build -c release --product Benchmarks
	.build/release/Benchmarks 1000

# The release binary and its manual page (man iipeval), written by swift-argument-parser's
# generate-manual plugin from the command definitions themselves. The plugin leaves out
# every non-ASCII character: the Chinese terms in brackets go, and their empty brackets with them.
MANUAL := .build/plugins/GenerateManual/outputs/iipeval/iipeval.1
install: deps
	$(SWIFT) build -c release --product iipeval
	$(SWIFT) package generate-manual --configuration release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 .build/release/iipeval $(DESTDIR)$(PREFIX)/bin/iipeval
	sed -e 's/ ()//g' -e 's/()//g' $(MANUAL) > $(DESTDIR)$(PREFIX)/share/man/man1/iipeval.1
	@echo "installed $(DESTDIR)$(PREFIX)/bin/iipeval and its manual (man iipeval); the guides are in docs/"

clean:
	rm -rf .build
