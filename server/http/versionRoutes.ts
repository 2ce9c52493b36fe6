/** The version, status and review routes under /api: thin adapters from HTTP to commands. */
import { Router, type Request } from 'express';
import type { MemberRow } from '../store/Store';
import * as reviews from '../commands/reviews';
import { getReview, listActivity, reviewLists } from '../commands/reviewViews';
import * as versions from '../commands/versions';
import type { VersionsContext } from '../commands/versions';
import { handle, param, requireMember } from './middleware';

/** Routes for versions, diffs, restores, statuses, reviews, activity and the quorum setting. */
export function versionRouter(ctx: VersionsContext): Router {
  const router = Router();
  const actor = (req: Request): Promise<MemberRow> => requireMember(ctx.store, req);
  const doc = (req: Request) => param(req, 'documentId');

  router.get('/documents/:documentId/versions', handle(async (req, res) => {
    res.json(await versions.listVersions(ctx, await actor(req), doc(req)));
  }));
  router.post('/documents/:documentId/versions', handle(async (req, res) => {
    const { version, created } = await versions.nameVersion(ctx, await actor(req), doc(req), req.body);
    res.status(created ? 201 : 200).json(version);
  }));
  router.get('/documents/:documentId/versions/:versionId', handle(async (req, res) => {
    res.json(await versions.getVersion(ctx, await actor(req), doc(req), param(req, 'versionId')));
  }));
  router.post('/documents/:documentId/versions/:versionId/restore', handle(async (req, res) => {
    res.status(201).json(await versions.restoreVersion(ctx, await actor(req), doc(req), param(req, 'versionId')));
  }));
  router.get('/documents/:documentId/diff', handle(async (req, res) => {
    const query = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : '');
    res.json(await versions.diffVersions(ctx, await actor(req), doc(req), query('from'), query('to') || 'current'));
  }));

  router.get('/documents/:documentId/review', handle(async (req, res) => {
    res.json(await getReview(ctx, await actor(req), doc(req)));
  }));
  router.put('/documents/:documentId/status', handle(async (req, res) => {
    res.json(await reviews.changeStatus(ctx, await actor(req), doc(req), req.body));
  }));
  router.post('/documents/:documentId/reviewers', handle(async (req, res) => {
    res.json(await reviews.requestReviews(ctx, await actor(req), doc(req), req.body));
  }));
  router.post('/documents/:documentId/reviews', handle(async (req, res) => {
    res.status(201).json(await reviews.decide(ctx, await actor(req), doc(req), req.body));
  }));
  router.get('/documents/:documentId/activity', handle(async (req, res) => {
    res.json(await listActivity(ctx, await actor(req), doc(req)));
  }));

  router.get('/workspaces/:workspaceId/reviews', handle(async (req, res) => {
    res.json(await reviewLists(ctx, await actor(req), param(req, 'workspaceId')));
  }));
  router.get('/workspaces/:workspaceId/review-settings', handle(async (req, res) => {
    res.json(await reviews.getReviewSettings(ctx, await actor(req), param(req, 'workspaceId')));
  }));
  router.put('/workspaces/:workspaceId/review-settings', handle(async (req, res) => {
    res.json(await reviews.setReviewSettings(ctx, await actor(req), param(req, 'workspaceId'), req.body));
  }));
  return router;
}
