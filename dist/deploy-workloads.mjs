import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-WZRURTXH.mjs";
import {
  findCommand
} from "./chunks/chunk-6SXSKYX3.mjs";
import "./chunks/chunk-SWAD3OI3.mjs";

// src/entry/deploy-workloads.ts
await runAction(findCommand("deploy-workloads"));
