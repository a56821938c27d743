import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import "./chunk-SWAD3OI3.mjs";

// src/cli/lab-command.ts
async function runLabCommand(name, _argv, _env) {
  process.stderr.write(`rk1 ${name}: under construction
`);
  return 3;
}
export {
  runLabCommand
};
