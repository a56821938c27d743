import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-IMDRS77I.mjs";
import "./chunks/chunk-THUNZOEJ.mjs";
import "./chunks/chunk-752RP7TM.mjs";
import "./chunks/chunk-VC32HTHH.mjs";
import "./chunks/chunk-2ABN6F3B.mjs";
import "./chunks/chunk-7FAVCP4D.mjs";
import {
  findCommand
} from "./chunks/chunk-BJX5V6TN.mjs";
import "./chunks/chunk-2M5DTWY3.mjs";
import "./chunks/chunk-56JNS6Q3.mjs";
import "./chunks/chunk-7BRERKNQ.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/entry/deploy-workloads.ts
await runAction(findCommand("deploy-workloads"));
