import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import "./chunk-SWAD3OI3.mjs";

// src/commands/provision.ts
async function runProvision(context) {
  context.host.log.info("provision: under construction");
}
export {
  runProvision
};
