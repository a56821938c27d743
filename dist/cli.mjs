#!/usr/bin/env node
import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-XYX6H2SL.mjs";
import "./chunks/chunk-PJDTWO7I.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/entry/cli.ts
process.exitCode = await main(process.argv.slice(2));
