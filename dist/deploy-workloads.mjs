import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-FOKEJ5WY.mjs";
import {
  findCommand
} from "./chunks/chunk-OZ7ONKTY.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-AAZSCV46.mjs";

// src/entry/deploy-workloads.ts
await runAction(findCommand("deploy-workloads"));
