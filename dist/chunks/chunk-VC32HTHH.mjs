import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  Rk1Error
} from "./chunk-56JNS6Q3.mjs";

// src/common/github-api.ts
var GitHubPermissionError = class extends Rk1Error {
  constructor(what, evidence, permission) {
    super(`The GitHub token may not ${what}.`, {
      step: "github",
      evidence,
      advice: `Give the job \`permissions: ${permission}\`; fork pull requests only ever get a read-only token.`
    });
  }
};

export {
  GitHubPermissionError
};
