// HTTP handling of resource requests (`/api/v1/...`, `/apis/G/V/...`): resolves the resource,
// parses query options, decodes bodies, calls the shared read/write functions and renders the
// answer (JSON object, list, Table, watch stream, Status) with kube's codes and headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeObjectBody, decodePatchBody, patchKindOf } from './body-decode.js';
import type { RequestInfo, UserInfo } from './extension-points.js';
import type { MediaRange } from './http-io.js';
import { readBody, sendJson, sendRawJson, setWarnings, wantsTable } from './http-io.js';
import { compileFilter, getObject, listBody, listObjects } from './read-list.js';
import { getScale, patchScale, updateScale } from './scale.js';
import type { ClusterRuntime, FieldValidation, Scope, WriteOptions } from './scope.js';
import { badRequest, methodNotSupported, pathNotFound } from './status-errors.js';
import { includeObjectOf, toTable } from './tables.js';
import type { ResourceInfo } from './types.js';
import { handleVirtual } from './virtual-handler.js';
import type { WatchSpec } from './watch-core.js';
import { serveWatch } from './watch-http.js';
import { createObject } from './write-create.js';
import type { WriteResult } from './write-create.js';
import type { DeleteOptions } from './write-delete.js';
import { deleteCollection, deleteObject } from './write-delete.js';
import { patchObject } from './write-patch.js';
import { updateObject } from './write-update.js';

/** Everything known about one HTTP request once it is authenticated and authorized. */
export interface HttpContext {
  req: IncomingMessage;
  res: ServerResponse;
  rt: ClusterRuntime;
  user: UserInfo;
  info: RequestInfo;
  query: URLSearchParams;
  accept: MediaRange[];
}

const VALIDATIONS = new Set(['Strict', 'Warn', 'Ignore']);

function writeOptions(ctx: HttpContext): WriteOptions {
  const dryRun = ctx.query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All'))
    throw badRequest(`Invalid dry run value: ${dryRun.join(',')}`);
  const fv = ctx.query.get('fieldValidation') ?? 'Warn';
  if (!VALIDATIONS.has(fv)) {
    throw badRequest(
      `fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Warn", "Strict"`,
    );
  }
  return {
    dryRun: dryRun.length > 0,
    fieldManager: ctx.query.get('fieldManager') ?? undefined,
    fieldValidation: fv as FieldValidation,
    force: ctx.query.get('force') === 'true',
    userAgent: ctx.req.headers['user-agent'],
  };
}

function reply(ctx: HttpContext, scope: Scope, result: WriteResult): void {
  setWarnings(ctx.res, scope.warnings);
  sendJson(ctx.res, result.code, result.object);
}

function serveRead(ctx: HttpContext, scope: Scope): void {
  const { rt, info, query } = ctx;
  const r = scope.resource;
  if (info.verb === 'get') {
    if (info.subresource === 'scale') return sendJson(ctx.res, 200, getScale(scope));
    const obj = getObject(rt, r, info.namespace, info.name);
    const body = wantsTable(ctx.accept)
      ? toTable(r, [obj], {
          includeObject: includeObjectOf(query),
          listMeta: { resourceVersion: obj.metadata.resourceVersion ?? '' },
        })
      : obj;
    return sendJson(ctx.res, 200, body);
  }
  const limit = Number(query.get('limit') ?? '0');
  const result = listObjects(rt, r, {
    namespace: info.namespace,
    filter: compileFilter(query.get('labelSelector'), query.get('fieldSelector')),
    limit: Number.isFinite(limit) ? limit : 0,
    continueToken: query.get('continue') ?? undefined,
  });
  if (!wantsTable(ctx.accept)) {
    const { items, ...head } = listBody(r, result);
    return sendRawJson(ctx.res, 200, rt.store.json.list(head, items));
  }
  const listMeta = {
    resourceVersion: result.resourceVersion,
    ...(result.continueToken
      ? { continue: result.continueToken, remainingItemCount: result.remainingItemCount }
      : {}),
  };
  sendJson(
    ctx.res,
    200,
    toTable(r, result.items, { includeObject: includeObjectOf(query), listMeta }),
  );
}

