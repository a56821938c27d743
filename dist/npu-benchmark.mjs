import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-CD7AQKSQ.mjs";
import "./chunks/chunk-H437N6NJ.mjs";
import "./chunks/chunk-THUNZOEJ.mjs";
import "./chunks/chunk-2ABN6F3B.mjs";
import {
  findCommand
} from "./chunks/chunk-5YYXC555.mjs";
import "./chunks/chunk-2M5DTWY3.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-7BRERKNQ.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/entry/npu-benchmark.ts
await runAction(findCommand("npu-benchmark"));
