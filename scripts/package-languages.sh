#!/usr/bin/env bash
# The jsii languages other than JavaScript, checked as far as the machines' registries allow
# (npm and Debian's: no PyPI, Maven Central, NuGet or Go proxy for aws-cdk-lib's bindings):
#
#   npx projen package:languages      (CI runs it after `npx projen build`, which writes .jsii and
#                                      the rosetta tablet .jsii.tabl.json)
#
# 1. jsii-pacmak generates the Python, Java, .NET and Go code (--code-only: their compilers and
#    package indexes are not needed) into dist/languages/. Every README example must come from the
#    tablet: one that rosetta did not translate fails (--rosetta-unknown-snippets fail).
# 2. The generated Python compiles (compileall) and builds into a wheel with setuptools (no build
#    isolation, so no package index is asked).
# 3. The README inside the wheel (what PyPI shows) has one python block per README example, each of
#    which Python parses, and no TypeScript block left untranslated.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/languages

if [ ! -f .jsii ] || [ ! -f .jsii.tabl.json ]; then
  echo "package:languages: run \`npx projen build\` (or compile and rosetta:extract) first: .jsii and .jsii.tabl.json are needed." >&2
  exit 1
fi

# A Python with setuptools, wheel and pip: the PATH's, else Debian's (python3-setuptools,
# python3-wheel and python3-pip, installed here when missing and apt-get can).
python_with_build_tools() {
  local candidate
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import setuptools, wheel, pip' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}
if ! python="$(python_with_build_tools)"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "package:languages: installing Debian's python3-setuptools, python3-wheel and python3-pip" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-setuptools python3-wheel python3-pip >/dev/null
  fi
  python="$(python_with_build_tools)" || {
    echo "package:languages: needs a python3 with setuptools, wheel and pip (Debian: apt-get install python3-setuptools python3-wheel python3-pip)." >&2
    exit 1
  }
fi

rm -rf "$out"
echo "== jsii-pacmak --code-only: python, java, dotnet, go"
npx jsii-pacmak --code-only --force --no-npmignore --rosetta-unknown-snippets fail \
  --outdir "$out" --target python --target java --target dotnet --target go
for language in python java dotnet go; do
  [ -n "$(ls -A "$out/$language" 2>/dev/null)" ] || { echo "package:languages: jsii-pacmak wrote no $language code" >&2; exit 1; }
done

echo "== Python wheel ($("$python" --version), setuptools $("$python" -c 'import setuptools; print(setuptools.__version__)'))"
"$python" -m compileall -q "$out/python/src"
"$python" -m pip wheel --quiet --no-build-isolation --no-deps --no-index --wheel-dir "$out/wheel" "$out/python"
wheel_file="$(ls "$out"/wheel/*.whl)"
echo "$wheel_file"

echo "== the wheel's README: a python block per README example, each parsed by Python"
"$python" - "$wheel_file" README.md <<'PYTHON'
import ast, re, sys, zipfile

wheel, readme = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    metadata = next(archive.read(name).decode() for name in archive.namelist() if name.endswith('.dist-info/METADATA'))
description = metadata.split('\n\n', 1)[1]  # the long description follows the headers
fence = re.compile(r'^```([^\n]*)\n([\s\S]*?)^```[ \t]*$', re.M)
blocks = [(info.split()[:1] or [''])[0] for info, _ in fence.findall(open(readme, encoding='utf-8').read())]
examples = sum(1 for language in blocks if language in ('ts', 'typescript'))
problems = []
python_blocks = [(code, description[:match.start()].count('\n') + 1) for match in fence.finditer(description)
                 for info, code in [match.groups()] if (info.split()[:1] or [''])[0] == 'python']
for code, line in python_blocks:
    try:
        ast.parse(code)
    except SyntaxError as error:
        problems.append(f'README of the wheel, line {line}: the python block is not Python ({error.msg}, its line {error.lineno})')
left = [info for info, _ in fence.findall(description) if (info.split()[:1] or [''])[0] in ('ts', 'typescript')]
if left:
    problems.append(f'README of the wheel: {len(left)} TypeScript block(s) left untranslated')
if len(python_blocks) != examples:
    problems.append(f'README of the wheel: {len(python_blocks)} python blocks for the {examples} examples of README.md')
if problems:
    print('\n'.join(problems), file=sys.stderr)
    sys.exit(1)
print(f'{len(python_blocks)} python blocks, all Python, for the {examples} examples of README.md')
PYTHON
