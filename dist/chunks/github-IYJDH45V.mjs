import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  context,
  getOctokit
} from "./chunk-W6XWHMKC.mjs";
import "./chunk-B7RWBCFY.mjs";
import "./chunk-TJN2CFBI.mjs";
export {
  context,
  getOctokit
};
