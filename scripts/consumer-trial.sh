#!/usr/bin/env bash
# A consumer's first hour, replayed: installs the packed library (dist/js/*.tgz, from
# `npx projen package`) into a fresh CDK app outside the repository, writes every README snippet
# into that app's one entry point and every README handler file next to it (as a reader would
# paste them), then times `cdk synth` and `cdk ls` with the current CLI. Fails when either fails or
# when `cdk ls` (which skips bundling) takes longer than `cdk synth`.
# Needs the npm registry (the app installs aws-cdk-lib, cdk-nag, the CLI and the handlers' packages).
# Usage: bash scripts/consumer-trial.sh [tarball] [app dir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tarball="${1:-$(ls "$repo"/dist/js/cdk-serverless-guardrails@*.tgz 2>/dev/null | head -1 || true)}"
if [ -z "$tarball" ] || [ ! -f "$tarball" ]; then
  echo "consumer-trial: no tarball: run 'npx projen build' (or 'npx projen package') first, or pass its path." >&2
  exit 1
fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
app="${2:-$(mktemp -d /tmp/consumer-trial.XXXXXX)}"
mkdir -p "$app/bin"
cd "$app"

# The versions this repository builds and tests with (read before package.json is written: node
# reads the nearest package.json, and an empty one fails).
manifest="$(node -e "
const dev = require('$repo/package.json').devDependencies;
const pick = (names) => Object.fromEntries(names.map((name) => [name, dev[name]]));
console.log(JSON.stringify({
  name: 'consumer-trial', private: true,
  dependencies: { 'cdk-serverless-guardrails': 'file:$tarball', ...pick(['aws-cdk-lib', 'cdk-nag', 'constructs', '@aws-lambda-powertools/batch', '@aws-lambda-powertools/idempotency', '@aws-sdk/client-sfn', '@aws-sdk/client-s3', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']) },
  devDependencies: pick(['aws-cdk', 'esbuild', 'ts-node', 'typescript', '@types/aws-lambda', '@types/node']),
}, null, 2));
")"
echo "$manifest" > package.json
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true, "esModuleInterop": true, "skipLibCheck": true, "types": ["node"] } }
JSON
# The README's recommended flags: the ones of the reference app.
node -e "
const cdk = require('$repo/examples/cdk.json');
require('fs').writeFileSync('cdk.json', JSON.stringify({ app: 'npx ts-node --prefer-ts-exts bin/app.ts', context: cdk.context }, null, 2));
"

# The README's snippets, as a reader pastes them: handler files at their paths, CDK snippets in one entry point.
node - "$repo/README.md" <<'NODE'
const fs = require('fs');
const path = require('path');
const readme = fs.readFileSync(process.argv[2], 'utf8');
const blocks = [...readme.matchAll(/^```(.*)\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => ({ info: m[1].trim().split(/\s+/), code: m[2] }));
const imports = new Set();
const bodies = [];
for (const block of blocks) {
  if (block.info[0] === 'ts' || block.info[0] === 'typescript') {
    const lines = block.code.split('\n');
    bodies.push(lines.filter((line) => !line.startsWith('import ')).join('\n'));
    lines.filter((line) => line.startsWith('import ')).forEach((line) => imports.add(line));
    continue;
  }
  const file = /^\/\/ ([\w./-]+\.[cm]?[jt]s)\b/.exec(block.code)?.[1];
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, block.code);
  }
}
// One import per module: the names of every snippet's `import { ... } from 'module'` together.
const named = new Map();
const other = new Set();
for (const line of [...imports, "import { App } from 'aws-cdk-lib';"]) {
  const match = /^import \{([^}]*)\} from '([^']+)';/.exec(line);
  if (!match) { other.add(line); continue; }
  const names = named.get(match[2]) ?? new Set();
  match[1].split(',').map((name) => name.trim()).filter(Boolean).forEach((name) => names.add(name));
  named.set(match[2], names);
}
const importLines = [...other, ...[...named].map(([module, names]) => `import { ${[...names].join(', ')} } from '${module}';`)];
const source = [...importLines, '', 'const app = new App();', ...bodies.map((body) => `{\n${body}\n}`)].join('\n');
fs.writeFileSync('bin/app.ts', source);
console.log(`consumer-trial: ${bodies.length} CDK snippets in bin/app.ts`);
NODE

echo "consumer-trial: npm install in $app"
npm install --no-audit --no-fund --loglevel=error

# Runs `npx cdk <command>`, its output in cdk-<command>.log; prints the seconds it took.
timed_cdk() {
  local started=$SECONDS log="$app/cdk-$1.log"
  npx cdk "$@" > "$log" 2>&1 || { tail -40 "$log" >&2; echo "consumer-trial: 'cdk $*' failed" >&2; exit 1; }
  echo $(( SECONDS - started ))
}
synth_s=$(timed_cdk synth --quiet)
ls_s=$(timed_cdk ls)
echo "consumer-trial: cdk synth ${synth_s} s, cdk ls ${ls_s} s ($(grep -c . "$app/cdk-ls.log") lines of cdk ls) in $app"
if [ "$ls_s" -gt "$synth_s" ]; then
  echo "consumer-trial: cdk ls took longer than cdk synth" >&2
  exit 1
fi
