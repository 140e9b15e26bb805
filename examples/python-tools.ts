import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * The path of a Python tool that npm does not install (cfn-lint, moto_server), found or installed
 * by scripts/python-tools.sh (project .venv, else the PATH, else a pinned install into .venv).
 * Throws with the script's message (the exact commands to run) when it cannot be had.
 */
export function requirePythonTool(tool: 'cfn-lint' | 'moto_server'): string {
  const script = path.join(__dirname, '..', 'scripts', 'python-tools.sh');
  const result = spawnSync('bash', [script, tool], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const found = /^[^=]+=(.+)$/m.exec(result.stdout ?? '');
  if (result.status !== 0 || !found) {
    throw new Error(`${tool} is required and missing.\n${(result.stderr ?? '').trim()}`);
  }
  return found[1];
}
