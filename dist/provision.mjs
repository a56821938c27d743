import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-CFEUDBVD.mjs";
import {
  findCommand
} from "./chunks/chunk-YQF5GTZI.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-AAZSCV46.mjs";

// src/entry/provision.ts
await runAction(findCommand("provision"));
