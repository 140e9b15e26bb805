import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/**
 * What moto_server runs with: fake credentials of its own and no instance metadata lookup. When
 * moto calls AWS SDK code internally (boto3) without credentials in its environment, boto3 asks the
 * EC2 instance metadata endpoint (169.254.169.254), which on a machine without it may never answer:
 * the server, and so the deploy, would hang.
 */
const MOTO_ENVIRONMENT: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_SESSION_TOKEN: 'testing',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** A moto_server on 127.0.0.1, on a free port, that this process starts and stops. */
export class MotoServer {
  /** Starts moto_server and waits (bounded) until it answers. */
  public static async start(): Promise<MotoServer> {
    if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status !== 0) {
      throw new Error('moto_server is not installed or not on PATH: install moto[server] 5.x (pip install "moto[server]").');
    }
    const port = await freePort();
    // moto logs every request on stderr. A pipe that nobody reads fills up (64 KiB) and then blocks
    // the server in the middle of a request, so its output goes to a file instead.
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'moto-')), 'moto_server.log');
    const log = fs.openSync(logFile, 'w');
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', log, log], detached: true, env: MOTO_ENVIRONMENT });
    fs.closeSync(log);
    const server = new MotoServer(child, `http://127.0.0.1:${port}`, logFile);
    for (let attempt = 0; attempt < 100; attempt++) {
      if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
      if (await server.answers()) return server;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    server.stop();
    throw new Error('moto_server did not answer within 20 s');
  }

  /**
   * @param logFile where moto_server's output goes (every request it served, and its errors)
   */
  private constructor(private readonly child: ChildProcess, public readonly endpoint: string, public readonly logFile: string) {}

  /** Stops the server and everything it started. Safe to call twice. */
  public stop(): void {
    if (this.child.exitCode !== null || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      this.child.kill('SIGTERM');
    }
  }

  private async answers(): Promise<boolean> {
    try {
      const response = await fetch(`${this.endpoint}/moto-api/`);
      return response.ok;
    } catch {
      return false;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}
