#!/usr/bin/env bash
# Installs what the VS Code test layers need: system packages (as root), and code-server
# (= VS Code 1.100.3) into the git-ignored cache .vscode-test/code-server.
# Idempotent: a finished install leaves a stamp and is skipped in well under a second.
# Only the npm registry and Debian's archive are used (see shared/notes/real-vscode.md).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_DIR="${INCIDENT_LENS_CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
STAMP="$CS_DIR/.installed-$CODE_SERVER_VERSION"

log() { echo "[ensure-test-vscode] $*"; }

# --- system packages -------------------------------------------------------------------
# package -> how to tell it is present (a command, or a dpkg package for headers)
missing=()
has_cmd() { command -v "$1" >/dev/null 2>&1; }
has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
has_cmd chromium || has_cmd chromium-browser || missing+=(chromium)
has_cmd rg || missing+=(ripgrep)
has_cmd g++ && has_cmd make || missing+=(build-essential)
has_cmd python3 || missing+=(python3)
for p in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev; do
  if has_cmd dpkg-query; then has_pkg "$p" || missing+=("$p"); fi
done

if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]] && has_cmd apt-get; then
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" ca-certificates >/dev/null
  else
    log "missing system packages: ${missing[*]} (run as root on Debian to install them, or install by hand)" >&2
    exit 1
  fi
fi

# --- code-server -----------------------------------------------------------------------
if [[ -f "$STAMP" ]] && "$CS_BIN" --version >/dev/null 2>&1; then
  exit 0
fi

log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (about a minute with a warm npm cache)"
start=$SECONDS
rm -f "$STAMP"
mkdir -p "$CS_DIR"
cd "$CS_DIR"
# Own package.json so npm does not climb up to the project's.
[[ -f package.json ]] || echo '{"name":"incident-lens-test-vscode","private":true}' > package.json
q=(--no-audit --no-fund --loglevel=error)
export JOBS="${JOBS:-max}" # node-gyp: compile the native modules on every core
# --ignore-scripts: code-server's postinstall would download ripgrep from GitHub; its steps follow by hand.
npm install "${q[@]}" --ignore-scripts "code-server@$CODE_SERVER_VERSION"
npm rebuild "${q[@]}" argon2

cd node_modules/code-server/lib/vscode
npm install "${q[@]}" --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Builds node-pty, spdlog, watcher, kerberos...; an npx inside needs the yes.
npm_config_yes=true npm rebuild "${q[@]}"
ln -sfn node_modules node_modules.asar
(cd extensions && npm install "${q[@]}" --omit=dev)

"$CS_BIN" --version
touch "$STAMP"
log "code-server ready in $((SECONDS - start))s"
