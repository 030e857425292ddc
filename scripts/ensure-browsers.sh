#!/usr/bin/env bash
# Makes sure Debian's browsers that the end-to-end tests and the demo drive are installed: chromium
# (/usr/bin/chromium) and firefox-esr (/usr/bin/firefox-esr), or only those named as arguments.
# When one is missing it installs it with apt where it can (as root, or with sudo that needs no password);
# otherwise it prints the one command that does and exits 1. Used by .ci/run, `npm test` (pretest) and `npm run demo`.
# CHROMIUM_PATH and FIREFOX_PATH override where each browser is looked for (as the launchers in dev/ do).
set -euo pipefail

path_of() {
  case "$1" in
    chromium) echo "${CHROMIUM_PATH:-/usr/bin/chromium}" ;;
    firefox-esr) echo "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ;;
    *) echo "ensure-browsers: unknown browser '$1' (chromium or firefox-esr)" >&2; return 2 ;;
  esac
}

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium firefox-esr)
missing=()
for package in "${wanted[@]}"; do
  path="$(path_of "$package")"
  [ -x "$path" ] || missing+=("$package")
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "Missing: ${missing[*]}. Install with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian's ${missing[*]}…"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
for package in "${missing[@]}"; do
  path="$(path_of "$package")"
  if [ ! -x "$path" ]; then
    echo "ensure-browsers: installed $package but $path is still missing" >&2
    exit 1
  fi
done
