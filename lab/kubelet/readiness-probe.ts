// One readiness check of a process, as kubelet's prober does it for httpGet (2xx/3xx within the
// timeout) and tcpSocket (connect) probes, against the host port the container port maps to.
import { request } from 'node:http';
import { connect } from 'node:net';

/** A probe with its target resolved to a local port. */
export interface ResolvedProbe {
  kind: 'http' | 'tcp';
  port: number;
  path: string;
  periodMs: number;
  failureThreshold: number;
  timeoutMs: number;
}

/** True when the probe succeeds once. */
export function probeOnce(probe: ResolvedProbe): Promise<boolean> {
  return probe.kind === 'http' ? httpProbe(probe) : tcpProbe(probe);
}

function httpProbe(probe: ResolvedProbe): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: probe.port,
        path: probe.path,
        timeout: probe.timeoutMs,
        headers: { 'User-Agent': 'kube-probe/1.32' },
      },
      (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        resolve(code >= 200 && code < 400);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function tcpProbe(probe: ResolvedProbe): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: probe.port, timeout: probe.timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
