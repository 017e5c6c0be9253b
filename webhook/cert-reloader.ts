// Keeps the served certificate current without a restart: watches the cert dir (a mounted
// Secret swaps files in place), and on a timer renews a certificate close to expiry. Calls
// `onChange` with the new PEMs only when they differ and the key matches the certificate.
// Tests in cert-reloader.test.ts.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import type { Logger } from '../lib/logger.js';
import type { CertificateRequirements, ServingCertificates } from './serving-certs.js';
import { ensureServingCertificates, readFiles } from './serving-certs.js';

export interface CertReloaderOptions {
  dir: string;
  requirements: CertificateRequirements;
  /** The certificates currently served. */
  current: ServingCertificates;
  /** How often expiry is checked (default 1 h). */
  checkIntervalMs?: number;
  onChange: (certs: ServingCertificates) => void;
  logger: Logger;
}

export interface CertReloader {
  /** Re-reads the files now (also what the watcher triggers). */
  reload(): void;
  /** Renews now if the certificate is close to expiry or invalid. */
  renewIfNeeded(): void;
  stop(): void;
}

const DEBOUNCE_MS = 100;

/** Starts watching and the renewal timer; both are unref'd so they never hold the process. */
export function startCertReloader(opts: CertReloaderOptions): CertReloader {
  let current = opts.current;
  let debounce: NodeJS.Timeout | undefined;
  const apply = (next: ServingCertificates): void => {
    if (
      next.certPem === current.certPem &&
      next.keyPem === current.keyPem &&
      next.caPem === current.caPem
    ) {
      return;
    }
    current = next;
    opts.onChange(next);
  };
  const reload = (): void => {
    const next = readMatchingPair(opts.dir);
    if (next) apply(next);
  };
  const renewIfNeeded = (): void => {
    try {
      apply(ensureServingCertificates(opts.dir, opts.requirements));
    } catch (err) {
      opts.logger.error('Failed to renew serving certificate', {
        dir: opts.dir,
        error: err as Error,
      });
    }
  };
  const watcher = watchDir(
    opts.dir,
    () => {
      clearTimeout(debounce);
      debounce = setTimeout(reload, DEBOUNCE_MS);
      debounce.unref();
    },
    opts.logger,
  );
  const timer = setInterval(renewIfNeeded, opts.checkIntervalMs ?? 60 * 60 * 1000);
  timer.unref();
  return {
    reload,
    renewIfNeeded,
    stop() {
      clearTimeout(debounce);
      clearInterval(timer);
      watcher?.close();
    },
  };
}

function watchDir(dir: string, onEvent: () => void, logger: Logger): FSWatcher | undefined {
  try {
    const watcher = watch(dir, { persistent: false }, onEvent);
    watcher.on('error', (err) =>
      logger.warn('Stopped watching certificate dir', { dir, error: err }),
    );
    return watcher;
  } catch (err) {
    logger.warn('Cannot watch certificate dir; renewal timer only', { dir, error: err as Error });
    return undefined;
  }
}

/** The files' certificates when tls.key matches tls.crt; undefined mid-swap or when broken. */
function readMatchingPair(dir: string): ServingCertificates | undefined {
  const files = readFiles(dir);
  if (!files.cert || !files.key) return undefined;
  try {
    const cert = new X509Certificate(files.cert);
    if (!cert.checkPrivateKey(createPrivateKey(files.key))) return undefined;
  } catch {
    return undefined;
  }
  return { caPem: files.caCert ?? '', certPem: files.cert, keyPem: files.key, issued: false };
}
