import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-OCUFGRG5.mjs";
import "./chunks/chunk-63DSDN2F.mjs";
import "./chunks/chunk-OKAKXKBG.mjs";
import "./chunks/chunk-B7RWBCFY.mjs";
import "./chunks/chunk-7FAVCP4D.mjs";
import {
  findCommand
} from "./chunks/chunk-KZA73VWU.mjs";
import "./chunks/chunk-BJA7LERO.mjs";
import "./chunks/chunk-56JNS6Q3.mjs";
import "./chunks/chunk-5D5AHUAZ.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/entry/npu-benchmark.ts
await runAction(findCommand("npu-benchmark"));
