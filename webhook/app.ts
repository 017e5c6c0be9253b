// The express application of the webhook: body limit and JSON decoding, the AdmissionReview
// envelope, one route per admission endpoint, /healthz, /readyz and /metrics. It holds no
// validation logic (handlers do) and never lets an exception escape a request: a thrown handler
// becomes an errored response. Tests in server.test.ts and webhook-fuzz.test.ts.
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../lib/logger.js';
import type { AdmissionContext, AdmissionHandler } from './admission-handler.js';
import { decodeAdmissionReview } from './admission-review.js';
import type { AdmissionRequest } from './admission-review.js';
import type { AdmissionResponse } from './admission-responses.js';
import { errored, resultOf, toReview } from './admission-responses.js';
import type { RequestResult, WebhookMetrics } from './metrics.js';
import { profileAdmission } from './profile-webhook.js';
import {
  mutateSveltosClusterAdmission,
  validateSveltosClusterAdmission,
} from './sveltos-cluster-webhook.js';
import { WEBHOOK_PATHS } from './webhook-names.js';

/** Largest AdmissionReview accepted (kube-apiserver objects are ≤ 1.5 MiB, reviews carry two). */
export const DEFAULT_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

export interface WebhookAppOptions {
  context: AdmissionContext;
  metrics: WebhookMetrics;
  logger: Logger;
  isReady: () => boolean;
  bodyLimitBytes?: number;
}

/** Which handler serves which path. */
export const ROUTES: readonly [string, AdmissionHandler][] = [
  [WEBHOOK_PATHS.validateClusterProfile, profileAdmission('ClusterProfile')],
  [WEBHOOK_PATHS.validateProfile, profileAdmission('Profile')],
  [WEBHOOK_PATHS.validateSveltosCluster, validateSveltosClusterAdmission],
  [WEBHOOK_PATHS.mutateSveltosCluster, mutateSveltosClusterAdmission],
];

/** Builds the application; it does not listen. */
export function createWebhookApp(opts: WebhookAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/healthz', (_req, res) => void res.type('text/plain').send('ok'));
  app.get('/readyz', (_req, res) => {
    if (opts.isReady()) res.type('text/plain').send('ok');
    else res.status(503).type('text/plain').send('not ready');
  });
  app.get('/metrics', (_req, res, next) => {
    opts.metrics.registry
      .metrics()
      .then((text) => void res.type(opts.metrics.registry.contentType).send(text), next);
  });
  const parseJson = express.json({
    limit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    type: () => true,
    strict: false,
  });
  for (const [path, handler] of ROUTES) {
    app.post(
      path,
      (_req, res, next) => {
        res.locals.startedAt = process.hrtime.bigint();
        next();
      },
      parseJson,
      (req, res) => void admit(req, res, handler, opts),
    );
  }
  app.use((_req: Request, res: Response) => {
    sendStatus(res, 404, 'NotFound', 'No such endpoint');
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    bodyError(err, req, res, opts);
  });
  return app;
}

async function admit(
  req: Request,
  res: Response,
  handler: AdmissionHandler,
  opts: WebhookAppOptions,
): Promise<void> {
  const decoded = decodeAdmissionReview(req.body);
  if (!decoded.ok && decoded.uid === undefined) {
    finish(req, res, opts, 'bad_request');
    sendStatus(res, 400, 'BadRequest', decoded.message);
    return;
  }
  const response = decoded.ok
    ? await runHandler(decoded.request, handler, opts)
    : errored(decoded.uid ?? '', 400, decoded.message);
  finish(req, res, opts, resultOf(response));
  logOutcome(decoded.ok ? decoded.request : undefined, response, opts.logger);
  res.status(200).json(toReview(response));
}

async function runHandler(
  request: AdmissionRequest,
  handler: AdmissionHandler,
  opts: WebhookAppOptions,
): Promise<AdmissionResponse> {
  try {
    return await handler(request, opts.context);
  } catch (err) {
    opts.logger.error('Admission handler failed', { uid: request.uid, error: err as Error });
    return errored(request.uid, 500, `Internal error while admitting ${request.kind.kind}`);
  }
}

function finish(req: Request, res: Response, opts: WebhookAppOptions, result: RequestResult): void {
  const started = res.locals.startedAt as bigint | undefined;
  const seconds = started ? Number(process.hrtime.bigint() - started) / 1e9 : 0;
  opts.metrics.observe(req.path, result, seconds);
}

function logOutcome(
  request: AdmissionRequest | undefined,
  response: AdmissionResponse,
  logger: Logger,
): void {
  const result = resultOf(response);
  if (result === 'allowed' || result === 'patched') {
    logger.debug(`Admitted ${request?.kind.kind ?? 'object'}`, identity(request, response));
    return;
  }
  const verb = result === 'denied' ? 'Denied' : 'Failed to admit';
  logger.info(`${verb} ${request?.kind.kind ?? 'object'}`, {
    ...identity(request, response),
    reason: response.status?.message.slice(0, 500),
  });
}

function identity(
  request: AdmissionRequest | undefined,
  response: AdmissionResponse,
): Record<string, unknown> {
  return {
    uid: response.uid,
    operation: request?.operation,
    namespace: request?.namespace || undefined,
    name: request?.name || undefined,
  };
}

// Errors before a handler runs come from the body parser: size, syntax, encoding.
function bodyError(err: unknown, req: Request, res: Response, opts: WebhookAppOptions): void {
  const status = clientErrorStatus(err);
  if (status === 500)
    opts.logger.error('Webhook request failed', { path: req.path, error: err as Error });
  if (req.method === 'POST') finish(req, res, opts, 'bad_request');
  if (res.headersSent) return;
  sendStatus(
    res,
    status,
    status === 413 ? 'RequestEntityTooLarge' : 'BadRequest',
    bodyErrorMessage(err, opts),
  );
}

function clientErrorStatus(err: unknown): number {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function bodyErrorMessage(err: unknown, opts: WebhookAppOptions): string {
  const e = err as { type?: string; message?: string };
  if (e.type === 'entity.too.large') {
    return `AdmissionReview larger than ${opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES} bytes`;
  }
  return `Malformed request body: ${e.message ?? 'unknown error'}`;
}

function sendStatus(res: Response, code: number, reason: string, message: string): void {
  res
    .status(code)
    .json({ apiVersion: 'v1', kind: 'Status', status: 'Failure', code, reason, message });
}
