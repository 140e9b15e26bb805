import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'python-tools.sh');

/**
 * scripts/python-tools.sh in a sandbox: a PATH of only `bin` (fake tools) and the system's
 * folders, and a project venv whose pip is a fake (no network, no real install).
 */
describe('python-tools.sh (the Python tools of npm run example, deploy:local and CI)', () => {
  let dir: string;
  let bin: string;
  let venv: string;

  function writeExecutable(file: string, body: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }

  function run(...tools: string[]) {
    const result = spawnSync('bash', [SCRIPT, ...tools], {
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin`, GUARDRAILS_VENV: venv, HOME: dir },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-tools-'));
    bin = path.join(dir, 'bin');
    venv = path.join(dir, '.venv');
    fs.mkdirSync(bin);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a cfn-lint 1.x on the PATH is used', () => {
    writeExecutable(path.join(bin, 'cfn-lint'), 'echo "cfn-lint 1.51.0"');
    expect(run('cfn-lint')).toEqual({ status: 0, stdout: `cfn-lint=${bin}/cfn-lint\n`, stderr: '' });
  });

  test('a missing tool that cannot be installed stops at once, naming the exact commands with the pinned versions', () => {
    writeExecutable(path.join(bin, 'cfn-lint'), 'echo "cfn-lint 0.87.0"'); // too old: not 1.x
    writeExecutable(path.join(venv, 'bin', 'pip'), 'echo "no index reachable" >&2; exit 1');
    const result = run('cfn-lint', 'moto_server');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("python3 -m venv .venv && .venv/bin/pip install 'cfn-lint==1.51.0' 'moto[server]==5.2.1'\n");
    expect(result.stderr).toContain("python3 -m pip install --user 'cfn-lint==1.51.0' 'moto[server]==5.2.1'\n");
  });

  test('a missing tool is installed into the project venv at its pinned version where pip can reach an index', () => {
    // The fake pip "installs" what it is asked for into the venv and records the request.
    writeExecutable(path.join(venv, 'bin', 'pip'), [
      `echo "$@" > ${dir}/pip-args`,
      `printf '#!/bin/sh\\necho "cfn-lint 1.51.0"\\n' > ${venv}/bin/cfn-lint && chmod +x ${venv}/bin/cfn-lint`,
    ].join('\n'));
    const result = run('cfn-lint');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`cfn-lint=${venv}/bin/cfn-lint\n`);
    expect(fs.readFileSync(path.join(dir, 'pip-args'), 'utf8')).toMatch(/install .*cfn-lint==1\.51\.0/);
  });
});
