#!/usr/bin/env node
import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-MAQ7DD7K.mjs";
import "./chunks/chunk-OZ7ONKTY.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-AAZSCV46.mjs";

// src/entry/cli.ts
process.exitCode = await main(process.argv.slice(2));
