import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  context,
  getOctokit
} from "./chunk-K542TAEG.mjs";
import "./chunk-2ABN6F3B.mjs";
import "./chunk-TJN2CFBI.mjs";
export {
  context,
  getOctokit
};
