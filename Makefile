# 评审台 · iipeval — build, run and test on a Debian machine.
# `make run` and `make test` install the Debian packages they need when missing.

SWIFT        ?= swift
BUILD_DIR    := .build/debug
BIN          := $(BUILD_DIR)/iipeval
APT_PACKAGES := libsqlite3-dev libncursesw5-dev tmux

.PHONY: all deps build run test bench clean

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

# For now the command-line tour; the workbench arrives with the TUI.
run: build
	$(BIN) --help

test: deps
	$(SWIFT) test --disable-swift-testing

clean:
	rm -rf .build