function serveWatchRequest(ctx: HttpContext, r: ResourceInfo): void {
  const { query, info } = ctx;
  const timeout = Number(query.get('timeoutSeconds') ?? '0');
  const initial = query.get('sendInitialEvents');
  const spec: WatchSpec = {
    resource: r,
    namespace: info.namespace,
    name: info.name || undefined,
    filter: compileFilter(query.get('labelSelector'), query.get('fieldSelector')),
    resourceVersion: query.get('resourceVersion') ?? undefined,
    sendInitialEvents: initial === null ? undefined : initial === 'true',
    allowBookmarks: query.get('allowWatchBookmarks') === 'true',
  };
  serveWatch(ctx.req, ctx.res, ctx.rt, {
    spec,
    timeoutSeconds: Number.isFinite(timeout) ? timeout : 0,
    ...(wantsTable(ctx.accept) ? { table: { includeObject: includeObjectOf(query) } } : {}),
  });
}

async function deleteOptionsOf(ctx: HttpContext): Promise<DeleteOptions> {
  const body = decodeObjectBody(await readBody(ctx.req), ctx.req.headers['content-type']) as
    DeleteOptions | undefined;
  const opts: DeleteOptions = { ...(body ?? {}) };
  const policy = ctx.query.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy;
  if (ctx.query.get('orphanDependents') === 'true') opts.orphanDependents = true;
  if (opts.propagationPolicy === '') delete opts.propagationPolicy;
  return opts;
}

async function serveWrite(ctx: HttpContext, scope: Scope): Promise<WriteResult> {
  const { info, req } = ctx;
  switch (info.verb) {
    case 'create':
      if (info.name)
        throw methodNotSupported({ group: info.apiGroup, resource: info.resource }, 'create');
      return createObject(
        scope,
        decodeObjectBody(await readBody(req), req.headers['content-type']),
      );
    case 'update': {
      const body = decodeObjectBody(await readBody(req), req.headers['content-type']);
      return info.subresource === 'scale' ? updateScale(scope, body) : updateObject(scope, body);
    }
    case 'patch': {
      const kind = patchKindOf(req.headers['content-type']);
      const patch = decodePatchBody(await readBody(req), kind);
      return info.subresource === 'scale'
        ? patchScale(scope, kind, patch)
        : patchObject(scope, kind, patch);
    }
    case 'delete':
      return deleteObject(scope, await deleteOptionsOf(ctx));
    default: {
      const opts = await deleteOptionsOf(ctx);
      const filter = compileFilter(ctx.query.get('labelSelector'), ctx.query.get('fieldSelector'));
      const objects = listObjects(ctx.rt, scope.resource, {
        namespace: info.namespace,
        filter,
      }).items;
      return deleteCollection(scope, objects, opts);
    }
  }
}

function checkServed(r: ResourceInfo, info: RequestInfo): void {
  if (info.subresource && !r.subresources.includes(info.subresource)) throw pathNotFound();
  if (info.namespace && !r.namespaced && info.resource !== 'namespaces') throw pathNotFound();
  if (!info.subresource && !r.verbs.includes(info.verb)) {
    throw methodNotSupported({ group: r.group, resource: r.resource }, info.verb);
  }
}

/** Serves one resource request; throws StatusError for the caller to render. */
export async function handleResource(ctx: HttpContext): Promise<void> {
  const { rt, info } = ctx;
  const r = rt.registry.lookup(info.apiGroup, info.apiVersion, info.resource);
  const virtual = rt.registry.findVirtual(
    info.apiGroup,
    info.apiVersion,
    info.resource,
    info.subresource,
  );
  if (virtual) return handleVirtual(ctx, virtual);
  if (!r) throw pathNotFound();
  checkServed(r, info);
  // The Namespace object carries its own name as request namespace (for RBAC); storage does not.
  const scoped: HttpContext = r.namespaced ? ctx : { ...ctx, info: { ...info, namespace: '' } };
  const scope: Scope = {
    rt,
    user: ctx.user,
    info: scoped.info,
    resource: r,
    opts: writeOptions(ctx),
    warnings: [],
  };
  if (info.verb === 'get' || info.verb === 'list') return serveRead(scoped, scope);
  if (info.verb === 'watch') return serveWatchRequest(scoped, r);
  reply(scoped, scope, await serveWrite(scoped, scope));
}
