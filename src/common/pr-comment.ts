import type { GitHubApi } from './github-api'

/**
 * The one comment a command keeps on a pull request, found again by its marker (an HTML comment
 * in the body) AND its author: anyone can paste a marker, and editing their comment would fail
 * with 403 (the job token may only edit its own). Throws GitHubPermissionError when the token may
 * not write (a fork's read-only token, or a job without `pull-requests: write`).
 */
export async function upsertMarkedComment(
  api: GitHubApi,
  pr: number,
  marker: string,
  body: string
): Promise<{ id: number; url: string; updated: boolean }> {
  const me = await api.login()
  const ours = (await api.listComments(pr)).find((c) => c.body.includes(marker) && c.author === me)
  if (ours) {
    const c = await api.updateComment(ours.id, body)
    return { id: c.id, url: c.url, updated: true }
  }
  const c = await api.createComment(pr, body)
  return { id: c.id, url: c.url, updated: false }
}
