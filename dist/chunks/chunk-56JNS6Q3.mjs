import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);

// src/common/input-style.ts
var cliInputs;
function useCliInputStyle(inputs) {
  cliInputs = inputs ? new Map(inputs.map((i) => [i.name, i])) : void 0;
}
var isBoolean = (input) => input?.default === "true" || input?.default === "false";
function inputRef(name, value) {
  if (!cliInputs) return value === void 0 ? name : `${name}: ${value}`;
  const input = cliInputs.get(name);
  if (input?.secret && input.env) return input.env;
  if (value === void 0 || isBoolean(input) && value === "true") return `--${name}`;
  if (isBoolean(input) && value === "false") return `no --${name}`;
  return `--${name} ${value}`;
}
function inputLocation(name) {
  if (!cliInputs) return `inputs ${name}`;
  const input = cliInputs.get(name);
  if (input?.secret && input.env) return input.env;
  return input?.env ? `--${name} (or ${input.env})` : `--${name}`;
}

// src/common/errors.ts
var Rk1Error = class extends Error {
  node;
  step;
  evidence;
  advice;
  constructor(message, context = {}, options) {
    super(message, options);
    this.name = new.target.name;
    this.node = context.node;
    this.step = context.step;
    this.evidence = context.evidence;
    this.advice = context.advice;
  }
  /** The full multi-line text shown to users: message, then evidence and advice when present. */
  describe() {
    const lines = [this.message];
    if (this.evidence) lines.push(`Seen: ${this.evidence}`);
    if (this.advice) lines.push(`What to do: ${this.advice}`);
    return lines.join("\n");
  }
};
var InputError = class extends Rk1Error {
  problems;
  constructor(summary, problems) {
    super(summary, { step: "input", advice: "Fix the listed problems; nothing was changed." });
    this.problems = problems;
  }
  describe() {
    const lines = [this.message];
    for (const p of this.problems) lines.push(`  - ${formatProblemLocation(p)}${p.message}`);
    if (this.advice) lines.push(`What to do: ${this.advice}`);
    return lines.join("\n");
  }
};
function formatProblemLocation(p) {
  if (p.file === "inputs" && p.line === void 0) return `${inputLocation(p.path)}: `;
  const where = [p.file, p.line !== void 0 ? `${p.line}:${p.column ?? 1}` : void 0].filter(Boolean).join(":");
  const path = p.path ? `${p.path}` : "(document)";
  return where ? `${where} ${path}: ` : `${path}: `;
}
var NotImplementedError = class extends Rk1Error {
  constructor(command) {
    super(`The command "${command}" is not implemented yet.`, {
      step: command,
      advice: "Follow the project issues for its progress; nothing was changed."
    });
  }
};
var ConfirmationError = class extends Rk1Error {
};
function errorText(error) {
  if (error instanceof Rk1Error) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}

export {
  useCliInputStyle,
  inputRef,
  Rk1Error,
  InputError,
  formatProblemLocation,
  NotImplementedError,
  ConfirmationError,
  errorText
};
