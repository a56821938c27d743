import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);

// src/common/pr-comment.ts
async function upsertMarkedComment(api, pr, marker, body) {
  const me = await api.login();
  const ours = (await api.listComments(pr)).find((c2) => c2.body.includes(marker) && c2.author === me);
  if (ours) {
    const c2 = await api.updateComment(ours.id, body);
    return { id: c2.id, url: c2.url, updated: true };
  }
  const c = await api.createComment(pr, body);
  return { id: c.id, url: c.url, updated: false };
}

export {
  upsertMarkedComment
};
