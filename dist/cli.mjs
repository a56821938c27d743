#!/usr/bin/env node
import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-KCJBO4LW.mjs";
import "./chunks/chunk-4MEDPBGI.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-AAZSCV46.mjs";

// src/entry/cli.ts
process.exitCode = await main(process.argv.slice(2));
