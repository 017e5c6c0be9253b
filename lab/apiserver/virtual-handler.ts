// HTTP handling of create-only virtual resources and subresources served by plug-ins
// (TokenRequest, TokenReview, access reviews): decode the body, call the plug-in, answer 201.
import { decodeObjectBody } from './body-decode.js';
import type { VirtualResource } from './extension-points.js';
import { readBody, sendJson } from './http-io.js';
import { toKubeObject } from './write-create.js';
import type { HttpContext } from './resource-handler.js';
import { methodNotSupported } from './status-errors.js';

/** Serves a request to a virtual resource; only `create` is allowed (405 otherwise). */
export async function handleVirtual(ctx: HttpContext, v: VirtualResource): Promise<void> {
  const { info, req } = ctx;
  const resource = v.subresource ? `${v.resource}/${v.subresource}` : v.resource;
  if (info.verb !== 'create') throw methodNotSupported({ group: v.group, resource }, info.verb);
  const decoded = decodeObjectBody(await readBody(req), req.headers['content-type']);
  const body = toKubeObject(decoded ?? {}, { kind: v.kind });
  const dryRun = ctx.query.getAll('dryRun').includes('All');
  const result = await v.create({ cluster: ctx.rt.lab, user: ctx.user, info, body, dryRun });
  sendJson(ctx.res, 201, result);
}
