#!/usr/bin/env bash
# The Python tools of the checks that npm does not install: cfn-lint (`npm run example`) and
# moto_server (`npm run deploy:local`). Used by both commands and by CI before anything else runs.
#
#   bash scripts/python-tools.sh cfn-lint moto_server
#
# For each tool, prints `<tool>=<path to run>` on stdout. A tool is taken from the project's
# .venv/bin, else from the PATH (cfn-lint must be 1.x). When it is in neither, it is installed at
# its pinned version into .venv (python3 -m venv; pip) where the network allows; when that fails,
# the script stops at once with the exact commands to run, and exits 1.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${GUARDRAILS_VENV:-$root/.venv}"

# The pinned versions installed into .venv (the versions CI runs).
pinned() {
  case "$1" in
    cfn-lint) echo 'cfn-lint==1.51.0' ;;
    moto_server) echo 'moto[server]==5.2.1' ;;
    *) return 1 ;;
  esac
}

# Whether the command $2 is a usable $1.
usable() {
  case "$1" in
    cfn-lint) "$2" --version 2>/dev/null | grep -Eq '^cfn-lint 1\.' ;;
    moto_server) "$2" --help >/dev/null 2>&1 ;;
  esac
}

find_tool() {
  local tool="$1" found
  if [ -x "$venv/bin/$tool" ] && usable "$tool" "$venv/bin/$tool"; then echo "$venv/bin/$tool"; return 0; fi
  found="$(command -v "$tool" 2>/dev/null)" && usable "$tool" "$found" && { echo "$found"; return 0; }
  return 1
}

missing=()
for tool in "$@"; do
  pinned "$tool" >/dev/null || { echo "python-tools.sh: unknown tool '$tool'" >&2; exit 2; }
  if path="$(find_tool "$tool")"; then echo "$tool=$path"; else missing+=("$tool"); fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0

requirements=()
for tool in "${missing[@]}"; do requirements+=("$(pinned "$tool")"); done
quoted="$(printf "'%s' " "${requirements[@]}")"
quoted="${quoted% }"
echo "python-tools.sh: ${missing[*]} not found (neither in $venv/bin nor on the PATH); installing ${requirements[*]} into $venv ..." >&2
if command -v python3 >/dev/null 2>&1 \
  && { [ -x "$venv/bin/pip" ] || python3 -m venv "$venv" >&2; } \
  && "$venv/bin/pip" install --disable-pip-version-check --retries 0 --timeout 10 "${requirements[@]}" >&2; then
  for tool in "${missing[@]}"; do
    path="$(find_tool "$tool")" || { echo "python-tools.sh: $tool is still not usable after the install" >&2; exit 1; }
    echo "$tool=$path"
  done
  exit 0
fi
cat >&2 <<EOF

python-tools.sh: could not install ${requirements[*]} (no Python 3 with venv, or no access to the Python package index).
Install them, then run the command again. Either into the project (what this script would have done):

  python3 -m venv .venv && .venv/bin/pip install $quoted

or for your user, so that they are on the PATH:

  python3 -m pip install --user $quoted

(On Debian/Ubuntu, python3 -m venv needs: apt-get install python3-venv.)
EOF
exit 1
