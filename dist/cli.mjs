#!/usr/bin/env node
import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-FKEL72UQ.mjs";
import "./chunks/chunk-BCNPWWUP.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/entry/cli.ts
process.exitCode = await main(process.argv.slice(2));
